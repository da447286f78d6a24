/**
 * Every key in force on this tab (the config file's keys over the defaults),
 * from the same table of commands that drives input and the footer. Scrolls
 * (↑↓) when the terminal is too short to show them all.
 */
import { Text } from 'ink';
import type { ReactElement } from 'react';
import { truncate } from '../util/text.js';
import type { DetailLayout } from '../views/detail.js';
import { DEFAULT_KEYMAP, type KeyMap } from '../input/bindings.js';
import { keyHint } from '../input/key-map.js';
import { helpPageSize } from '../model/layout.js';
import { ListPane } from './TwoColumnList.js';

export function HelpOverlay({
  title,
  layout,
  width,
  height,
  offset,
  keymap = DEFAULT_KEYMAP,
}: {
  title: string;
  /** The help's lines (dashboard/screen.ts helpLayout). */
  layout: DetailLayout;
  width: number;
  height: number;
  offset: number;
  keymap?: KeyMap;
}): ReactElement {
  const { keyWidth, lines } = layout;
  // Help opens only by a key, so at least one of these is bound.
  const closers = [keyHint(keymap, 'close'), keyHint(keymap, 'help')].filter((key) => key !== null);
  const pageSize = helpPageSize(height);
  return (
    <ListPane
      title={
        <Text bold wrap="truncate">
          {truncate(` ${title}`, width)}
        </Text>
      }
      titles={['Key', 'Action']}
      lines={lines}
      keyWidth={keyWidth}
      offset={offset}
      pageSize={pageSize}
      height={height}
      width={width}
      closing={`${closers.join(' or ')} closes this help`}
    />
  );
}
