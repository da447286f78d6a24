/**
 * The story of what changed, across every resource, newest first:
 * time, kind, name and `OLD → NEW`. Shown under the table (`e` toggles it).
 */
import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import { clockTime } from '../views/format.js';
import { VIEWS } from '../views/index.js';
import { statusCategory } from '../views/status.js';
import { usePalette, type Palette } from '../views/theme.js';
import { pad, sanitize, textWidth, transitionText, truncate } from '../util/text.js';
import { describeTransition, type Transition } from '../changes/transition.js';
import { DEFAULT_KEYMAP, type KeyMap } from '../input/bindings.js';
import { keyHint, withKey } from '../input/key-map.js';

export interface EventsPanelProps {
  events: readonly Transition[];
  /** Newest-first index of the first event shown. */
  offset: number;
  /** The event chosen while the panel has the keys (`E`), by its number; it is kept in view. */
  selectedSeq?: number | null;
  width: number;
  height: number;
  monochrome?: boolean;
  /** The keys in force, which the title names. */
  keymap?: KeyMap;
}

/** Columns of an event's name: a third of the line, within bounds; it gives way before what happened does. */
const NAME_MIN = 8;
const NAME_MAX = 40;

/**
 * `14:02:11  pod      llama-7   PROVISIONING → ACTIVE`. When the line is
 * short the name gives way first, then the old status: what it became is
 * the news and is cut last.
 */
export function eventLine(event: Transition, width: number): string {
  const prefix = ` ${clockTime(event.at)}  ${pad(VIEWS[event.resource].singular, 8, 'left')} `;
  const what = describeTransition(event);
  const room = width - textWidth(prefix);
  const name = sanitize(event.name);
  const nameWidth = Math.max(
    Math.min(NAME_MIN, textWidth(name)),
    Math.min(NAME_MAX, Math.floor(width / 3), room - 1 - textWidth(what)),
  );
  const rest = room - nameWidth - 1;
  const told =
    event.kind === 'changed' && textWidth(what) > rest
      ? transitionText(sanitize(event.from ?? '') || '?', sanitize(event.to ?? '') || '?', rest)
      : what;
  return truncate(`${prefix}${pad(name, nameWidth, 'left')} ${told}`, width);
}

function colourOf(event: Transition, palette: Palette): string | undefined {
  if (event.kind === 'removed') return undefined;
  return palette[statusCategory(event.to ?? '')];
}

export const EventsPanel = memo(function EventsPanel({
  events,
  offset,
  selectedSeq = null,
  width,
  height,
  monochrome = false,
  keymap = DEFAULT_KEYMAP,
}: EventsPanelProps): ReactElement {
  const palette = usePalette();
  const rows = Math.max(0, height - 1);
  const selected = selectedSeq === null ? -1 : events.findIndex((event) => event.seq === selectedSeq);
  // The chosen event stays in view, the offset moving just enough to show it.
  const wanted = selected === -1 ? offset : Math.min(Math.max(offset, selected - rows + 1), selected);
  const start = Math.min(Math.max(0, wanted), Math.max(0, events.length - rows));
  const visible = events.slice(start, start + rows);
  const position =
    events.length > rows ? ` ${start + 1}–${start + visible.length} of ${events.length}` : ` ${events.length}`;
  const newer = keyHint(keymap, 'eventsNewer');
  const older = keyHint(keymap, 'eventsOlder');
  const hints =
    selectedSeq === null
      ? [
          withKey(keymap, 'toggleEvents', (key) => `${key} hide`),
          newer || older ? `${[newer, older].filter(Boolean).join(' ')} scroll` : '',
          withKey(keymap, 'focusEvents', (key) => `${key} choose one`),
        ]
      : [
          '↑↓ choose',
          withKey(keymap, 'eventsJump', (key) => `${key} go to it`),
          withKey(keymap, 'close', (key) => `${key} back`),
        ];
  const title = truncate(
    ` Events${position}${hints
      .filter(Boolean)
      .map((hint) => ` · ${hint}`)
      .join('')}`,
    width,
  );
  const lines = visible.map((event) => {
    const text = eventLine(event, width);
    const chosen = event.seq === selectedSeq;
    return (
      <Text
        key={event.seq}
        wrap="truncate"
        inverse={chosen}
        color={monochrome ? undefined : colourOf(event, palette)}
        dimColor={event.kind === 'removed'}
      >
        {chosen ? pad(text, width) : text}
      </Text>
    );
  });
  return (
    <>
      <Text bold inverse wrap="truncate">
        {pad(title, width)}
      </Text>
      {lines.length > 0 ? (
        lines
      ) : (
        <Text dimColor wrap="truncate">
          {truncate(' No changes yet: transitions appear here as polls bring them.', width)}
        </Text>
      )}
    </>
  );
});
