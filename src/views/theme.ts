/**
 * Colours by meaning. Views and components name a role (`failed`, `accent`);
 * the theme in force decides the colour, so one file can make every status
 * and accent readable on a given terminal. Three themes are built in:
 *
 * - `default`: the colours cloudtop has always used, for dark backgrounds.
 * - `light`: for white backgrounds: darker hues, no yellow or white text
 *   (unreadable on white); the search highlight is a pale background.
 * - `basic16`: only the 16 named ANSI colours, for old terminals and
 *   `screen`, whose terminfo has no faint text: ended statuses are grey
 *   as well as dim.
 *
 * NO_COLOR is not a theme: it wins over any (the components' `monochrome`).
 */
import { createContext, useContext } from 'react';
import type { StatusCategory } from './status.js';

export type AccentRole =
  /** The title, the filter summary, trends, the node choice's border. */
  | 'accent'
  /** A row that just appeared. */
  | 'added'
  /** A tab's `Δn`: changes not seen yet. */
  | 'unseen'
  /** The `DEMO` badge. */
  | 'demo'
  /** Needs attention soon: a wallet under a day, a sandbox about to expire, a dialog's warning. */
  | 'warning'
  /** Something failed or will destroy: errors, the confirm dialog's border and Delete. */
  | 'error'
  /** Something worked: `● live`, a done action. */
  | 'success'
  /** The background of a search match in the log pane. */
  | 'match';

export type ColourRole = StatusCategory | AccentRole;

export const COLOUR_ROLES: readonly ColourRole[] = [
  'healthy',
  'progress',
  'failed',
  'gone',
  'unknown',
  'accent',
  'added',
  'unseen',
  'demo',
  'warning',
  'error',
  'success',
  'match',
];

/** A colour per role; undefined draws in the terminal's own foreground. */
export type Palette = Readonly<Record<ColourRole, string | undefined>>;

export type ThemeName = 'default' | 'light' | 'basic16';

export const THEME_NAMES: readonly ThemeName[] = ['default', 'light', 'basic16'];

const DEFAULT_PALETTE: Palette = {
  healthy: 'green',
  progress: 'yellow',
  failed: 'red',
  gone: undefined,
  unknown: undefined,
  accent: 'cyan',
  added: 'cyan',
  unseen: 'magenta',
  demo: 'yellow',
  warning: 'yellow',
  error: 'red',
  success: 'green',
  match: 'yellow',
};

export const THEMES: Readonly<Record<ThemeName, Palette>> = {
  default: DEFAULT_PALETTE,
  light: {
    healthy: '#1a7f37',
    progress: '#9a6700',
    failed: '#cf222e',
    gone: undefined,
    unknown: undefined,
    accent: '#0969da',
    added: '#0969da',
    unseen: '#8250df',
    demo: '#8250df',
    warning: '#9a6700',
    error: '#cf222e',
    success: '#1a7f37',
    match: '#fae17d',
  },
  // The default's named colours, with ended statuses grey: `screen` has no faint text to tell them apart.
  basic16: { ...DEFAULT_PALETTE, gone: 'gray' },
};

/** The 16 colours every colour terminal has, by the names Ink (chalk) knows them. */
export const BASIC_COLOURS: readonly string[] = [
  ...['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'].flatMap((name) => [name, `${name}Bright`]),
  'gray',
  'grey',
];

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** A colour a theme may name: one of the 16 (`red`, `redBright`, `gray`) or `#rrggbb` / `#rgb`. */
export function isColour(value: string): boolean {
  return BASIC_COLOURS.includes(value) || HEX.test(value);
}

/** A built-in theme with some roles' colours replaced (null: the terminal's own foreground). */
export function makePalette(name: ThemeName, overrides: Partial<Record<ColourRole, string | null>> = {}): Palette {
  const palette: Record<ColourRole, string | undefined> = { ...THEMES[name] };
  for (const role of COLOUR_ROLES) {
    const colour = overrides[role];
    if (colour !== undefined) palette[role] = colour ?? undefined;
  }
  return palette;
}

/** The palette in force for everything below it; the default theme where no provider is (tests, `--once`). */
export const ThemeContext = createContext<Palette>(THEMES.default);

export function usePalette(): Palette {
  return useContext(ThemeContext);
}
