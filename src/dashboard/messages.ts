/**
 * The lines that tell a person something they may have to act on: the
 * header's message (why a list failed, that it was cut short, how to connect
 * in demo mode) and the flash line (the outcome of an action, why a key did
 * nothing). They are shown whole: wrapped onto more lines when they are
 * long, up to a few, never cut where the fix is (`fix: chmod 600 …`). The
 * layout makes room for the lines they take (model/layout.ts).
 */
import { clockTime, thousands } from '../views/format.js';
import { sanitize, textWidth, truncate, wrapLines } from '../util/text.js';
import type { ResourceState } from '../data/queries.js';
import type { FlashMessage, FlashTone } from './useFlash.js';

export type MessageTone = 'error' | 'warning' | 'hint';

/** A message as drawn: its lines, already wrapped to the width, and how it looks. */
export interface Message {
  lines: readonly string[];
  tone: MessageTone;
}

export interface Flash {
  lines: readonly string[];
  tone: FlashTone;
}

/** Lines a message may take: as many as it needs up to three, fewer on a short terminal. */
export function messageLineCap(height: number): number {
  return height >= 20 ? 3 : height >= 12 ? 2 : 1;
}

/** The header's message for the tab on screen, or null for a blank line. */
export function headerMessage(
  state: ResourceState,
  noun: string,
  hint: string | undefined,
  width: number,
  maxLines: number,
): Message | null {
  const wrap = (text: string, tail = ''): readonly string[] => indented(text, width, maxLines, 3, tail);
  if (state.error) {
    // However long the error, the data's age stays: it says what the screen is showing.
    const since = state.updatedAt > 0 ? ` · showing data from ${clockTime(state.updatedAt)} (stale)` : '';
    return { lines: wrap(` ✕ ${state.error.message}`, since), tone: 'error' };
  }
  const notes: string[] = [];
  const data = state.data;
  if (data?.truncated)
    notes.push(`showing the first ${thousands(data.items.length)} of ${thousands(data.total)} ${noun}`);
  if (data && data.skipped > 0) {
    notes.push(
      data.skipped === 1
        ? `1 of the ${noun} could not be read and is not shown`
        : `${thousands(data.skipped)} ${noun} could not be read and are not shown`,
    );
  }
  if (notes.length > 0) return { lines: wrap(` ! ${notes.join(' · ')}`), tone: 'warning' };
  return hint ? { lines: indented(` ${hint}`, width, maxLines, 1), tone: 'hint' } : null;
}

const SYMBOL: Readonly<Record<FlashTone, string>> = { info: '•', success: '✓', error: '✕' };

/** The flash line's message, its symbol first, or null for a blank line. */
export function flashOf(message: FlashMessage | null, width: number, maxLines: number): Flash | null {
  if (!message) return null;
  return { lines: indented(` ${SYMBOL[message.tone]} ${message.text}`, width, maxLines, 3), tone: message.tone };
}

/**
 * Wrapped to `width`, the lines after the first indented by `indent` so the
 * text lines up after the symbol. `tail` ends the last line whole: when
 * the lines run out, the text is cut before it rather than it.
 */
function indented(text: string, width: number, maxLines: number, indent: number, tail = ''): readonly string[] {
  if (textWidth(text + tail) <= width) return [sanitize(text + tail)];
  const columns = Math.max(1, width - indent);
  let body = wrapLines(text.slice(indent) + tail, columns);
  if (body.length > maxLines) {
    body = wrapLines(text.slice(indent), columns, maxLines);
    const last = body.length - 1;
    const room = columns - textWidth(sanitize(tail));
    if (room > 1) body[last] = truncate(body[last]!, room) + sanitize(tail);
  }
  const pad = ' '.repeat(indent);
  const head = text.slice(0, indent);
  return body.map((line, index) => (index === 0 ? head : pad) + line);
}
