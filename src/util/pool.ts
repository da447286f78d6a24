/**
 * `Promise.all(items.map(fn))` with at most `limit` calls in flight: pages of
 * a list and batches of statuses go to a rate-limited API, and firing a
 * hundred requests at once would spend the account's allowance in a burst
 * (and wait for the HTTP agent's few connections anyway, see fetch.ts).
 *
 * Results come back in input order, whatever order the calls finish in. The
 * first failure rejects the whole at once, as with Promise.all; the other
 * workers still go on through the list, and what they get is dropped.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  // Each worker takes the next index when its call is done: a slow call holds
  // up one worker, never the others.
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
