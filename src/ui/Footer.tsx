import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import { textWidth, truncate } from '../util/text.js';
import type { AnyRow, ResourceView } from '../views/index.js';
import { DEFAULT_KEYMAP, type KeyMap, type Mode } from '../input/bindings.js';
import { footerLabels } from '../input/key-map.js';
import type { CustomCommand } from '../input/custom-commands.js';

const GAP = '  ';
/** Always shown, at the right end: a person who knows nothing else can find everything from these. */
const ESSENTIAL_NAMES = ['help', 'quit'] as const;

/** The keys in force here, on this tab, as many as fit; help and quit (`? help`, `q quit` by default) always do. */
export function footerText(
  mode: Mode,
  width: number,
  view?: ResourceView<AnyRow>,
  keymap: KeyMap = DEFAULT_KEYMAP,
  note = '',
  commands: readonly CustomCommand[] = [],
): string {
  const labels = footerLabels(mode, view, keymap, commands);
  // Whatever keys help and quit have now; none when the file unbound them.
  const essentialLabels = footerLabels('help', undefined, keymap).filter((label) =>
    ESSENTIAL_NAMES.some((name) => label.endsWith(` ${name}`)),
  );
  const essential = essentialLabels.filter((label) => labels.includes(label));
  // Why a key is missing is said in the list, before help and quit, whatever else gives way.
  const tail = [mode === 'table' ? note : '', ...essential].filter(Boolean).join(GAP);
  let text = ' ';
  for (const label of labels) {
    if (essential.includes(label)) continue;
    const next = `${text}${label}${GAP}`;
    if (textWidth(next) + textWidth(tail) > width) break;
    text = next;
  }
  return truncate(text + tail, width);
}

export const Footer = memo(function Footer({
  mode,
  width,
  view,
  keymap,
  note,
  commands,
}: {
  mode: Mode;
  width: number;
  view?: ResourceView<AnyRow>;
  keymap?: KeyMap;
  /** Why an action's key is not in the list (`D: this key is read-only for pods`); a string, so the footer draws again only when it changes. */
  note?: string;
  /** The tab's commands of the config file, listed as its actions are. */
  commands?: readonly CustomCommand[];
}): ReactElement {
  return (
    <Text dimColor wrap="truncate">
      {footerText(mode, width, view, keymap, note, commands)}
    </Text>
  );
});
