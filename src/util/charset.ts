/**
 * Whether the terminal can show more than ASCII. Decided once, at start-up,
 * from the locale (`LC_ALL`, then `LC_CTYPE`, then `LANG`, as the C library
 * reads them): outside a UTF-8 locale cloudtop writes ASCII only
 * (terminal/ascii.ts), and the few places that choose their own glyphs
 * (a key's short name, sparklines) choose ASCII ones.
 *
 * A process-wide setting on purpose, as a colour level is: it describes the
 * terminal, not any one part of the screen, and it never changes while
 * cloudtop runs.
 */

let asciiOnlyInForce = false;

export function isUtf8Locale(env: Readonly<Record<string, string | undefined>>): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

/** Set once by the CLI before anything is drawn. */
export function setAsciiOnly(on: boolean): void {
  asciiOnlyInForce = on;
}

export function asciiOnly(): boolean {
  return asciiOnlyInForce;
}
