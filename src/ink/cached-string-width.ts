/**
 * string-width, made cheap for what a dashboard draws. Ink measures every
 * text node's full line on every frame (render-node-to-output → widest-line
 * → string-width) and every new line's cells again when composing the frame.
 * string-width has a fast path for plain ASCII only: one `×`, `…`, `→` or `•`
 * on a line, or a colour code, sends the whole line through grapheme
 * segmentation, about 20–40 µs per 200-column line here, which over 50 lines
 * was most of a frame.
 *
 * Two layers, both giving exactly string-width's answer (a property test
 * compares them):
 * - a scan that counts one column per character when every character is
 *   printable ASCII, an SGR colour code, or a glyph from a short list of
 *   blocks known to be one column wide (Latin, Greek, punctuation, arrows,
 *   box drawing, geometric shapes, a few dingbats);
 * - otherwise string-width itself, remembered per string, since between two
 *   frames nearly every line is the same string.
 *
 * The build (scripts/ink-speedups.mjs) points the bundle's `string-width`
 * imports here; this module's own import resolves to the real package.
 */
import stringWidth from 'string-width';
import { GenerationalMap } from '../util/generational-map.js';

type Options = Parameters<typeof stringWidth>[1];

/**
 * Code-unit ranges (inclusive) whose every character string-width counts as
 * one column: no combining marks, no zero-width or format characters (the
 * soft hyphen U+00AD is left out), no emoji-presentation symbols (U+25FD and
 * U+25FE are left out), nothing East Asian Wide.
 */
export const NARROW_GLYPH_RANGES: readonly (readonly [number, number])[] = [
  [0x00a0, 0x00ac],
  [0x00ae, 0x02ff], // Latin-1 Supplement (× ·), Latin Extended, IPA, spacing modifiers
  [0x0370, 0x03ff], // Greek (Δ)
  [0x2010, 0x2027], // dashes, quotes, • …
  [0x2030, 0x205e], // ‰ ′ ‹ ›
  [0x2190, 0x21ff], // arrows (→ ↻)
  [0x2500, 0x25fc], // box drawing, blocks, geometric shapes (● ▲ ▼)
  [0x2713, 0x2717], // ✓ ✔ ✕ ✖ ✗
  [0x275a, 0x275a], // ❚
];

const NARROW_GLYPHS = (() => {
  const table = new Uint8Array(0x2800);
  for (const [from, to] of NARROW_GLYPH_RANGES) table.fill(1, from, to + 1);
  return table;
})();

const ESC = 0x1b;
const LEFT_BRACKET = 0x5b;
const LETTER_M = 0x6d;

/** The width when every character is one column (SGR codes count none); undefined when unsure. */
export function narrowWidth(text: string): number | undefined {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e) {
      width++;
    } else if (code === ESC && text.charCodeAt(i + 1) === LEFT_BRACKET) {
      // SGR: ESC [ digits and semicolons m. Any other sequence: ask string-width.
      let end = i + 2;
      for (let next = text.charCodeAt(end); (next >= 0x30 && next <= 0x39) || next === 0x3b; next = text.charCodeAt(++end));
      if (text.charCodeAt(end) !== LETTER_M) return undefined;
      i = end;
    } else if (code < NARROW_GLYPHS.length && NARROW_GLYPHS[code] === 1) {
      width++;
    } else {
      return undefined;
    }
  }
  return width;
}

/** Longer strings are not remembered: keeping them would hold large texts alive for no gain. */
const LONGEST_KEPT = 2_000;
/** Most recently measured strings; a frame's lines survive until thousands of newer ones arrive. */
const remembered = new GenerationalMap<string, number>(4_096);

export default function cachedStringWidth(text: string, options?: Options): number {
  if (options !== undefined || typeof text !== 'string') return stringWidth(text, options);
  const narrow = narrowWidth(text);
  if (narrow !== undefined) return narrow;
  if (text.length > LONGEST_KEPT) return stringWidth(text);
  let width = remembered.get(text);
  if (width === undefined) {
    width = stringWidth(text);
    remembered.set(text, width);
  }
  return width;
}
