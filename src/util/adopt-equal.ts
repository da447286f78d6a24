/**
 * Structural sharing for freshly parsed JSON: `next`, with every part that is
 * deep-equal to the same part of `previous` replaced by `previous`'s object
 * (or string: an equal string is also taken, so the new copy can be dropped).
 * Returns `previous` itself when the two are wholly equal.
 *
 * Why: a changed page of a list is mostly unchanged rows, and a changed row
 * is mostly unchanged parts (a node's hardware and software descriptions do
 * not move when its load does). Adopting the old objects at once, while the
 * new copies are still young, lets the garbage collector drop the copies
 * cheaply instead of promoting them to the old generation with the rows that
 * did change; and unchanged rows keep their identity, so nothing downstream
 * compares or redraws them.
 *
 * `next` is changed in place: it must be freshly parsed and not yet shared.
 * Only plain data is compared (objects, arrays, primitives), as JSON gives.
 */
export function adoptEqual<T>(previous: T, next: T): T {
  if (previous === next) return previous;
  if (typeof previous !== 'object' || typeof next !== 'object' || previous === null || next === null) return next;
  if (Array.isArray(previous) || Array.isArray(next)) {
    if (!Array.isArray(previous) || !Array.isArray(next)) return next;
    let same = previous.length === next.length;
    for (let i = 0; i < next.length; i++) {
      const adopted: unknown = i < previous.length ? adoptEqual(previous[i], next[i]) : next[i];
      if (adopted !== next[i] || typeof adopted === 'string') next[i] = adopted;
      if (adopted !== previous[i]) same = false;
    }
    return same ? previous : next;
  }
  if (!isPlain(previous) || !isPlain(next)) return next;
  const before = previous as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  let same = true;
  let keys = 0;
  for (const key in after) {
    if (!Object.hasOwn(after, key)) continue;
    keys++;
    if (!Object.hasOwn(before, key)) {
      same = false;
      continue;
    }
    const adopted = adoptEqual(before[key], after[key]);
    if (adopted !== after[key] || typeof adopted === 'string') after[key] = adopted;
    if (adopted !== before[key]) same = false;
  }
  if (same) for (const key in before) if (Object.hasOwn(before, key)) keys--;
  return same && keys === 0 ? previous : next;
}

/** A Date, Map or class instance is never "equal" here unless identical: only plain data is compared. */
function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
