/**
 * A resource's log, full screen: a title line, then the lines, newest at the
 * bottom unless scrolled. Long lines are cut (`w` wraps them instead, with
 * wrap-ansi, the library Ink wraps with). Lines that contain the search are
 * lit where they match; the line `n`/`N` last found is marked in the margin.
 * The lines are already clean of escape sequences (LogBuffer); the title's
 * name comes from the API and is sanitized here.
 */
import { usePalette, type ColourRole } from '../views/theme.js';
import { Box, Text } from 'ink';
import { memo, type ReactElement } from 'react';
import wrapAnsi from 'wrap-ansi';
import { sanitize, textWidth, truncate } from '../util/text.js';
import { logPageSize } from '../model/layout.js';

export interface LogsPaneProps {
  /** `pod gpu-train-1`: what the log is of. */
  title: string;
  /** The lines kept, the first of them numbered `first` (LogBuffer). */
  lines: readonly string[];
  first: number;
  /** Changes whenever lines are added: `lines` is the buffer's own array, added to in place. */
  version: number;
  /** The line at the top, or null for the newest lines at the bottom. */
  top: number | null;
  follow: boolean;
  wrap: boolean;
  search: string;
  match: number | null;
  /** Why the last fetch failed, in one line; the lines already read stay. */
  error: string | null;
  /** No fetch has answered yet. */
  loading: boolean;
  width: number;
  height: number;
  monochrome?: boolean;
}

/** The margin: `›` on the line last found. */
const MARGIN = 2;

interface Row {
  key: string;
  text: string;
  number: number;
}

export const LogsPane = memo(function LogsPane(props: LogsPaneProps): ReactElement {
  const { lines, first, top, follow, wrap, search, match, width, height, monochrome = false } = props;
  const pageSize = logPageSize(height);
  const lineWidth = Math.max(1, width - MARGIN);
  const rows = visibleRows(lines, first, top, pageSize, wrap ? lineWidth : null);
  const end = first + lines.length;
  const below = top === null ? 0 : Math.max(0, end - (rows.at(-1)?.number ?? end - 1) - 1);
  const state = [
    `${end.toLocaleString('en-US')} lines${first > 0 ? ` (the oldest ${first.toLocaleString('en-US')} no longer kept)` : ''}`,
    follow ? 'following' : 'not following (f follows)',
    below > 0 ? `${below.toLocaleString('en-US')} newer below (G)` : '',
    search ? `/${search}` : '',
  ].filter(Boolean);
  const palette = usePalette();
  const paint = (role: ColourRole): string | undefined => (monochrome ? undefined : palette[role]);

  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">
        <Text bold>{truncate(` Logs · ${sanitize(props.title)} `, Math.max(1, Math.floor(width / 2)))}</Text>
        {props.error ? (
          <Text color={paint('error')}>{truncate(`✕ ${props.error}`, width)}</Text>
        ) : (
          <Text dimColor>{truncate(`· ${state.join(' · ')}`, width)}</Text>
        )}
      </Text>
      {rows.length === 0 ? (
        <Text dimColor>{truncate(props.loading ? ' Reading the log…' : ' The log is empty so far', width)}</Text>
      ) : (
        rows.map((row) => (
          <Text key={row.key} wrap="truncate">
            <Text color={paint('warning')} bold>
              {row.number === match ? '› ' : '  '}
            </Text>
            <Highlighted text={truncate(row.text, lineWidth)} search={search} monochrome={monochrome} />
          </Text>
        ))
      )}
    </Box>
  );
});

/**
 * The screen lines to draw: from `top` down, or up from the newest line;
 * each log line is one screen line, or several when wrapped to `wrapWidth`.
 */
function visibleRows(
  lines: readonly string[],
  first: number,
  top: number | null,
  pageSize: number,
  wrapWidth: number | null,
): Row[] {
  const split = (index: number): Row[] => {
    const number = first + index;
    const text = lines[index]!;
    const parts =
      wrapWidth === null || textWidth(text) <= wrapWidth
        ? [text]
        : wrapAnsi(text, wrapWidth, { hard: true, trim: false, wordWrap: false }).split('\n');
    return parts.map((part, at) => ({ key: `${number}:${at}`, text: part, number }));
  };
  const rows: Row[] = [];
  if (top === null) {
    for (let index = lines.length - 1; index >= 0 && rows.length < pageSize; index--) rows.unshift(...split(index));
    return rows.slice(-pageSize);
  }
  for (let index = Math.max(0, top - first); index < lines.length && rows.length < pageSize; index++)
    rows.push(...split(index));
  return rows.slice(0, pageSize);
}

/** `text` with every case-insensitive occurrence of `search` lit. */
function Highlighted({
  text,
  search,
  monochrome,
}: {
  text: string;
  search: string;
  monochrome: boolean;
}): ReactElement {
  const palette = usePalette();
  if (search === '') return <Text>{text}</Text>;
  const lower = text.toLowerCase();
  const needle = search.toLowerCase();
  const parts: ReactElement[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1 && needle.length > 0; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push(<Text key={`t${from}`}>{text.slice(from, at)}</Text>);
    parts.push(
      <Text
        key={`m${at}`}
        inverse={monochrome}
        color={monochrome ? undefined : 'black'}
        backgroundColor={monochrome ? undefined : palette.match}
      >
        {text.slice(at, at + needle.length)}
      </Text>,
    );
    from = at + needle.length;
  }
  if (from < text.length) parts.push(<Text key={`t${from}`}>{text.slice(from)}</Text>);
  return <>{parts}</>;
}
