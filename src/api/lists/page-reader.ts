/**
 * Pages of lists polled over and over, each remembered (by URL, or by a name
 * the caller gives) with a digest of its bytes and the rows read from them.
 * A page whose bytes are what they were last time is the page read then, not
 * even decoded: an unchanged page of a steady account costs a hash, and its
 * rows stay the same objects, which is what lets everything downstream skip
 * them. A changed page is read item by item (list-page.ts). Each API client
 * owns one reader; the HTTP layer only fetches bytes.
 */
import { hash } from 'node:crypto';
import type { z } from 'zod';
import { GenerationalMap } from '../../util/generational-map.js';
import type { HttpClient, Query, RequestOptions } from '../http/client.js';
import { readListPage, type ListPage, type ListPageSpec, type ReadPage } from './list-page.js';

export interface PageOptions extends RequestOptions {
  /**
   * Remember the page under this name instead of its URL. For a request whose
   * URL changes from poll to poll (a batch of ids) but whose answer is best
   * compared with the same batch last time: remembered by URL, every new
   * batch would add an entry, and the last thousand batches' items would stay
   * in memory.
   */
  rememberAs?: string;
}

/** A list is at most a few hundred pages; URLs no longer asked for age out. */
const REMEMBERED_PAGES = 1_000;

export class PageReader {
  private readonly pages = new GenerationalMap<string, { digest: string; read: ReadPage<unknown, unknown> }>(
    REMEMBERED_PAGES,
  );

  constructor(private readonly http: HttpClient) {}

  /** One page; it is shared with the next poll's reader and must never be changed. */
  async read<E extends z.ZodType, I extends z.ZodType>(
    path: string,
    query: Query,
    spec: ListPageSpec<E, I>,
    options: PageOptions = {},
  ): Promise<ListPage<z.output<E>, z.output<I>>> {
    const body = await this.http.getBytes(path, query, options);
    const digest = hash('sha1', body.bytes, 'base64');
    const key = options.rememberAs ?? body.url;
    const last = this.pages.get(key) as { digest: string; read: ReadPage<z.output<E>, z.output<I>> } | undefined;
    if (last?.digest === digest) return last.read.page;
    const read = readListPage(body.bytes, spec, last?.read, body);
    this.pages.set(key, { digest, read });
    return read.page;
  }
}
