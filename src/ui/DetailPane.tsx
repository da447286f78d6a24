/**
 * Every field of the selected resource, key/value, long values going on
 * over further lines. The pane follows the resource by id as polls arrive;
 * if it disappears, the last known fields stay with a note saying so.
 */
import { Text } from 'ink';
import type { ReactElement } from 'react';
import { detailLines, type DetailEntry } from '../views/detail.js';
import { sparkline } from '../views/sparkline.js';
import { pad, textWidth, truncate } from '../util/text.js';
import type { DetailTrend } from '../dashboard/screen.js';
import { detailPageSize } from '../model/layout.js';
import { ListPane } from './TwoColumnList.js';

export interface DetailPaneProps {
  title: string;
  /** What the pane lists (dashboard/detail.ts). */
  entries: readonly DetailEntry[];
  /** False when the resource has left the list since the pane opened. */
  present: boolean;
  /** One line about fetching the whole resource, or null. */
  notice?: string | null;
  offset: number;
  width: number;
  height: number;
  /** The resource's trend (a node's GPU load), drawn right of the title as the space allows. */
  trend?: DetailTrend | null;
  /** Whether sparkline glyphs may be drawn; otherwise the trend is told in figures. */
  sparklines?: boolean;
}

/**
 * `GPU load ▂▃▅▇▇ 87%` with as many readings as fit in `room` columns, or in
 * figures where glyphs are not drawn: `GPU load 87% (12%–95% over 60 readings)`.
 */
export function trendText(trend: DetailTrend, room: number, sparklines: boolean): string {
  const current = trend.readings.at(-1);
  if (current === undefined) return '';
  const now = trend.format(current);
  if (!sparklines) {
    const range = `${trend.format(Math.min(...trend.readings))}–${trend.format(Math.max(...trend.readings))}`;
    return `${trend.label} ${now} (${range} over ${trend.readings.length} readings)`;
  }
  const fixed = textWidth(`${trend.label}  ${now}`);
  const spark = sparkline(trend.readings, Math.max(0, room - fixed), trend.scale);
  return spark ? `${trend.label} ${spark} ${now}` : `${trend.label} ${now}`;
}

export function DetailPane({
  title,
  entries,
  present,
  notice = null,
  offset,
  width,
  height,
  trend = null,
  sparklines = false,
}: DetailPaneProps): ReactElement {
  const { keyWidth, lines } = detailLines(entries, width);
  const pageSize = detailPageSize(height);
  const titleWidth = textWidth(truncate(` ${title}`, width));
  const room = width - titleWidth - 2;
  const told = trend && room > 12 ? trendText(trend, room - 1, sparklines) : '';
  const trendLine = told ? pad(truncate(told, room), room + 1, 'right') : '';
  return (
    <ListPane
      title={
        <Text wrap="truncate">
          <Text bold>{truncate(` ${title}`, width)}</Text>
          {trendLine}
        </Text>
      }
      titles={['Field', 'Value']}
      lines={lines}
      keyWidth={keyWidth}
      offset={offset}
      pageSize={pageSize}
      height={height}
      width={width}
      notes={[notice ?? '', present ? '' : 'No longer in the list: showing what was last seen'].filter(Boolean)}
      closing="Esc close"
    />
  );
}
