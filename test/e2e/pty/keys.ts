// Keys as a terminal sends them: named keys to bytes, arrows following the
// application-cursor mode (DECCKM) as xterm does.

export type NamedKey =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageUp'
  | 'pageDown'
  | 'enter'
  | 'escape'
  | 'tab'
  | 'shiftTab'
  | 'backspace'
  | 'delete'
  | 'space'
  | 'ctrlC'
  | 'ctrlD';

/** A named key, or any single character (typed as itself). */
// `string & {}` keeps editor completion for the names while accepting any character.
export type KeyName = NamedKey | (string & {});

const CSI = '\u001b[';
const KEYS: Record<NamedKey, string | ((appCursor: boolean) => string)> = {
  up: (app) => (app ? '\u001bOA' : `${CSI}A`),
  down: (app) => (app ? '\u001bOB' : `${CSI}B`),
  right: (app) => (app ? '\u001bOC' : `${CSI}C`),
  left: (app) => (app ? '\u001bOD' : `${CSI}D`),
  home: (app) => (app ? '\u001bOH' : `${CSI}H`),
  end: (app) => (app ? '\u001bOF' : `${CSI}F`),
  pageUp: `${CSI}5~`,
  pageDown: `${CSI}6~`,
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: `${CSI}Z`,
  backspace: '\u007f',
  delete: `${CSI}3~`,
  space: ' ',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
};

/** The bytes a terminal sends for `key`, with application cursor keys on or off; throws on an unknown name. */
export function keyBytes(key: KeyName, appCursor: boolean): Buffer {
  const named = (KEYS as Record<string, string | ((app: boolean) => string) | undefined>)[key];
  if (named !== undefined) return Buffer.from(typeof named === 'function' ? named(appCursor) : named, 'utf8');
  if ([...key].length === 1) return Buffer.from(key, 'utf8');
  throw new Error(
    `press(): unknown key ${JSON.stringify(key)}; use one of ${Object.keys(KEYS).join(', ')}, a single character, or write() for raw bytes`,
  );
}
