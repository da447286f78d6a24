/**
 * Every field of a resource as key/value lines for the detail pane: nested
 * objects flattened to dotted paths, secrets masked, text made safe.
 */
import { sanitize } from './text.js';

export interface DetailEntry {
  key: string;
  value: string;
}

export const MASK = '••••••••';

/** Field names whose values are secrets (e.g. `jupyterPassword`, tokens, keys inside environment variables). */
const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|private[-_]?key|credential|auth/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const MAX_ENTRIES = 500;

export function detailEntries(value: unknown): DetailEntry[] {
  const entries: DetailEntry[] = [];
  const visit = (node: unknown, path: string, depth: number): void => {
    if (entries.length >= MAX_ENTRIES) return;
    const leafKey = path.split('.').pop() ?? path;
    if (path && isSecretKey(leafKey) && node !== null && node !== undefined && node !== '') {
      entries.push({ key: path, value: MASK });
      return;
    }
    if (Array.isArray(node)) {
      if (node.length === 0) entries.push({ key: path, value: '[]' });
      else if (node.every((item) => item === null || typeof item !== 'object')) {
        entries.push({ key: path, value: node.map((item) => (item === null ? 'null' : sanitize(item))).join(', ') });
      } else node.forEach((item, index) => visit(item, `${path}[${index}]`, depth + 1));
      return;
    }
    if (node && typeof node === 'object' && depth < 6) {
      const keys = Object.keys(node);
      if (keys.length === 0) entries.push({ key: path, value: '{}' });
      for (const key of keys) visit((node as Record<string, unknown>)[key], path ? `${path}.${sanitize(key)}` : sanitize(key), depth + 1);
      return;
    }
    entries.push({ key: path, value: node === null || node === undefined ? '-' : sanitize(typeof node === 'object' ? JSON.stringify(node) : node) });
  };
  visit(value, '', 0);
  return entries;
}

/** A deep copy with every secret-looking field's value replaced by the mask (for `--output json`). */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1));
  if (!value || typeof value !== 'object' || depth > 12) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSecretKey(key) && item !== null && item !== undefined && item !== '' ? MASK : maskSecrets(item, depth + 1);
  }
  return out;
}
