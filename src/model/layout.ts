/**
 * The screen's arithmetic, in one place: how many lines each part takes and
 * how many rows a pane shows at once. The components draw with these figures
 * and the controllers page and scroll with them, so what a key scrolls by is
 * always what the screen shows.
 */

/** The header: where the data comes from, the tab bar, a message line. */
export const HEADER_HEIGHT = 3;
/** The flash line and the footer; an open prompt takes the same two lines. */
export const BOTTOM_HEIGHT = 2;
export const PROMPT_HEIGHT = 2;
/** Lines an ink-table (CompactTable) spends beyond its rows: top border, header, header rule, bottom border. */
export const COMPACT_TABLE_CHROME = 4;

export interface ScreenLayout {
  /** Lines between header and footer for the table or an overlay. */
  bodyHeight: number;
  /** Lines of the events panel under it; 0 when closed. */
  eventsHeight: number;
}

export function screenLayout(height: number, eventsOpen: boolean): ScreenLayout {
  const mainHeight = Math.max(2, height - HEADER_HEIGHT - BOTTOM_HEIGHT);
  const eventsHeight = eventsOpen ? Math.min(eventsPanelHeight(mainHeight), mainHeight - 2) : 0;
  return { bodyHeight: mainHeight - eventsHeight, eventsHeight };
}

/** Rows the events panel takes under a table of `bodyHeight` lines: a third, within sensible bounds. */
export function eventsPanelHeight(bodyHeight: number): number {
  return Math.max(4, Math.min(12, Math.floor(bodyHeight / 3)));
}

/** The help's title and hint lines around its table. */
const HELP_CHROME = 2;

export function helpPageSize(height: number): number {
  return Math.max(1, height - HELP_CHROME - COMPACT_TABLE_CHROME);
}

/** The detail pane's title and hint lines around its table. */
const DETAIL_CHROME = 2;

export function detailPageSize(height: number): number {
  return Math.max(1, height - DETAIL_CHROME - COMPACT_TABLE_CHROME);
}

/** The log pane's title line. */
const LOG_CHROME = 1;

/** Log lines the pane shows at once (when each fits on one screen line). */
export function logPageSize(height: number): number {
  return Math.max(1, height - LOG_CHROME);
}

// The confirm dialog. Its list's page size depends on the height; the
// component and the dialog's controller share this computation so scrolling
// and drawing agree.

/** Lines a several-target dialog spends beyond its list: border 2, title, header, position, total, warning, buttons, hint. */
const LIST_CHROME = 9;
/** Blank lines between the parts, when there is room. */
const SPACERS = 3;
/** One-target dialog beyond its fields (name, id and the action's own): border 2, title, warning, buttons, hint. */
const SINGLE_CHROME = 6;
/** The warning and the hint line, which give way on a very short dialog. */
const OPTIONAL_LINES = 2;
/** The name prompt and its text field. */
const TYPED_LINES = 2;

export interface DialogLayout {
  /** Blank lines between the parts. */
  spacers: boolean;
  /** So short that the warning and the key hint give way too (the buttons never do). */
  tight: boolean;
  pageSize: number;
}

export interface DialogShape {
  /** Targets the dialog lists. */
  count: number;
  /** A one-target dialog's note that the target is no longer listed. */
  missingNote?: boolean;
  /** A one-target dialog's own fields. */
  fields?: number;
  /** The dialog asks for the name to be typed. */
  typed?: boolean;
}

export function dialogLayout(
  height: number,
  { count, missingNote = false, fields = 0, typed = false }: DialogShape,
): DialogLayout {
  if (count <= 1) {
    const lines = SINGLE_CHROME + 2 + fields + (missingNote ? 1 : 0) + (typed ? TYPED_LINES : 0);
    return { spacers: height >= lines + SPACERS, tight: height < lines, pageSize: 1 };
  }
  // Spacers only when the list still gets a useful share of the room.
  const spacers = height - LIST_CHROME - SPACERS >= Math.min(count, 3);
  const tight = height - LIST_CHROME < Math.min(count, 2);
  const room = height - LIST_CHROME - (spacers ? SPACERS : 0) + (tight ? OPTIONAL_LINES : 0);
  return { spacers, tight, pageSize: Math.max(1, Math.min(count, room)) };
}

/** Targets the dialog's list shows at once in a dialog of `height` lines. */
export function dialogPageSize(height: number, count: number): number {
  return dialogLayout(height, { count }).pageSize;
}
