/**
 * Reads a list one page after another, `page=1, 2, …`, until the items the
 * first pages reported are all in: for an API whose pages say how many items
 * there are in all but not how big a page is (the availability endpoints'
 * `{items, totalCount}`), so the remaining pages cannot be planned ahead as
 * paginate.ts plans them. This is how the official client reads those lists
 * (`_fetch_paginaged` in prime_cli/api/availability.py), with stops it lacks:
 * it loops for ever when a server reports more items than it ever sends, so
 * here a page that brings nothing new ends the list (an empty page, the same
 * page sent again, a page of items none of which can be read), and so does
 * the item cap.
 */
import type { z } from 'zod';
import type { Query } from '../http/client.js';
import type { ListPageSpec } from './list-page.js';
import type { PageOptions, PageReader } from './page-reader.js';
import { DEFAULT_ITEM_CAP, type ListResult } from './paginate.js';

export interface InOrderList<E extends z.ZodType, I extends z.ZodType> {
  path: string;
  spec: ListPageSpec<E, I>;
  /** The query of the page with this number, counted from 1. */
  queryFor: (page: number) => Query;
  /** How many items the envelope says the list holds; undefined when it does not say (the list ends there). */
  total: (envelope: z.output<E>) => number | undefined;
  cap?: number | undefined;
  options?: PageOptions;
}

export async function readPagesInOrder<E extends z.ZodType, I extends z.ZodType>(
  reader: PageReader,
  list: InOrderList<E, I>,
): Promise<ListResult<z.output<I>>> {
  const cap = Math.max(1, list.cap ?? DEFAULT_ITEM_CAP);
  const seen = new Set<string>();
  const items: z.output<I>[] = [];
  let received = 0;
  let skipped = 0;
  let reported: number;
  let page = 0;
  for (;;) {
    page += 1;
    const read = await reader.read(list.path, list.queryFor(page), list.spec, list.options);
    const before = items.length;
    skipped += read.skipped;
    received += read.items.length + read.skipped;
    for (const item of read.items) {
      const id = list.spec.getId(item);
      // An item that moved across a page boundary between two requests comes twice: once is enough.
      if (seen.has(id)) continue;
      seen.add(id);
      items.push(item);
    }
    reported = list.total(read.envelope) ?? 0;
    // An empty page, or one of items already seen (or none readable), ends the list whatever the total says.
    const nothingNew = items.length === before;
    if (received >= reported || nothingNew || items.length >= cap) break;
  }
  const total = Math.max(reported, items.length);
  return { items: items.slice(0, cap), total, truncated: items.length >= cap && total > cap, skipped, pages: page };
}
