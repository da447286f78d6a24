/**
 * Each fast path against the plain computation it stands in for, over random
 * sequences of polls: a fast path keeps state from the last poll, so a bug
 * shows only in what one poll leaves for the next (a row that changed but
 * kept its place, a predicate that changed but kept its answers).
 *
 * - sortIncrementally (views/table/sorted.ts) against sortRows
 * - PositionalFilter (app/model/positional-filter.ts) against rows.filter
 * - shareRows (app/data.ts) against no sharing at all
 * - PodStatusMerger (api/prime/pod-status.ts) against mergePodStatus on every pod
 *
 * Rows are compared by identity where the fast path promises identity: the
 * whole point of each one is that what did not change stays the same object.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ListResult } from '../../src/api/lists/paginate.js';
import { mergePodStatus, PodStatusMerger } from '../../src/api/prime/pod-status.js';
import { podSchema, podStatusSchema, type Pod, type PodStatus } from '../../src/api/prime/schemas.js';
import { shareRows } from '../../src/data/queries.js';
import { PositionalFilter } from '../../src/model/positional-filter.js';
import type { AnyRow } from '../../src/views/index.js';
import { sortRows, type Column } from '../../src/views/table/columns.js';
import { sortIncrementally, type Sorted } from '../../src/views/table/sorted.js';

/** `actual` holds exactly the objects of `expected`, in order (ids first, for a readable failure). */
function expectSameObjects<T extends { id: string }>(actual: readonly T[], expected: readonly T[]): void {
  expect(actual.map((row) => row.id)).toEqual(expected.map((row) => row.id));
  actual.forEach((row, i) => expect(row, `object at ${i} (${row.id})`).toBe(expected[i]));
}

const sameObjects = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

// ---------------------------------------------------------------------------
// A poll, as a change to the previous list: rows replaced by new objects
// (with new values, or the same values: a change elsewhere in the row), rows
// removed and added, and sometimes the whole list reordered.

interface Edit<V> {
  at: number;
  /** Undefined: the new object keeps the old value. */
  value: V | undefined;
}

interface Poll<V> {
  changes: Edit<V>[];
  removals: number[];
  additions: { at: number; value: V }[];
  reorder: { rotate: number; reverse: boolean } | null;
}

function pollOf<V>(value: fc.Arbitrary<V>, maxChanges: number): fc.Arbitrary<Poll<V>> {
  const rarely = <T>(arbitrary: fc.Arbitrary<T>, none: T) =>
    fc.oneof({ weight: 3, arbitrary: fc.constant(none) }, { weight: 1, arbitrary });
  return fc.record({
    changes: fc.array(fc.record({ at: fc.nat(), value: fc.option(value, { nil: undefined }) }), {
      maxLength: maxChanges,
      size: 'medium',
    }),
    removals: rarely(fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), []),
    additions: rarely(fc.array(fc.record({ at: fc.nat(), value }), { minLength: 1, maxLength: 20 }), []),
    reorder: rarely(fc.record({ rotate: fc.nat(), reverse: fc.boolean() }), null),
  });
}

interface Versioned<V> {
  id: string;
  value: V;
  version: number;
}

/** Ids whose order is unrelated to when the rows were made, so ties broken by id land anywhere. */
function idMaker(): () => string {
  let count = 0;
  return () => {
    count += 1;
    return `${((count * 7919) % 997).toString(36)}-${count}`;
  };
}

function applyPoll<V>(rows: readonly Versioned<V>[], poll: Poll<V>, newId: () => string): Versioned<V>[] {
  const next = rows.slice();
  for (const { at, value } of poll.changes) {
    if (next.length === 0) break;
    const old = next[at % next.length]!;
    next[at % next.length] = { id: old.id, value: value === undefined ? old.value : value, version: old.version + 1 };
  }
  for (const at of poll.removals) if (next.length > 0) next.splice(at % next.length, 1);
  for (const { at, value } of poll.additions)
    next.splice(at % (next.length + 1), 0, { id: newId(), value, version: 0 });
  if (poll.reorder) {
    const cut = next.length === 0 ? 0 : poll.reorder.rotate % next.length;
    next.push(...next.splice(0, cut));
    if (poll.reorder.reverse) next.reverse();
  }
  return next;
}

