/**
 * One copy of each string that rows repeat. JSON.parse makes a new string
 * for every value it reads, so 10,000 pods on the same provider hold 10,000
 * copies of "primecompute", and every sandbox its own "/sandbox-workspace".
 * Measured with 10,000 pods and 10,000 sandboxes: such copies were 7 MB of
 * the 20 MB of strings on the heap; 2 MB with this.
 *
 * The table is bounded (two generations, see GenerationalMap): strings that
 * are unique (ids, names, times) pass through and age out, while a string
 * that recurs within a few thousand others is found and shared.
 */
import { GenerationalMap } from './generational-map.js';

/** Longer strings are messages and descriptions, rarely repeated word for word. */
const MAX_SHARED_LENGTH = 256;
/**
 * How deep into a row to look: its own fields and the lists and small
 * objects they hold (labels, port mappings), where the repeats are. Deeper
 * parts (a node's hardware description) hold many strings, each looked up
 * at a cost, for little: measured, looking everywhere took 70 ms a minute
 * with 1,000 nodes whose telemetry changes, more than the rest of parsing.
 */
const MAX_DEPTH = 1;

const known = new GenerationalMap<string, string>(8_192);

function sharedString(value: string): string {
  if (value.length > MAX_SHARED_LENGTH) return value;
  const copy = known.get(value);
  if (copy !== undefined) return copy;
  known.set(value, value);
  return value;
}

/**
 * Replaces, in place, the strings in `value` (a freshly parsed row, and the
 * parts it may share with an older row) with their shared copies: an equal
 * string, so no one holding those parts can tell. Returns `value`.
 */
export function shareStrings<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = shareIn(value[i], depth);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) if (Object.hasOwn(record, key)) record[key] = shareIn(record[key], depth);
  return value;
}

function shareIn(value: unknown, depth: number): unknown {
  return typeof value === 'string' ? sharedString(value) : shareStrings(value, depth + 1);
}
