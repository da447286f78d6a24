/**
 * The offers to rent: `GET /api/v1/availability/gpus` (single machines) and
 * `GET /api/v1/availability/multi-node` (clusters), read as the official
 * client reads them (`AvailabilityClient.get` in prime_cli/api/availability.py):
 * pages from 1, 100 a page (the documented maximum), until the reported
 * `totalCount` is in, the same filters sent to both endpoints, single
 * machines first. The two endpoints are read at the same time here (the
 * client reads one after the other): nothing links their pages.
 *
 * The older docs page "Check GPU availability" still shows
 * `GET /api/v1/availability/?regions=…` answering a dict keyed by GPU type;
 * the official client moved to these paged endpoints (its commit 67447599,
 * November 2025), and the client wins.
 */
import type { z } from 'zod';
import type { PageReader } from '../lists/page-reader.js';
import { readPagesInOrder } from '../lists/in-order.js';
import type { ListResult } from '../lists/paginate.js';
import type { ListPageSpec } from '../lists/list-page.js';
import type { RequestOptions } from '../http/client.js';
import { availabilityPageSchema, gpuOfferSchema, multiNodeOfferSchema, type Offer } from './offers.js';

/** `page_size` as the official client sends it, and the API's documented maximum (a larger one is refused). */
export const AVAILABILITY_PAGE_SIZE = 100;

/** The filters the availability endpoints document that cloudtop sends; each one given is sent to both. */
export interface OfferFilters {
  /** A `GPUType` value, e.g. `H100_80GB`. */
  gpuType?: string | undefined;
  /** GPUs in the offer. */
  gpuCount?: number | undefined;
  /** Any of these `Regions` values. */
  regions?: readonly string[] | undefined;
}

type OfferPage = ListPageSpec<typeof availabilityPageSchema, z.ZodType<Offer>>;

const pageOf = (item: z.ZodType<Offer>): OfferPage => ({
  envelope: availabilityPageSchema,
  itemsKey: 'items',
  item,
  getId: (offer) => offer.id,
});
const GPU_PAGE = pageOf(gpuOfferSchema);
const MULTI_NODE_PAGE = pageOf(multiNodeOfferSchema);

/** Both endpoints' offers as one list; `pages` counts the requests of both, for the rate-limit planner. */
export async function listOffers(
  reader: PageReader,
  filters: OfferFilters,
  options: RequestOptions & { cap?: number | undefined },
): Promise<ListResult<Offer>> {
  const query = {
    gpu_type: filters.gpuType,
    // As the official client sends it: a string, and only when it is not 0.
    gpu_count: filters.gpuCount ? String(filters.gpuCount) : undefined,
    // A list is sent as repeated keys (`regions=a&regions=b`), as httpx sends the client's list.
    regions: filters.regions && filters.regions.length > 0 ? filters.regions : undefined,
  };
  const read = (path: string, spec: OfferPage) =>
    readPagesInOrder(reader, {
      path,
      spec,
      queryFor: (page) => ({ ...query, page, page_size: AVAILABILITY_PAGE_SIZE }),
      total: (envelope) => envelope.totalCount,
      cap: options.cap,
      options: { signal: options.signal },
    });
  const [single, clusters] = await Promise.all([
    read('/api/v1/availability/gpus', GPU_PAGE),
    read('/api/v1/availability/multi-node', MULTI_NODE_PAGE),
  ]);
  // The two keys differ by construction (offerKey marks a cluster), so the lists only need joining.
  const items = [...single.items, ...clusters.items];
  const cap = options.cap;
  return {
    items: cap !== undefined ? items.slice(0, cap) : items,
    total: single.total + clusters.total,
    truncated: single.truncated || clusters.truncated || (cap !== undefined && items.length > cap),
    skipped: single.skipped + clusters.skipped,
    pages: (single.pages ?? 1) + (clusters.pages ?? 1),
  };
}
