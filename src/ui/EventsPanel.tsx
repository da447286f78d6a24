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
import { pad, sanitize, truncate } from '../util/text.js';
import { describeTransition, type Transition } from '../changes/transition.js';
import { DEFAULT_KEYMAP, type KeyMap } from '../input/bindings.js';
import { keyHint, withKey } from '../input/key-map.js';

export interface EventsPanelProps {
  events: readonly Transition[];
  /** Newest-first index of the first event shown. */
  offset: number;
  width: number;
  height: number;
  monochrome?: boolean;
  /** The keys in force, which the title names. */
  keymap?: KeyMap;
}

function colourOf(event: Transition, palette: Palette): string | undefined {
  if (event.kind === 'removed') return undefined;
  return palette[statusCategory(event.to ?? '')];
}

export const EventsPanel = memo(function EventsPanel({
  events,
  offset,
  width,
  height,
  monochrome = false,
  keymap = DEFAULT_KEYMAP,
}: EventsPanelProps): ReactElement {
  const palette = usePalette();
  const rows = Math.max(0, height - 1);
  const start = Math.min(Math.max(0, offset), Math.max(0, events.length - rows));
  const visible = events.slice(start, start + rows);
  const position =
    events.length > rows ? ` ${start + 1}–${start + visible.length} of ${events.length}` : ` ${events.length}`;
  const hide = withKey(keymap, 'toggleEvents', (key) => ` · ${key} hide`);
  const newer = keyHint(keymap, 'eventsNewer');
  const older = keyHint(keymap, 'eventsOlder');
  const title = truncate(
    ` Events${position}${hide}${newer || older ? ` · ${[newer, older].filter(Boolean).join(' ')} scroll` : ''}`,
    width,
  );
  const lines = visible.map((event) => {
    const kind = pad(VIEWS[event.resource].singular, 8, 'left');
    const name = pad(sanitize(event.name), Math.max(8, Math.min(40, Math.floor(width / 3))), 'left');
    const text = truncate(` ${clockTime(event.at)}  ${kind} ${name} ${describeTransition(event)}`, width);
    return (
      <Text
        key={event.seq}
        wrap="truncate"
        color={monochrome ? undefined : colourOf(event, palette)}
        dimColor={event.kind === 'removed'}
      >
        {text}
      </Text>
    );
  });
  return (
    <>
      <Text bold inverse wrap="truncate">
        {pad(title, width)}
      </Text>
      {lines.length > 0 ? lines : <Text dimColor> No changes yet: transitions appear here as polls bring them.</Text>}
    </>
  );
});
