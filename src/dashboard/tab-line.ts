/**
 * The tab line, laid out for a width: each tab with its count and `Δn`, and
 * the active tab's summary (marks, filter, `N of M`, what the rows cost).
 * The summary is what a person acts on — a filter they forgot is a wrong
 * deletion waiting — so it is never cut and never dropped: right of the tabs
 * where it fits whole, else on a line of its own under them. Only the hint
 * (`terminated hidden (a)`) gives way for lack of room. Where the tabs with
 * their titles are wider than the screen, the tabs not on screen go by their
 * short names, the ones `:` knows (`1 dk 11  2 sb 32  3 Pods 24`), before
 * anything is cut.
 */
import { TAB_NAMES } from '../input/command-line.js';
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
  /** The space before the next tab: '' on a crowded line. */
  gap: string;
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
  const titled = (tab: TabInfo, short: boolean): string =>
    short && tab.kind !== activeKind ? shortName(tab.kind) : tab.title;
  const labelOf = (tab: TabInfo, index: number, short: boolean): string =>
    ` ${index + 1} ${titled(tab, short)} ${tab.count === null ? '…' : thousands(tab.count)} `;
  const unseenOf = (tab: TabInfo): string => (tab.unseen > 0 && tab.kind !== activeKind ? `Δ${tab.unseen} ` : '');
  const widthOf = (short: boolean, gap: string): number =>
    tabs.reduce((sum, tab, index) => sum + textWidth(labelOf(tab, index, short) + unseenOf(tab) + gap), 0);
  // Titles if they fit, else short names, else short names without the space between tabs; then cut.
  const [short, gap] = (
    [
      [false, ' '],
      [true, ' '],
      [true, ''],
    ] as const
  ).find(([shortNames, space]) => widthOf(shortNames, space) <= width) ?? [true, ''];
  let used = 0;
  const labels = tabs.map((tab, index): TabLabel => {
    const label = labelOf(tab, index, short);
    const text = truncate(label, Math.max(0, width - used));
    // Δn: changes on a tab you are not looking at, so a hidden tab's news is not missed.
    const unseen = truncate(unseenOf(tab), Math.max(0, width - used - textWidth(text)));
    used += textWidth(text + unseen + gap);
    return { kind: tab.kind, text, unseen, gap, active: tab.kind === activeKind };
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

/** The name `:` knows a tab by, short enough for a crowded tab line (`dk`, `sb`, `po`). */
function shortName(kind: ResourceKind): string {
  const names = TAB_NAMES[kind];
  return names.find((name) => name.length === 2) ?? names[0]!;
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
