/**
 * Reads one page of a list from its bytes, decoding and parsing only the
 * items whose bytes changed since the same URL was last read.
 *
 * Why: a list polled every few seconds changes little, but rarely not at
 * all. One new pod at the top of a newest-first list shifts every page by
 * one item, and a node's telemetry changes every half minute, so whole-page
 * digests (http.ts) seldom match. Decoding, parsing, validating and comparing
 * every item of such a page again cost most of cloudtop's idle CPU and made
 * most of its garbage. Here each item is found in the bytes without parsing
 * (json-items.ts) and hashed; an item whose bytes were on the page last time
 * is last time's row, the same object, so nothing downstream compares or
 * redraws it. Only new items are decoded and parsed, and a changed item still
 * shares its unchanged parts with its previous row (adoptEqual).
 */
import { hash } from 'node:crypto';
import type { z } from 'zod';
import { adoptEqual } from '../../util/adopt-equal.js';
import { findArrayItems, type ArraySpans } from './json-items.js';
import { parseItem } from '../lenient.js';

export interface ListPageSpec<E extends z.ZodType, I extends z.ZodType> {
  /** The page object. Validated with its item array emptied: items are the business of `item`. */
  envelope: E;
  /** The page object's field that holds the items: `data`, `sandboxes`. */
  itemsKey: string;
  /** Each item; one that fails is counted in `skipped`, never fails the page. */
  item: I;
  getId: (item: z.output<I>) => string;
}

export interface ListPage<E, T> {
  /** The page object with its item array empty (so that it holds no raw items). */
  envelope: E;
  items: T[];
  /** Items that could not be read. */
  skipped: number;
}

/** A page as read, and what reading the same URL's next body can reuse. */
export interface ReadPage<E, T> {
  page: ListPage<E, T>;
  /** Digest of an item's bytes → its row, or null for an item that could not be read. */
  rowsByDigest: Map<string, T | null>;
}

/** JSON parsing and validation that fail with the caller's error for people (see http.ts). */
export interface PageCodec {
  parse(text: string): unknown;
  validate<S extends z.ZodType>(value: unknown, schema: S): z.output<S>;
}

/** `bytes` is the page's UTF-8 (lent: it is not kept). */
export function readListPage<E extends z.ZodType, I extends z.ZodType>(
  bytes: Buffer,
  spec: ListPageSpec<E, I>,
  previous: ReadPage<z.output<E>, z.output<I>> | undefined,
  codec: PageCodec,
): ReadPage<z.output<E>, z.output<I>> {
  const spans = findArrayItems(bytes, spec.itemsKey, hasByteOrderMark(bytes) ? 3 : 0);
  return (spans && readByItem(bytes, spans, spec, previous, codec)) ?? readWhole(bytes, spec, previous, codec);
}

/** Undefined when some part is not valid JSON: the whole page is then parsed, and its error reported. */
function readByItem<E extends z.ZodType, I extends z.ZodType>(
  bytes: Buffer,
  { start, end, bounds }: ArraySpans,
  spec: ListPageSpec<E, I>,
  previous: ReadPage<z.output<E>, z.output<I>> | undefined,
  codec: PageCodec,
): ReadPage<z.output<E>, z.output<I>> | undefined {
  let outside: unknown;
  try {
    outside = JSON.parse(
      `${bytes.toString('utf8', hasByteOrderMark(bytes) ? 3 : 0, start)}[]${bytes.toString('utf8', end)}`,
    );
  } catch {
    return undefined;
  }
  const envelope = codec.validate(outside, spec.envelope);
  const rows = new Rows(spec, previous);
  const rowsByDigest = new Map<string, z.output<I> | null>();
  for (let i = 0; i < bounds.length; i += 2) {
    const digest = hash('sha1', bytes.subarray(bounds[i], bounds[i + 1]), 'base64');
    let row = previous?.rowsByDigest.get(digest);
    if (row === undefined) {
      let raw: unknown;
      try {
        raw = JSON.parse(bytes.toString('utf8', bounds[i], bounds[i + 1]));
      } catch {
        return undefined;
      }
      row = rows.read(raw);
    }
    rowsByDigest.set(digest, row);
    rows.add(row);
  }
  return { page: rows.page(envelope), rowsByDigest };
}

/** A page that cannot be split (an odd body, or its items under a null): parsed as one, remembering no item digests. */
function readWhole<E extends z.ZodType, I extends z.ZodType>(
  bytes: Buffer,
  spec: ListPageSpec<E, I>,
  previous: ReadPage<z.output<E>, z.output<I>> | undefined,
  codec: PageCodec,
): ReadPage<z.output<E>, z.output<I>> {
  const parsed = codec.validate(codec.parse(utf8.decode(bytes)), spec.envelope) as Record<string, unknown>;
  const raws = parsed[spec.itemsKey];
  const rows = new Rows(spec, previous);
  if (Array.isArray(raws)) for (const raw of raws) rows.add(rows.read(raw));
  return { page: rows.page({ ...parsed, [spec.itemsKey]: [] } as z.output<E>), rowsByDigest: new Map() };
}

/** Decodes as fetch's `text()` does: a byte-order mark dropped, bad bytes replaced. */
const utf8 = new TextDecoder();

const hasByteOrderMark = (bytes: Buffer): boolean => bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/** Collects a page's rows; a new row takes what it shares with the last row of its id on this page. */
class Rows<E extends z.ZodType, I extends z.ZodType> {
  private readonly items: z.output<I>[] = [];
  private skipped = 0;
  private previousById: Map<string, z.output<I>> | undefined;

  constructor(
    private readonly spec: ListPageSpec<E, I>,
    private readonly previous: ReadPage<z.output<E>, z.output<I>> | undefined,
  ) {}

  /** A row read anew: one seen before shares what did not change with its previous self, strings included (adoptEqual). */
  read(raw: unknown): z.output<I> | null {
    const row = parseItem(this.spec.item, raw);
    if (row === null) return null;
    if (this.previous)
      this.previousById ??= new Map(this.previous.page.items.map((item) => [this.spec.getId(item), item]));
    const before = this.previousById?.get(this.spec.getId(row));
    return before === undefined ? row : adoptEqual<z.output<I>>(before, row);
  }

  add(row: z.output<I> | null): void {
    if (row === null) this.skipped += 1;
    else this.items.push(row);
  }

  page(envelope: z.output<E>): ListPage<z.output<E>, z.output<I>> {
    return { envelope, items: this.items, skipped: this.skipped };
  }
}
