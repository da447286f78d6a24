/**
 * Terminal-safe text: every string that came from an API is untrusted and
 * must pass through `sanitize` before it reaches Ink. Widths are terminal
 * columns (CJK and most emoji take two), measured with `string-width`, the
 * same library Ink uses to lay out text, so our arithmetic agrees with Ink's.
 */
import cliTruncate from 'cli-truncate';
import wrapAnsi from 'wrap-ansi';
import stringWidth from 'string-width';

export type Align = 'left' | 'right';

// One pass, alternatives in priority order:
//  1. CSI, 7-bit `ESC [` or 8-bit U+009B: parameter bytes, intermediate bytes,
//     then an optional final byte (an unterminated sequence is still removed).
//  2. String controls, 7-bit `ESC ] P X ^ _` or 8-bit OSC/DCS/SOS/PM/APC:
//     everything up to BEL or ST (`ESC \` or U+009C). An unterminated one runs
//     to the end of the string, as a terminal would swallow it.
//  3. Any other escape: `ESC`, intermediates (nF, e.g. `ESC ( B`), and one
//     final byte (`ESC c`, `ESC 7`), or a lone `ESC`.
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d\u009e\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[ -/]*[0-~]?/g;

// Line breaks and tabs: U+0085 NEL and U+2028/2029 are line breaks too.
const WHITESPACE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

// Whatever control is left after the above: C0, DEL, C1; bidi embeddings,
// overrides, isolates and marks (they reorder what follows on screen, the
// "Trojan Source" trick); and lone surrogates (the `u` flag makes a range of
// surrogates match only unpaired halves, so emoji survive).
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff]/gu;

// Cheap pre-check so the common case (plain text) costs one regex test.
const NEEDS_WORK =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]|[\ud800-\udfff]/u;

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  try {
    return String(value);
  } catch {
    // e.g. Object.create(null), or a toString that throws: show nothing rather than crash the frame.
    return '';
  }
}

/** Make any value safe to print: no escape sequences, controls or bidi overrides; tabs and line breaks become one space. */
export function sanitize(value: unknown): string {
  const text = toText(value);
  if (!NEEDS_WORK.test(text)) return text;
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(WHITESPACE_BREAKS, ' ')
    .replace(UNSAFE_CHARACTERS, (ch) => (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff' ? '\ufffd' : ''));
}

// Printable ASCII: one column per UTF-16 unit, so `length` is the width.
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;

/** Terminal columns `text` occupies. */
export function textWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/**
 * Cut `text` to at most `width` columns, ending with `…` when anything was cut.
 * Callers pass sanitized text; anything else is sanitized here too, because
 * this is the last step before most text reaches Ink, and one component that
 * forgot `sanitize` must not hand the terminal an escape sequence.
 */
export function truncate(text: string, width: number): string {
  if (!(width >= 1)) return '';
  if (PRINTABLE_ASCII.test(text)) {
    const columns = Math.floor(width);
    return text.length <= columns ? text : `${text.slice(0, columns - 1)}…`;
  }
  const safe = sanitize(text);
  // cli-truncate rejects an infinite width; nothing is cut at it anyway.
  return Number.isFinite(width) ? cliTruncate(safe, Math.floor(width)) : safe;
}

/** Truncate, then pad with spaces to exactly `width` columns (an infinite width pads nothing). */
export function pad(text: string, width: number, align: Align = 'left'): string {
  if (!(width >= 1)) return '';
  if (!Number.isFinite(width)) return truncate(text, width);
  const columns = Math.floor(width);
  const cut = truncate(text, columns);
  // cli-truncate may land one column short when a wide character straddles the edge.
  const fill = columns - textWidth(cut);
  if (fill <= 0) return cut;
  const padded = align === 'right' ? ' '.repeat(fill) + cut : cut + ' '.repeat(fill);
  // A text that begins with a mark that joins what precedes it (Thai SARA AM, ำ) takes the last space of
  // the fill into its own grapheme, one column: fill that column again.
  const short = columns - textWidth(padded);
  return short > 0 && align === 'right' ? ' '.repeat(short) + padded : padded;
}

/**
 * A change, `FROM → TO`, in at most `width` columns, FROM giving way first:
 * `PROVISIONING → PENDING` becomes `PROVI… → PENDING`, then `→ PENDING`,
 * and only then is TO itself cut.
 */
export function transitionText(from: string, to: string, width: number): string {
  const arrow = ` → ${to}`;
  const full = from + arrow;
  if (textWidth(full) <= width) return full;
  const room = Math.floor(width) - textWidth(arrow);
  if (room >= 2) return truncate(from, room) + arrow;
  return textWidth(arrow) - 1 <= width ? arrow.slice(1) : truncate(to, width);
}

/**
 * `text` in lines of at most `width` columns, broken between words where it
 * can be (and inside a word that is too long), at most `maxLines` of them:
 * the last is cut with `…` when more would be needed. For messages a person
 * must read whole: a fix that ends `chmod 600 …` is no fix.
 */
export function wrapLines(text: string, width: number, maxLines = Number.POSITIVE_INFINITY): string[] {
  const columns = Math.floor(width);
  if (!(columns >= 1) || maxLines < 1) return [];
  const safe = sanitize(text);
  if (textWidth(safe) <= columns) return [safe];
  const lines = wrapAnsi(safe, columns, { hard: true, trim: true }).split('\n');
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(`${kept[maxLines - 1]!} ${lines.slice(maxLines).join(' ')}`, columns);
  return kept;
}
