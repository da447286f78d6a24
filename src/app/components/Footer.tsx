import { Text } from 'ink';
import { memo, type ReactElement } from 'react';
import { textWidth, truncate } from '../../views/text.js';
import type { AnyRow, ResourceView } from '../../views/index.js';
import { footerLabels, type Mode } from '../keys.js';

const GAP = '  ';
/** Always shown, at the right end: a person who knows nothing else can find everything from these. */
const ESSENTIAL = ['? help', 'q quit'];

/** The keys that work here, on this tab, as many as fit; `? help` and `q quit` always do. */
export function footerText(mode: Mode, width: number, view?: ResourceView<AnyRow>): string {
  const labels = footerLabels(mode, view);
  const essential = ESSENTIAL.filter((label) => labels.includes(label));
  const tail = essential.join(GAP);
  let text = ' ';
  for (const label of labels) {
    if (essential.includes(label)) continue;
    const next = `${text}${label}${GAP}`;
    if (textWidth(next) + textWidth(tail) > width) break;
    text = next;
  }
  return truncate(text + tail, width);
}

export const Footer = memo(function Footer({ mode, width, view }: { mode: Mode; width: number; view?: ResourceView<AnyRow> }): ReactElement {
  return (
    <Text dimColor wrap="truncate">
      {footerText(mode, width, view)}
    </Text>
  );
});