// ---------------------------------------------------------------------------

describe('sortIncrementally gives what sortRows gives', () => {
  type Row = Versioned<{ size: string | number | null; name: string }>;
  type Sort = { columnId: string; descending: boolean } | undefined;

  // Few distinct values: ties (broken by id) and missing values (last in both directions) are common.
  const size = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom('a', 'A', 'b', 'a2', 'a10', 'pod-9', 'pod-10', '', null, Number.NaN),
  );
  const name = fc.constantFrom('alpha', 'Alpha', 'beta', 'b2', 'b10', '', ' ');
  const value = fc.record({ size, name });
  const COLUMNS: readonly Column<Row>[] = [
    {
      id: 'size',
      title: 'SIZE',
      priority: 0,
      render: (row) => String(row.value.size),
      sortValue: (row) => row.value.size,
    },
    // No sortValue: sorted by its rendered text.
    { id: 'name', title: 'NAME', priority: 0, render: (row) => row.value.name },
  ];
  const identity = { getId: (row: Row): string => row.id };
  // An unknown column leaves the input order; undefined is no sort at all.
  const sort: fc.Arbitrary<Sort> = fc.option(
    fc.record({ columnId: fc.constantFrom('size', 'name', 'gone'), descending: fc.boolean() }),
    { nil: undefined },
  );
  const quiet: Poll<Row['value']> = { changes: [], removals: [], additions: [], reorder: null };
  const step = fc.oneof(
    { weight: 4, arbitrary: pollOf(value, 40).map((poll) => ({ poll })) },
    { weight: 1, arbitrary: fc.constant({ poll: quiet }) },
    { weight: 1, arbitrary: sort.map((next) => ({ sort: next })) },
  );

  it('over random polls and sort changes, and returns the previous result itself when nothing changed', () => {
    // How often each path was taken, so the property is not vacuous.
    const seen = { unchanged: 0, fewReplaced: 0, someReplaced: 0, manyReplaced: 0, idsChanged: 0 };
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 120, size: 'medium' }),
        sort,
        fc.array(step, { maxLength: 10 }),
        (initial, firstSort, steps) => {
          const newId = idMaker();
          let rows: Row[] = initial.map((v) => ({ id: newId(), value: v, version: 0 }));
          let current = firstSort;
          let sorted: Sorted<Row> = sortIncrementally(null, rows, COLUMNS, current, identity);
          expectSameObjects(sorted.rows, sortRows(rows, COLUMNS, current, identity));
          for (const next of steps) {
            const before = { rows, sort: current };
            if ('poll' in next) rows = applyPoll(rows, next.poll, newId);
            else current = next.sort;
            const columnKept =
              current !== undefined && current.columnId !== 'gone' && isDeepStrictEqual(current, before.sort);
            if (columnKept) count(seen, before.rows, rows);

            const result = sortIncrementally(sorted, rows, COLUMNS, current, identity);
            expectSameObjects(result.rows, sortRows(rows, COLUMNS, current, identity));
            if (columnKept && rows.length > 0 && sameObjects(rows, before.rows)) expect(result).toBe(sorted);
            sorted = result;
          }
        },
      ),
      { numRuns: 400 },
    );
    for (const times of Object.values(seen)) expect(times).toBeGreaterThan(25);
  });

  /**
   * Which of sortIncrementally's paths a poll takes, seen from outside (for
   * lists under 136 rows, where it places at most 16): nothing to do, a few
   * rows patched in, more placed through a Map, too many (a full sort), or
   * rows matched by id.
   */
  function count(
    seen: Record<'unchanged' | 'fewReplaced' | 'someReplaced' | 'manyReplaced' | 'idsChanged', number>,
    before: readonly Row[],
    after: readonly Row[],
  ): void {
    if (before.length === 0) return;
    if (before.length !== after.length || before.some((row, i) => row.id !== after[i]!.id)) seen.idsChanged += 1;
    else {
      const replaced = after.filter((row, i) => row !== before[i]).length;
      if (replaced === 0) seen.unchanged += 1;
      else if (replaced <= 8) seen.fewReplaced += 1;
      else if (replaced <= 16) seen.someReplaced += 1;
      else seen.manyReplaced += 1;
    }
  }
});

