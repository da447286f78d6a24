/**
 * The screen's arithmetic, in one place: how many lines each part takes and
 * how many rows a pane shows at once. The components draw with these figures
 * and the controllers page and scroll with them, so what a key scrolls by is
 * always what the screen shows.
 */

/** The header: where the data comes from and the tab bar, then its message (at least one line, blank or not). */
export const HEADER_FIXED_LINES = 2;
/** An open prompt takes the flash line's and the footer's place: its line and a hint. */
export const PROMPT_HEIGHT = 2;

export interface ScreenLayout {
  /** Lines between header and footer for the table or an overlay. */
  bodyHeight: number;
  /** Lines of the events panel under it; 0 when closed. */
  eventsHeight: number;
}

export interface ScreenParts {
  eventsOpen: boolean;
  /** Lines the tab line takes: two when the active tab's summary is under the tabs (dashboard/tab-line.ts). */
  tabLines?: number;
  /** Lines the header's message and the flash line take (at least one each; messages.ts). */
  messageLines?: number;
  flashLines?: number;
  /** An open prompt stands where the flash line and the footer are. */
  prompt?: boolean;
}

export function screenLayout(
  height: number,
  { eventsOpen, tabLines = 1, messageLines = 1, flashLines = 1, prompt = false }: ScreenParts,
): ScreenLayout {
  const header = HEADER_FIXED_LINES - 1 + Math.max(1, tabLines) + Math.max(1, messageLines);
  const bottom = prompt ? PROMPT_HEIGHT : Math.max(1, flashLines) + 1;
  const mainHeight = Math.max(2, height - header - bottom);
  const eventsHeight = eventsOpen ? Math.min(eventsPanelHeight(mainHeight), mainHeight - 2) : 0;
  return { bodyHeight: mainHeight - eventsHeight, eventsHeight };
}

/** Rows the events panel takes under a table of `bodyHeight` lines: a third, within sensible bounds. */
export function eventsPanelHeight(bodyHeight: number): number {
  return Math.max(4, Math.min(12, Math.floor(bodyHeight / 3)));
}

/** A list pane's (help, details) title line, column header and hint line around its lines. */
const LIST_PANE_CHROME = 3;

/** Lines the help shows at once. */
export function helpPageSize(height: number): number {
  return Math.max(1, height - LIST_PANE_CHROME);
}

/** Lines the detail pane shows at once. */
export function detailPageSize(height: number): number {
  return Math.max(1, height - LIST_PANE_CHROME);
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
/** A dialog is at most this wide, as wide as the terminal below it: room for a warning whole, and a list's names. */
const SINGLE_MAX_WIDTH = 80;
const LIST_MAX_WIDTH = 110;
/** Border and one column of padding each side. */
const BOX_CHROME_X = 4;

/** The dialog's box and the width inside it. */
export function dialogWidths(width: number, single: boolean): { box: number; inner: number } {
  const box = Math.max(0, Math.min(Math.floor(width), single ? SINGLE_MAX_WIDTH : LIST_MAX_WIDTH));
  return { box, inner: Math.max(1, box - BOX_CHROME_X) };
}

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
  /** Lines the warning takes (a one-target dialog wraps it). */
  warningLines?: number;
  /** Lines the name prompt and its field take, when the dialog asks for the name. */
  typedLines?: number;
}

export function dialogLayout(
  height: number,
  { count, missingNote = false, fields = 0, warningLines = 1, typedLines = 0 }: DialogShape,
): DialogLayout {
  if (count <= 1) {
    const lines = SINGLE_CHROME + 2 + fields + (missingNote ? 1 : 0) + (warningLines - 1) + typedLines;
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
