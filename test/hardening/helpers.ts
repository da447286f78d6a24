/**
 * Shared pieces of the hardening suite: a payload that would take over a
 * terminal if it ever reached one, and the checks that prove it did not.
 */
import { expect } from 'vitest';
import { sanitize } from '../../src/util/text.js';
import type { PtySession } from '../e2e/pty.js';

/**
 * Everything a hostile string could try: set the window title (OSC 0 and 2,
 * BEL and ST terminated), write the clipboard (OSC 52), hide a link (OSC 8),
 * clear the screen and scrollback, reset the terminal (RIS), leave the
 * alternate screen, show the cursor, make the terminal answer on stdin (DSR,
 * title report, DECRQSS), the same in 8-bit C1 form, a bidi override, bells,
 * backspace and line breaks. Every "pwned" sits inside a sequence, so none
 * may ever reach the output, in any case.
 */
export const PAYLOAD =
  '\u001b]0;pwned\u0007' +
  '\u001b]2;pwned\u001b\\' +
  '\u001b]52;c;cHduZWQ=\u0007' +
  '\u001b]8;;https://pwned.example/\u0007' +
  '\u001b[2J\u001b[3J\u001b[H' +
  '\u001bc' +
  '\u001b[?1049l\u001b[?25h' +
  '\u001b[6n\u001b[21t' +
  '\u001bP$qm\u001b\\' +
  '\u009b2J' +
  '\u009d0;pwned\u009c' +
  '\u202e\u2066' +
  '\u0007\b\r\n\t';

/** A value carrying the payload between two copies of a tag, so the test can see where it was drawn. */
export const evil = (tag: string): string => `${tag}<${PAYLOAD}>${tag}`;

/** What a person should see instead: the tags, with the payload gone (the line break becomes one space). */
export const shown = (tag: string): string => sanitize(evil(tag));

/**
 * Ink's whole vocabulary, as observed: cursor moves and erases (`CSI n A/B/C/D/E/G`,
 * `CSI K`, `CSI J` without a parameter), a cursor position with both
 * coordinates (`CSI 1;1 H`; the payload's bare `CSI H` is not one), SGR styling, and
 * the private modes for the cursor (25), the alternate screen (1049) and
 * synchronized output (2026). Any other escape in the output came from data.
 */
const INK_SEQUENCE = /\u001b\[(?:\?(?:25|1049|2026)[hl]|[0-9;]*[ABCDEGKm]|\d+;\d+H|J)/y;

export interface CleanOutputOptions {
  /** The session has exited: the one `CSI ? 1049 l` must be in its last bytes. */
  exited?: boolean;
}

/**
 * The raw bytes the child wrote contain nothing from the data that a
 * terminal would act on: no OSC at all, no bell, no C1 control, no bidi
 * override, no escape outside Ink's vocabulary, no "pwned"; the emulator saw
 * no title change and no OSC; and the alternate screen was left only at exit.
 */
export function expectCleanOutput(term: PtySession, options: CleanOutputOptions = {}): void {
  const raw = term.output();
  const text = raw.toString('utf8');
  expect(text, 'an OSC reached the terminal').not.toContain('\u001b]');
  expect(text, 'a bell reached the terminal').not.toContain('\u0007');
  expect(text, 'a payload word reached the terminal').not.toMatch(/pwned|cHduZWQ/i);
  expect(text.match(/[\u0080-\u009f]/u), 'a C1 control reached the terminal').toBeNull();
  expect(
    text.match(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u),
    'a bidi control reached the terminal',
  ).toBeNull();
  const strays: string[] = [];
  for (let at = text.indexOf('\u001b'); at >= 0; at = text.indexOf('\u001b', at + 1)) {
    INK_SEQUENCE.lastIndex = at;
    if (!INK_SEQUENCE.test(text)) strays.push(JSON.stringify(text.slice(Math.max(0, at - 12), at + 12)));
  }
  expect(strays, "escape sequences outside Ink's vocabulary").toEqual([]);
  expect(term.titles(), 'the window title changed').toEqual([]);
  expect(term.oscs(), 'the emulator parsed an OSC').toEqual([]);
  const leaves = text.split('\u001b[?1049l').length - 1;
  if (options.exited) {
    expect(leaves, 'the alternate screen was left more than once').toBe(1);
    expect(
      text.length - text.lastIndexOf('\u001b[?1049l'),
      'the alternate screen was left before the end',
    ).toBeLessThan(64);
  } else {
    expect(leaves, 'the alternate screen was left while running').toBe(0);
  }
}

/** Every row fits the terminal: a line longer than the width would have wrapped onto the next row. */
export function expectNoWrap(term: PtySession): void {
  expect(term.wrappedRows(), `rows wrapped:\n${term.screen()}`).toEqual([]);
}
