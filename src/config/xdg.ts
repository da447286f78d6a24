/**
 * Where cloudtop keeps its files, as the XDG Base Directory spec says: a
 * variable's directory when it is an absolute path (a relative one is
 * ignored, as the spec asks), else the default under the home directory
 * (`$HOME`, else the account's).
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

type XdgKind = 'config' | 'state';

const VARIABLE: Readonly<Record<XdgKind, string>> = { config: 'XDG_CONFIG_HOME', state: 'XDG_STATE_HOME' };
const DEFAULT: Readonly<Record<XdgKind, readonly string[]>> = { config: ['.config'], state: ['.local', 'state'] };

/** `<base>/cloudtop/<file>` for config files or state. */
export function xdgPath(
  kind: XdgKind,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
  home: string = homedir(),
): string {
  const fromEnv = env[VARIABLE[kind]]?.trim();
  const base = fromEnv && isAbsolute(fromEnv) ? fromEnv : join(env.HOME?.trim() || home, ...DEFAULT[kind]);
  return join(base, 'cloudtop', file);
}
