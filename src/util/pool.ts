/**
 * Bounded concurrency, with p-limit: pages of a list and batches of statuses
 * go to a rate-limited API, and firing a hundred requests at once would spend
 * the account's allowance in a burst (and wait for the HTTP agent's few
 * connections anyway, see api/http/fetch.ts); DELETEs are bounded the same
 * way (data/deletion-queue.ts).
 */
import pLimit, { type LimitFunction } from 'p-limit';

/** At most `concurrency` (at least one) calls of the returned function's tasks run at once; the rest wait their turn. */
export function limiter(concurrency: number): LimitFunction {
  return pLimit(Math.max(1, Math.floor(concurrency)));
}

/**
 * `Promise.all(items.map(fn))` with at most `limit` calls in flight. Results
 * come back in input order, whatever order the calls finish in. The first
 * failure rejects the whole at once, as with Promise.all; the calls already
 * queued still run, and what they get is dropped.
 */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  return limiter(limit).map(items, fn);
}
