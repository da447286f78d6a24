/**
 * The tab line, laid out for a width: each tab with its count and `Δn`, and
 * the active tab's summary (marks, filter, `N of M`, what the rows cost).
 * The summary is what a person acts on — a filter they forgot is a wrong
 * deletion waiting — so it is never cut and never dropped: right of the tabs
 * where it fits whole, else on a line of its own under them. Only the hint
 * (`terminated hidden (a)`) gives way for lack of room.
 */
import { textWidth, truncate } from '../util/text.js';
import { thousands } from '../views/format.js';
import type { ResourceKind } from '../views/resource.js';

/** A tab as the tab line names it. */
export interface TabInfo {
  kind: ResourceKind;
  title: string;
  count: number | null;
  /** Transitions there since the tab was last on screen. */
  unseen: number;
}

/** What the tab line says about the active tab. */
export interface TabSummary {
  /** Most important first (`✓ 3 marked`, `/label:eval`, `12 of 40`, `$38.10/hr`). */
  parts: readonly string[];
  /** Said only where it fits (`terminated hidden (a)`). */
  hint?: string;
}

export interface TabLabel {
  kind: ResourceKind;
  /** ` 2 Sandboxes 31 `, cut only when the tabs alone are wider than the screen. */
  text: string;
  /** `Δ3 ` on a tab not on screen whose resources changed; '' otherwise. */
  unseen: string;
  active: boolean;
}

export interface TabLine {
  labels: readonly TabLabel[];
  /** The summary right of the tabs, padded to the line's end; '' when it is below or empty. */
  inline: string;
  /** The summary on a line of its own, when it does not fit right of the tabs; null otherwise. */
  below: string | null;
}

const SEPARATOR = ' · ';
/** Room the summary needs right of the tabs to be worth showing there. */
const MIN_INLINE_ROOM = 8;

export function tabLine(
  tabs: readonly TabInfo[],
  activeKind: ResourceKind,
  summary: TabSummary,
  width: number,
): TabLine {
  let used = 0;
  const labels = tabs.map((tab, index): TabLabel => {
    const label = ` ${index + 1} ${tab.title} ${tab.count === null ? '…' : thousands(tab.count)} `;
    const text = truncate(label, Math.max(0, width - used));
    // Δn: changes on a tab you are not looking at, so a hidden tab's news is not missed.
    const unseen =
      tab.unseen > 0 && tab.kind !== activeKind
        ? truncate(`Δ${tab.unseen} `, Math.max(0, width - used - textWidth(text)))
        : '';
    used += textWidth(text) + textWidth(unseen) + 1;
    return { kind: tab.kind, text, unseen, active: tab.kind === activeKind };
  });
  const room = width - used - 1;
  const essential = summary.parts.join(SEPARATOR);
  if (textWidth(essential) <= room && (essential === '' || room >= MIN_INLINE_ROOM)) {
    const withHint = summary.hint ? [...summary.parts, summary.hint].join(SEPARATOR) : essential;
    return { labels, inline: textWidth(withHint) <= room ? withHint : essential, below: null };
  }
  // A line of its own, one space in from each side like the tabs: whole parts, as many as fit, the hint last.
  const below = wholeParts(summary.hint ? [...summary.parts, summary.hint] : summary.parts, width - 2);
  return { labels, inline: '', below: below === '' ? null : below };
}

/** As many of `parts` as fit whole in `room`, joined; only a first part wider than the screen is cut. */
function wholeParts(parts: readonly string[], room: number): string {
  for (let count = parts.length; count > 0; count--) {
    const text = parts.slice(0, count).join(SEPARATOR);
    if (textWidth(text) <= room) return text;
  }
  return parts[0] ? truncate(parts[0], room) : '';
}

/** Lines the tab line takes: one, or two when its summary is under it. */
export function tabLineHeight(line: TabLine): number {
  return line.below === null ? 1 : 2;
}
