/**
 * Every field of a resource as key/value lines for the detail pane: nested
 * objects flattened to dotted paths, secrets masked, text made safe.
 */
import { sanitize, textWidth, wrapLines } from '../util/text.js';

export interface DetailEntry {
  key: string;
  value: string;
}

export const MASK = '••••••••';

/** Field names whose values are secrets (e.g. `jupyterPassword`, tokens, keys inside environment variables). */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|private[-_]?key|credential|auth|cookie|bearer/i;

/**
 * Containers of environment variables (a sandbox's `environmentVars`): the
 * usual way to hand a container its secrets. Names that look secret there
 * follow shell conventions as well (`WANDB_KEY`, `GITHUB_PAT`, `SENTRY_DSN`);
 * other variables (`MODE=eval`) stay readable.
 */
const SECRET_CONTAINER = /^(env|envs|environment|environment[-_]?var(iable)?s|env[-_]?vars|secrets)$/i;
const SECRET_ENV_NAME = /(^|_)(key|pat|pwd|pass|sig|signature|dsn|cert|session|cookie)(_|$)/i;

/** `scheme://user:password@host`: the password part of a URL in any value. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function isSecretContainer(key: string): boolean {
  return SECRET_CONTAINER.test(key);
}

/** An environment variable's name that says its value is a secret. */
function isSecretEnvName(name: string): boolean {
  return isSecretKey(name) || SECRET_ENV_NAME.test(name);
}

function hasValue(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** Masks the password of any `scheme://user:password@` inside a text. */
export function maskUrlCredentials(text: string): string {
  return text.includes('@') ? text.replace(URL_CREDENTIALS, `$1${MASK}@`) : text;
}

const MAX_ENTRIES = 500;
/** Deeper objects are shown as one line of (masked) JSON. */
const MAX_DETAIL_DEPTH = 6;
/** Deeper than any API sends; beyond it a value is replaced rather than copied unmasked. */
const MAX_MASK_DEPTH = 32;
export const TOO_DEEP = '[nested too deep]';

function leafText(node: unknown): string {
  if (node === null || node === undefined) return '-';
  if (typeof node === 'object') {
    try {
      return sanitize(maskUrlCredentials(JSON.stringify(maskSecrets(node)) ?? ''));
    } catch {
      return '?';
    }
  }
  return sanitize(typeof node === 'string' ? maskUrlCredentials(node) : node);
}

export function detailEntries(value: unknown): DetailEntry[] {
  const entries: DetailEntry[] = [];
  const visit = (node: unknown, path: string, depth: number): void => {
    if (entries.length >= MAX_ENTRIES) return;
    const leafKey = path.split('.').pop() ?? path;
    if (path && isSecretKey(leafKey) && hasValue(node)) {
      entries.push({ key: path, value: MASK });
      return;
    }
    if (path && isSecretContainer(leafKey) && node && typeof node === 'object' && !Array.isArray(node)) {
      const names = Object.keys(node);
      if (names.length === 0) entries.push({ key: path, value: '{}' });
      for (const name of names) {
        if (entries.length >= MAX_ENTRIES) return;
        const item = (node as Record<string, unknown>)[name];
        entries.push({
          key: `${path}.${sanitize(name)}`,
          value: isSecretEnvName(name) && hasValue(item) ? MASK : leafText(item),
        });
      }
      return;
    }
    if (Array.isArray(node)) {
      if (node.length === 0) entries.push({ key: path, value: '[]' });
      else if (node.every((item) => item === null || typeof item !== 'object')) {
        entries.push({ key: path, value: node.map((item) => (item === null ? 'null' : leafText(item))).join(', ') });
      } else node.forEach((item, index) => visit(item, `${path}[${index}]`, depth + 1));
      return;
    }
    if (node && typeof node === 'object' && depth < MAX_DETAIL_DEPTH) {
      const keys = Object.keys(node);
      if (keys.length === 0) entries.push({ key: path, value: '{}' });
      for (const key of keys)
        visit((node as Record<string, unknown>)[key], path ? `${path}.${sanitize(key)}` : sanitize(key), depth + 1);
      return;
    }
    entries.push({ key: path, value: leafText(node) });
  };
  visit(value, '', 0);
  return entries;
}

/** One screen line of a two-column list: a key (blank on a value's further lines) and its value. */
export interface DetailLine {
  key: string;
  value: string;
}

export interface DetailLayout {
  keyWidth: number;
  lines: DetailLine[];
}

/** The key column's share of the width at most, so values keep room. */
const KEY_SHARE = 0.45;

/**
 * Entries as screen lines: the key column as wide as the longest key of all
 * of them (so it does not move while scrolling), within a share of the width;
 * a value too long for its column, or a key for its, goes on over further
 * lines, so nothing is cut that cannot be read.
 */
export function detailLines(entries: readonly DetailEntry[], width: number): DetailLayout {
  const longest = Math.max(1, ...entries.map((entry) => textWidth(entry.key)));
  const keyWidth = Math.max(1, Math.min(longest, Math.floor(width * KEY_SHARE)));
  // One column of indent, two between the columns.
  const valueWidth = Math.max(1, width - keyWidth - 3);
  const lines: DetailLine[] = [];
  for (const entry of entries) {
    const keys = wrapLines(entry.key, keyWidth);
    const values = wrapLines(entry.value, valueWidth);
    for (let i = 0; i < Math.max(keys.length, values.length, 1); i++) {
      lines.push({ key: keys[i] ?? '', value: values[i] ?? '' });
    }
  }
  return { keyWidth, lines };
}

/**
 * A deep copy with every secret-looking field's value replaced by the mask
 * (environment variables by their shell-style names too) and URL passwords
 * masked: for `--output json` and the detail pane's nested JSON.
 */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskUrlCredentials(value);
  if (!value || typeof value !== 'object') return value;
  if (depth > MAX_MASK_DEPTH) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (isSecretKey(key) && hasValue(item)) out[key] = MASK;
    else if (isSecretContainer(key) && item && typeof item === 'object' && !Array.isArray(item))
      out[key] = maskEnvironment(item as Record<string, unknown>, depth + 1);
    else out[key] = maskSecrets(item, depth + 1);
  }
  return out;
}

/** An environment-variable container: secret-looking names masked, the rest copied (masked in turn). */
function maskEnvironment(container: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(container))
    out[name] = isSecretEnvName(name) && hasValue(item) ? MASK : maskSecrets(item, depth + 1);
  return out;
}

/**
 * Characters JSON.stringify leaves raw that a terminal acts on: C1 controls
 * (U+009B is CSI, U+009D is OSC once decoded from UTF-8), DEL, bidi controls
 * and the Unicode line separators.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `--output json`: the objects with secrets masked, as pretty JSON that is
 * also safe to print on a terminal. JSON.stringify already escapes C0
 * controls (ESC becomes `\u001b`); the rest of the unsafe set is escaped here,
 * so the output still parses to exactly the same values.
 */
export function toSafeJson(value: unknown): string {
  return (JSON.stringify(maskSecrets(value), null, 2) ?? 'null').replace(
    JSON_UNSAFE,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