// ---------------------------------------------------------------------------

describe('PositionalFilter gives what rows.filter gives', () => {
  type Row = Versioned<number>;

  // Fixed functions, so the same predicate comes back as the same object (its answers may be reused).
  const PREDICATES: readonly ((row: Row) => boolean)[] = [
    (row) => row.value % 2 === 0,
    (row) => row.value > 5,
    () => true,
    () => false,
  ];
  /**
   * Which predicate a poll filters with: mostly the last one (a filter kept
   * while polls come in), or one of PREDICATES, perhaps as a new function
   * (`fresh`: the same test recompiled).
   */
  const predicateChoice = fc.oneof(
    { weight: 2, arbitrary: fc.constant('last' as const) },
    { weight: 1, arbitrary: fc.record({ index: fc.nat({ max: PREDICATES.length - 1 }), fresh: fc.boolean() }) },
  );
  /**
   * The rescue reads state outside the row that changes every poll (as "a
   * delete is in flight" does): its answers must never be remembered, even
   * when it is the same function.
   */
  const rescueChoice = fc.option(fc.record({ modulus: fc.integer({ min: 2, max: 5 }), sameFunction: fc.boolean() }), {
    nil: undefined,
  });
  const step = fc.record({
    poll: pollOf(fc.integer({ min: 0, max: 9 }), 30),
    predicate: predicateChoice,
    rescue: rescueChoice,
  });

  it('over random lists, predicates and rescues, and returns the same array when the answer is the same', () => {
    let reused = 0;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 80, size: 'medium' }),
        fc.array(step, { minLength: 1, maxLength: 12 }),
        (initial, steps) => {
          const newId = idMaker();
          let rows: Row[] = initial.map((value) => ({ id: newId(), value, version: 0 }));
          let modulus = 1;
          const sharedRescue = (row: Row): boolean => row.version % modulus === 0;
          const filter = new PositionalFilter<Row>();
          let last: readonly Row[] | undefined;
          let lastPredicate = PREDICATES[0]!;
          for (const { poll, predicate: choice, rescue: rescueOf } of steps) {
            const before = rows;
            rows = applyPoll(rows, poll, newId);
            const base = choice === 'last' ? lastPredicate : PREDICATES[choice.index]!;
            const predicate = choice !== 'last' && choice.fresh ? (row: Row) => base(row) : base;
            // Answers kept from the last poll stand in for some rows.
            if (last !== undefined && predicate === lastPredicate && rows.some((row, i) => row === before[i]))
              reused += 1;
            lastPredicate = predicate;
            modulus = rescueOf?.modulus ?? 1;
            const rescue =
              rescueOf === undefined
                ? undefined
                : rescueOf.sameFunction
                  ? sharedRescue
                  : (row: Row) => row.version % rescueOf.modulus === 0;

            const result = filter.filter(rows, predicate, rescue);
            const expected = rows.filter((row) => predicate(row) || (rescue !== undefined && rescue(row)));
            expectSameObjects(result, expected);
            if (last !== undefined && sameObjects(expected, last)) expect(result).toBe(last);
            last = result;
          }
        },
      ),
      { numRuns: 600 },
    );
    expect(reused).toBeGreaterThan(500);
  });
});

// ---------------------------------------------------------------------------

