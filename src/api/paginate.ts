/**
 * Fetches every page of a list. The first page tells the total and the page
 * size the server actually used; the remaining pages are then fetched
 * concurrently, a few at a time, up to a cap.
 */

export const DEFAULT_ITEM_CAP = 10_000;
export const DEFAULT_PAGE_CONCURRENCY = 4;

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

  const pages: Page<T>[] = new Array(pageCount);
  pages[0] = first;
  const pending = Array.from({ length: pageCount - 1 }, (_, i) => i + 1);
  const worker = async (): Promise<void> => {
    for (let index = pending.shift(); index !== undefined; index = pending.shift()) {
      pages[index] = await options.fetchPage(index, pageSize);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, worker));

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
