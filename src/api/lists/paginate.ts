/**
 * Fetches every page of a list. The first page tells the total and the page
 * size the server actually used; the remaining pages are then fetched
 * concurrently, a few at a time, up to a cap.
 */
import type { z } from 'zod';
import { mapWithConcurrency } from '../../util/pool.js';
import type { Query } from '../http/client.js';
import { CONNECTIONS_PER_ORIGIN } from '../http/fetch.js';
import type { ListPageSpec } from './list-page.js';
import type { PageOptions, PageReader } from './page-reader.js';

export const DEFAULT_ITEM_CAP = 10_000;
export const DEFAULT_PAGE_CONCURRENCY = CONNECTIONS_PER_ORIGIN;

export interface Page<T> {
  items: T[];
  /** Total across all pages, as the server reports it. */
  total: number;
  /** The page size the server used (it may clamp what we asked for). */
  pageSize: number;
  /** Items on this page that could not be understood and were skipped. */
  skipped?: number;
}

export interface ListResult<T> {
  items: T[];
  /** What the server says exists (may exceed `items.length` when truncated). */
  total: number;
  /** True when the cap stopped us before the end of the list. */
  truncated: boolean;
  /** Items skipped because they could not be understood at all. */
  skipped: number;
  /** Requests the list took (one per page), for staying within a rate limit. */
  pages?: number;
  /**
   * When the server was asked for a narrower list (a filter it applies): how
   * many the list holds without that narrowing, the M of "N of M".
   */
  wholeTotal?: number;
}

export interface PaginateOptions<T> {
  /** Fetches the page at a 0-based index, assuming `pageSize` items per page. */
  fetchPage: (index: number, pageSize: number) => Promise<Page<T>>;
  pageSize: number;
  getId: (item: T) => string;
  cap?: number;
  concurrency?: number;
}

export async function fetchAllPages<T>(options: PaginateOptions<T>): Promise<ListResult<T>> {
  const cap = Math.max(1, options.cap ?? DEFAULT_ITEM_CAP);
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_PAGE_CONCURRENCY);

  const first = await options.fetchPage(0, Math.min(options.pageSize, cap));
  // Plan the remaining pages from the size the server really used; a server
  // that clamps `limit` must not make us skip items between offsets.
  const pageSize = first.pageSize > 0 ? first.pageSize : Math.max(first.items.length, 1);
  const wanted = Math.min(first.total, cap);
  const pageCount = first.items.length === 0 ? 1 : Math.max(1, Math.ceil(wanted / pageSize));

  const rest = Array.from({ length: pageCount - 1 }, (_, i) => i + 1);
  const pages = [
    first,
    ...(await mapWithConcurrency(rest, concurrency, (index) => options.fetchPage(index, pageSize))),
  ];

  // The list can shift between page requests; an item that moved across a
  // page boundary would otherwise appear twice.
  const seen = new Set<string>();
  const items: T[] = [];
  let skipped = 0;
  for (const page of pages) {
    skipped += page.skipped ?? 0;
    for (const item of page.items) {
      const id = options.getId(item);
      if (seen.has(id)) continue;
      seen.add(id);
      items.push(item);
    }
  }
  const total = Math.max(first.total, items.length);
  return {
    items: items.slice(0, cap),
    total,
    truncated: total > cap,
    skipped,
    pages: pageCount,
  };
}

/** A list the API serves in pages, each read through a client's PageReader. */
export interface PagedList<E extends z.ZodType, I extends z.ZodType> {
  path: string;
  spec: ListPageSpec<E, I>;
  /** The query of the page at a 0-based index, `size` items a page (offset/limit, page/per_page...). */
  queryFor: (index: number, size: number) => Query;
  /**
   * What a page's envelope says of the whole list, under whatever names this
   * API gives them. Either may be missing: the page's own count and the size
   * asked for stand in.
   */
  sizes: (envelope: z.output<E>) => { total: number | undefined; pageSize: number | undefined };
  pageSize: number;
  cap?: number | undefined;
  options?: PageOptions;
}

/** Every page of `list` (see fetchAllPages), read by `reader`. */
export function readAllPages<E extends z.ZodType, I extends z.ZodType>(
  reader: PageReader,
  list: PagedList<E, I>,
): Promise<ListResult<z.output<I>>> {
  return fetchAllPages({
    pageSize: list.pageSize,
    cap: list.cap,
    getId: list.spec.getId,
    fetchPage: async (index, size) => {
      const { envelope, items, skipped } = await reader.read(
        list.path,
        list.queryFor(index, size),
        list.spec,
        list.options,
      );
      const { total, pageSize } = list.sizes(envelope);
      return { items, skipped, total: total ?? items.length + skipped, pageSize: pageSize ?? size };
    },
  });
}
