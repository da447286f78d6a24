/**
 * Finds where each item of a list page's array lies in the page's JSON
 * bytes, without decoding or parsing anything: so that an item whose bytes
 * are unchanged since the last poll need not be decoded, parsed, validated
 * and compared again (see list-page.ts).
 *
 * Bytes, not text, because every byte JSON's structure is made of is ASCII,
 * and no byte of a multi-byte UTF-8 character is: the structure can be
 * scanned before (and mostly without) decoding.
 *
 * Only structure is checked here: strings are skipped by their quotes and
 * containers by their brackets. What the spans hold is proved by JSON.parse
 * afterwards: each item must parse on its own, and so must the page with the
 * array emptied. When both do, and the array between its items is only
 * commas and white space, the page is valid JSON and parses to exactly the
 * envelope with those items in it. Anything unexpected returns undefined,
 * and the caller parses the whole page as usual (and reports its error).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export interface ArraySpans {
  /** The array, brackets included: bytes[start, end). */
  start: number;
  end: number;
  /** Item i is bytes[bounds[2i], bounds[2i + 1]). */
  bounds: number[];
}

/**
 * The spans of the array under `key` in the top-level object of `bytes` (a
 * page's UTF-8 from `from`), or undefined when it is not an object holding
 * `key` exactly once with an array as its value (or is too broken to tell).
 */
export function findArrayItems(bytes: Buffer, key: string, from = 0): ArraySpans | undefined {
  let i = skipSpace(bytes, from);
  if (bytes[i] !== OPEN_BRACE) return undefined;
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_BRACE) return undefined;
  let found: ArraySpans | undefined;
  for (;;) {
    if (bytes[i] !== QUOTE) return undefined;
    const nameEnd = skipString(bytes, i);
    if (nameEnd < 0) return undefined;
    const name = keyName(bytes, i, nameEnd);
    i = skipSpace(bytes, nameEnd);
    if (bytes[i] !== COLON) return undefined;
    i = skipSpace(bytes, i + 1);
    if (name === key) {
      // JSON.parse keeps the last of repeated keys; emptying one of them could show the wrong one.
      if (found || bytes[i] !== OPEN_BRACKET) return undefined;
      found = splitArray(bytes, i);
      if (!found) return undefined;
      i = found.end;
    } else {
      i = skipValue(bytes, i);
      if (i < 0) return undefined;
    }
    i = skipSpace(bytes, i);
    const next = bytes[i];
    if (next === CLOSE_BRACE) return found;
    if (next !== COMMA) return undefined;
    i = skipSpace(bytes, i + 1);
  }
}

function splitArray(bytes: Buffer, start: number): ArraySpans | undefined {
  const bounds: number[] = [];
  let i = skipSpace(bytes, start + 1);
  if (bytes[i] === CLOSE_BRACKET) return { start, end: i + 1, bounds };
  for (;;) {
    const end = skipValue(bytes, i);
    if (end < 0) return undefined;
    bounds.push(i, end);
    i = skipSpace(bytes, end);
    const next = bytes[i];
    if (next === CLOSE_BRACKET) return { start, end: i + 1, bounds };
    if (next !== COMMA) return undefined;
    i = skipSpace(bytes, i + 1);
  }
}

/** A key as JSON.parse would read it. */
function keyName(bytes: Buffer, start: number, end: number): string {
  try {
    return JSON.parse(bytes.toString('utf8', start, end)) as string;
  } catch {
    return '';
  }
}

/** Index just past the value that starts at `i`, or -1 when the text ends first. */
function skipValue(bytes: Buffer, i: number): number {
  const first = bytes[i];
  if (first === QUOTE) return skipString(bytes, i);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    const length = bytes.length;
    for (let j = i; j < length; j++) {
      const c = bytes[j]!;
      if (c === QUOTE) {
        j = skipString(bytes, j) - 1;
        if (j < 0) return -1;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  let j = i;
  while (j < bytes.length) {
    const c = bytes[j]!;
    if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) break;
    j++;
  }
  return j > i ? j : -1;
}

/** Index just past the string whose opening quote is at `i`, or -1 when it never closes. */
function skipString(bytes: Buffer, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, from);
    if (quote < 0) return -1;
    // Escaped only by an odd run of backslashes (`\\"` ends the string).
    let before = quote - 1;
    while (bytes[before] === BACKSLASH) before--;
    if ((quote - 1 - before) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

function skipSpace(bytes: Buffer, i: number): number {
  while (isSpace(bytes[i])) i++;
  return i;
}

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