describe('shareRows gives what no sharing gives', () => {
  /** A row as the schemas give it: plain JSON (no -0, no undefined). */
  const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;
  const data = fc.jsonValue({ maxDepth: 2 }).map(json);
  // `note` comes and goes: a field that only one of two rows has.
  const fields = fc.record(
    { status: fc.constantFrom('ACTIVE', 'STOPPED'), data, note: fc.constant('x') },
    { requiredKeys: ['status', 'data'] },
  );

  /** An equal row as a new parse gives it, its keys perhaps in another order. */
  function copyOf(value: unknown, reverseKeys: boolean): unknown {
    if (Array.isArray(value)) return value.map((item) => copyOf(item, reverseKeys));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value).map(([key, inner]) => [key, copyOf(inner, reverseKeys)] as const);
    return Object.fromEntries(reverseKeys ? entries.reverse() : entries);
  }

  type Fate = 'same object' | 'equal copy' | 'changed' | 'removed';
  const fate = fc.record({
    fate: fc.constantFrom<Fate>('same object', 'equal copy', 'equal copy', 'changed', 'removed'),
    reverseKeys: fc.boolean(),
    fields,
  });
  /** `total` is what the server says exists: often more than the rows (a list cut at the cap). */
  const counts = fc.record({ total: fc.nat({ max: 20 }), truncated: fc.boolean(), skipped: fc.nat({ max: 2 }) });
  /** How the next poll's list differs from the previous one; `counts` undefined: the same as before. */
  const change = fc.oneof(
    fc.record({
      fates: fc.array(fate, { maxLength: 15 }),
      added: fc.array(fields, { maxLength: 4 }),
      reorder: fc.option(fc.record({ rotate: fc.nat(), reverse: fc.boolean() }), { nil: undefined }),
      counts: fc.option(counts, { nil: undefined }),
    }),
    // A poll that brought nothing new (every row the same object or an equal
    // copy), or only lost rows, with the same counts (a list cut at the cap).
    fc.boolean().chain((removing) =>
      fc.record({
        fates: fc.array(
          fate.map((f) =>
            f.fate === 'same object' || (removing && f.fate === 'removed') ? f : { ...f, fate: 'equal copy' as const },
          ),
          { maxLength: 15 },
        ),
        added: fc.constant([]),
        reorder: fc.constant(undefined),
        counts: fc.constant(undefined),
      }),
    ),
  );
  /** As fetchAllPages reports them; the page count follows the total, at one page size. */
  const listOf = (
    items: AnyRow[],
    extra: { total: number; truncated: boolean; skipped: number },
  ): ListResult<AnyRow> => {
    const total = Math.max(items.length, extra.total);
    return {
      items,
      total,
      truncated: extra.truncated,
      skipped: extra.skipped,
      pages: Math.max(1, Math.ceil(total / 5)),
    };
  };
  const getId = (row: AnyRow): string => row.id;

  it('is deep-equal to the next list, with each row equal to its previous self being that previous object', () => {
    const seen = { sharedRows: 0, sameList: 0 };
    fc.assert(
      fc.property(
        fc.option(fc.array(fields, { maxLength: 15 }), { nil: undefined }),
        counts,
        change,
        (previousFields, previousCounts, { fates, added, reorder, counts: nextCounts }) => {
          const previousItems = (previousFields ?? []).map((f, i) => ({ id: `r${i}`, ...f }) as unknown as AnyRow);
          const previous = previousFields === undefined ? undefined : listOf(previousItems, previousCounts);
          const nextItems: AnyRow[] = [];
          previousItems.forEach((row, i) => {
            const {
              fate: what,
              reverseKeys,
              fields: changed,
            } = fates[i] ?? { fate: 'equal copy', reverseKeys: false, fields: null };
            if (what === 'same object') nextItems.push(row);
            else if (what === 'equal copy') nextItems.push(copyOf(row, reverseKeys) as AnyRow);
            else if (what === 'changed') nextItems.push({ id: row.id, ...changed } as unknown as AnyRow);
          });
          added.forEach((f, i) => nextItems.push({ id: `new${i}`, ...f } as unknown as AnyRow));
          if (reorder && nextItems.length > 0) {
            nextItems.push(...nextItems.splice(0, reorder.rotate % nextItems.length));
            if (reorder.reverse) nextItems.reverse();
          }
          const next = listOf(nextItems, nextCounts ?? previousCounts);
          const expected = structuredClone(next);

          const result = shareRows(previous, next, getId);
          expect(result).toEqual(expected);
          const before = new Map(previousItems.map((row) => [row.id, row]));
          result.items.forEach((row, i) => {
            const old = before.get(row.id);
            const shared = old !== undefined && isDeepStrictEqual(old, next.items[i]);
            if (shared && old !== next.items[i]) seen.sharedRows += 1;
            expect(row, `row ${row.id}`).toBe(shared ? old : next.items[i]);
          });
          // An unchanged list is the same list: nothing renders.
          if (
            previous &&
            sameObjects(result.items, previous.items) &&
            isDeepStrictEqual({ ...result, items: [] }, { ...previous, items: [] })
          ) {
            seen.sameList += 1;
            expect(result).toBe(previous);
          }
        },
      ),
      { numRuns: 2000 },
    );
    expect(seen.sharedRows).toBeGreaterThan(500);
    expect(seen.sameList).toBeGreaterThan(200);
  });

  // An unchanged list read in more pages (the sandbox list after a 422 fallback
  // to smaller pages) must carry the new count: polling (rateLimitedInterval)
  // plans its requests from it.
  it('keeps a page count that changed while the rows did not', () => {
    const previous: ListResult<AnyRow> = {
      items: [{ id: 'a' } as unknown as AnyRow],
      total: 1,
      truncated: false,
      skipped: 0,
      pages: 1,
    };
    const next: ListResult<AnyRow> = { ...previous, items: [{ id: 'a' } as unknown as AnyRow], pages: 3 };
    expect(shareRows(previous, next, getId)).toEqual(next);
  });
});

