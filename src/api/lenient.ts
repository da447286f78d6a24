/**
 * Zod building blocks that accept what a live API plausibly sends rather than
 * only what its docs promise: numbers as strings, nulls where a value was
 * documented as required, a string where a list was expected. Each one
 * normalises to a single predictable type so views need no guards.
 */
import { z } from 'zod';

/** Required identifier: a string, or a number turned into one. */
export const id = z.union([z.string().min(1), z.number().transform(String)]);

/** Optional text: strings kept, numbers and booleans turned to strings, anything else becomes null. */
export const text = z
  .unknown()
  .optional()
  .transform((value): string | null => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return null;
  });

/** Optional number: numbers and numeric strings accepted; anything else null. */
export const number = z
  .unknown()
  .optional()
  .transform((value): number | null => {
    if (typeof value === 'number') return Number.isFinite(value) ? value : null;
    if (typeof value === 'string' && value.trim() !== '') {
      const parsed = Number(value);
      return Number.isFinite(parsed) ? parsed : null;
    }
    return null;
  });

export const boolean = z
  .unknown()
  .optional()
  .transform((value): boolean | null => {
    if (typeof value === 'boolean') return value;
    if (value === 'true') return true;
    if (value === 'false') return false;
    return null;
  });

/**
 * An enum the API may extend at any time: kept as an upper-case string so an
 * unknown value is shown, never dropped. A missing status is the empty
 * string, shown as missing: `UNKNOWN` is a status the Prime API really sends
 * (pods, disks), and the two must not read the same.
 */
export const status = z
  .unknown()
  .optional()
  .transform((value): string => optionalStatusOf(value) ?? '');

/** The same, null when absent: for a source that only adds to another (the pod status endpoint). */
export const optionalStatus = z.unknown().optional().transform(optionalStatusOf);

function optionalStatusOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toUpperCase() : null;
}

/**
 * A command: a string, or the sandbox API's object form `{executable, args}`
 * (prime-sandboxes `StartCommand`), written out as one shell-quoted line so
 * nothing of it is lost.
 */
export const command = z
  .unknown()
  .optional()
  .transform((value): string | null => {
    if (typeof value === 'string') return value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    const { executable, args } = value as { executable?: unknown; args?: unknown };
    if (typeof executable !== 'string') return null;
    const words = [
      executable,
      ...(Array.isArray(args) ? args.filter((arg): arg is string => typeof arg === 'string') : []),
    ];
    return words.map(shellQuote).join(' ');
  });

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A string, a list of strings and nulls, or null, normalised to the non-empty strings in it. */
export const stringList = z
  .unknown()
  .optional()
  .transform((value): string[] => {
    const items = Array.isArray(value) ? value : [value];
    return items.filter((item): item is string => typeof item === 'string' && item !== '');
  });

/** A list of anything, or a missing list: always an array. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .unknown()
    .optional()
    .transform((value): z.output<T>[] => {
      if (!Array.isArray(value)) return [];
      const out: z.output<T>[] = [];
      for (const entry of value) {
        const parsed = item.safeParse(entry);
        if (parsed.success) out.push(parsed.data);
      }
      return out;
    });
}

/** A free-form object, or null when it is anything else. */
export const record = z
  .unknown()
  .optional()
  .transform((value): Record<string, unknown> | null =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null,
  );

/** The envelope's item list; items are parsed one at a time so one bad item cannot lose the whole page. */
export const rawItems = z.array(z.unknown());

/**
 * The same object, built so V8 stores it compactly. A loose zod object copies
 * the fields it does not know one by one, by key, and after a dozen such
 * stores V8 turns the object into a hash table ("dictionary mode"): about
 * twice the memory and slower to read, for every row of every list, for as
 * long as the row is shown. A spread copy is laid out as a plain object again.
 */
function compact<T>(value: T): T {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : value;
}

/** One item, or null when it cannot be read (the caller counts it). */
export function parseItem<T extends z.ZodType>(schema: T, item: unknown): z.output<T> | null {
  const result = schema.safeParse(item);
  return result.success ? compact(result.data) : null;
}

/** Parses each item; those that fail are counted, not thrown. */
export function parseItems<T extends z.ZodType>(
  schema: T,
  items: readonly unknown[],
): { items: z.output<T>[]; skipped: number } {
  const parsed: z.output<T>[] = [];
  let skipped = 0;
  for (const item of items) {
    const row = parseItem(schema, item);
    if (row === null) skipped += 1;
    else parsed.push(row);
  }
  return { items: parsed, skipped };
}

/**
 * A page's count (total, limit, page): a non-negative integer or a numeric
 * string. Anything else (null, "many", -3) is undefined, and the caller falls
 * back to what it can see, so a broken envelope field never loses the page.
 */
export const count = z
  .unknown()
  .optional()
  .transform((value): number | undefined => {
    const parsed =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
          ? Number(value)
          : Number.NaN;
    return Number.isSafeInteger(parsed) && parsed >= 0 ? parsed : undefined;
  });

/** A list of anything: an array kept, anything else (null, a string, an object) an empty list. */
export const looseItems = z
  .unknown()
  .optional()
  .transform((value): unknown[] => (Array.isArray(value) ? value : []));
