/**
 * A key as the config file spells it (a "chord"): one printable character
 * (`D`, `?`, `[`), `ctrl+` and a letter, a backslash or `space` (`ctrl+d`,
 * `ctrl+\`, `ctrl+space`, as k9s marks with), or a named key (`enter`,
 * `esc`, `tab`, `shift+tab`, `space`, `up`, `down`, `pgup`, `pgdn`, `home`,
 * `end`). How each one is matched against what Ink reports, and how it is
 * shown in the footer and the help. Pure: no Ink at run time.
 */
import type { Key } from 'ink';
import { asciiOnly } from '../util/charset.js';

export type Chord = string;

/** Named keys: how Ink reports each, and how people read it. */
const NAMED: Readonly<
  Record<string, { matches: (input: string, key: Key) => boolean; label: string; short?: string }>
> = {
  enter: { matches: (_input, key) => key.return, label: 'Enter', short: '⏎' },
  esc: { matches: (_input, key) => key.escape, label: 'Esc', short: 'esc' },
  tab: { matches: (_input, key) => key.tab && !key.shift, label: 'Tab' },
  'shift+tab': { matches: (_input, key) => key.tab && key.shift, label: 'Shift-Tab' },
  space: { matches: (input, key) => input === ' ' && !key.ctrl && !key.meta, label: 'Space' },
  up: { matches: (_input, key) => key.upArrow, label: '↑' },
  down: { matches: (_input, key) => key.downArrow, label: '↓' },
  pgup: { matches: (_input, key) => key.pageUp, label: 'PgUp' },
  pgdn: { matches: (_input, key) => key.pageDown, label: 'PgDn' },
  home: { matches: (_input, key) => key.home, label: 'Home' },
  end: { matches: (_input, key) => key.end, label: 'End' },
};

export const NAMED_KEYS: readonly string[] = Object.keys(NAMED);

const CTRL = /^ctrl\+([a-z\\]|space)$/;

/** The chord in its one spelling (`Ctrl+D` → `ctrl+d`, `Enter` → `enter`), or null when it is not a key. */
export function normaliseChord(text: string): Chord | null {
  if ([...text].length === 1) {
    const code = text.codePointAt(0)!;
    // Control characters and DEL are not keys one can name in a file; `ctrl+…` is.
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return null;
    return text === ' ' ? 'space' : text;
  }
  const lower = text.trim().toLowerCase().replace(/-/g, '+');
  const alias: Record<string, string> = {
    return: 'enter',
    escape: 'esc',
    pageup: 'pgup',
    pagedown: 'pgdn',
    'shift+tab': 'shift+tab',
    backtab: 'shift+tab',
  };
  const name = alias[lower] ?? lower;
  if (name in NAMED || CTRL.test(name)) return name;
  return null;
}

export function chordMatches(chord: Chord, input: string, key: Key): boolean {
  const named = NAMED[chord];
  if (named) return named.matches(input, key);
  const ctrl = CTRL.exec(chord);
  // Ink reports Ctrl-Space as a space with ctrl held.
  if (ctrl) return key.ctrl && input === (ctrl[1] === 'space' ? ' ' : ctrl[1]);
  return input === chord && !key.ctrl && !key.meta;
}

/** As the help shows it: `Ctrl-D`, `PgUp`, `D`. */
export function chordLabel(chord: Chord): string {
  const ctrl = CTRL.exec(chord);
  if (ctrl) return `Ctrl-${ctrl[1] === 'space' ? 'Space' : ctrl[1]!.toUpperCase()}`;
  return NAMED[chord]?.label ?? chord;
}

/** As the footer shows it, where room is short: `⏎`, `esc`, `D` (`Enter` where the terminal has only ASCII). */
export function chordShortLabel(chord: Chord): string {
  const short = NAMED[chord]?.short;
  return short !== undefined && !(asciiOnly() && /[^\u0000-\u007f]/.test(short)) ? short : chordLabel(chord);
}