// ---------------------------------------------------------------------------

describe('PodStatusMerger gives what mergePodStatus on every pod gives', () => {
  // The live fields in the shapes the API sends them: a string, a list, [null], nothing.
  const live = {
    sshConnection: fc.constantFrom<unknown>(
      undefined,
      null,
      '',
      'root@10.0.0.1 -p 22',
      ['root@10.0.0.2 -p 22', 'root@10.0.0.3 -p 22'],
      [null],
    ),
    ip: fc.constantFrom<unknown>(undefined, null, '10.0.0.1', ['10.0.0.2', '10.0.0.3']),
    installationStatus: fc.constantFrom<unknown>(undefined, null, 'PENDING', 'FINISHED', 'ERROR'),
    installationFailure: fc.constantFrom<unknown>(undefined, null, 'disk full'),
    installationProgress: fc.constantFrom<unknown>(undefined, null, 0, 40, 100),
    priceHr: fc.constantFrom<unknown>(undefined, null, 1.5, '2.25'),
  };
  const rawPod = fc.record({
    status: fc.constantFrom<unknown>('ACTIVE', 'PROVISIONING', 'pending', undefined),
    name: fc.constantFrom('a', 'b'),
    ...live,
  });
  const rawStatus = fc.record({
    status: fc.constantFrom<unknown>(undefined, null, 'ACTIVE', 'UNKNOWN', 'stopping'),
    ...live,
  });

  type Raw = Record<string, unknown>;
  /** A pod or status with the JSON it was read from. */
  interface Read<T> {
    raw: Raw;
    value: T;
  }
  /**
   * What happens to a pod or its status from one poll to the next: the same
   * object (an unchanged page), parsed again from the same JSON (a page that
   * changed elsewhere), parsed from new JSON, or gone. `raw` is the new JSON.
   */
  type Fate = { kind: 'same object' | 'parsed again' | 'changed' | 'gone'; raw: Raw };
  const fateOf = (raw: fc.Arbitrary<Raw>, goneWeight: number): fc.Arbitrary<Fate> =>
    fc.record({
      kind: fc.oneof(
        { weight: 4, arbitrary: fc.constant('same object' as const) },
        { weight: 2, arbitrary: fc.constant('parsed again' as const) },
        { weight: 2, arbitrary: fc.constant('changed' as const) },
        { weight: goneWeight, arbitrary: fc.constant('gone' as const) },
      ),
      raw,
    });
  const pollStep = fc.record({
    pods: fc.array(fateOf(rawPod, 1), { maxLength: 12 }),
    statuses: fc.array(fateOf(rawStatus, 2), { maxLength: 12 }),
    newPods: fc.array(rawPod, { maxLength: 2 }),
    reverse: fc.boolean(),
  });

  /** `entry` after one poll (unchanged past the generated fates); a status that was absent comes from the fate's JSON. */
  function afterPoll<T>(
    entry: Read<T> | undefined,
    fate: Fate | undefined,
    parse: (raw: Raw) => T,
  ): Read<T> | undefined {
    if (fate === undefined) return entry;
    if (fate.kind === 'gone') return undefined;
    if (entry === undefined || fate.kind === 'changed') {
      const raw = { ...entry?.raw, ...fate.raw };
      return { raw, value: parse(raw) };
    }
    return fate.kind === 'same object' ? entry : { raw: entry.raw, value: parse(entry.raw) };
  }

  it('over random polls where pods and statuses sometimes stay the same objects', () => {
    let kept = 0;
    fc.assert(
      fc.property(
        fc.array(rawPod, { maxLength: 10 }),
        fc.array(pollStep, { minLength: 1, maxLength: 8 }),
        (initial, polls) => {
          const merger = new PodStatusMerger();
          let created = 0;
          const newPod = (raw: Raw): Read<Pod> => {
            const withId = { ...raw, id: `p${created++}` };
            return { raw: withId, value: podSchema.parse(withId) };
          };
          let pods = initial.map(newPod);
          let statuses = new Map<string, Read<PodStatus>>();
          let lastMerged = new Map<string, { pod: Pod; status: PodStatus; merged: Pod }>();
          for (const poll of polls) {
            pods = pods.flatMap((entry, i) => afterPoll(entry, poll.pods[i], (raw) => podSchema.parse(raw)) ?? []);
            pods.push(...poll.newPods.map(newPod));
            if (poll.reverse) pods.reverse();
            const nextStatuses = new Map<string, Read<PodStatus>>();
            pods.forEach(({ value: pod }, i) => {
              const entry = afterPoll(statuses.get(pod.id), poll.statuses[i], (raw) =>
                podStatusSchema.parse({ ...raw, podId: pod.id }),
              );
              if (entry) nextStatuses.set(pod.id, entry);
            });
            statuses = nextStatuses;

            const podList = pods.map((entry) => entry.value);
            const statusList = [...statuses.values()].map((entry) => entry.value);
            const merged = merger.merge(podList, statusList);
            const byId = new Map(statusList.map((status) => [status.podId, status]));
            expect(merged).toEqual(
              podList.map((pod) => (byId.has(pod.id) ? mergePodStatus(pod, byId.get(pod.id)!) : pod)),
            );

            // The fast path's promise: a pod without news is itself, and an unchanged pair is last poll's row.
            const nextMerged = new Map<string, { pod: Pod; status: PodStatus; merged: Pod }>();
            merged.forEach((row, i) => {
              const pod = podList[i]!;
              const status = byId.get(pod.id);
              if (status === undefined) return expect(row).toBe(pod);
              const before = lastMerged.get(pod.id);
              if (before && before.pod === pod && before.status === status) {
                kept += 1;
                expect(row).toBe(before.merged);
              }
              nextMerged.set(pod.id, { pod, status, merged: row });
            });
            lastMerged = nextMerged;
          }
        },
      ),
      { numRuns: 1000 },
    );
    expect(kept).toBeGreaterThan(200);
  });
});
