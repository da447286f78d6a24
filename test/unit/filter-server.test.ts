import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_STATUSES, nodeQuery, type NodeListQuery } from '../../src/api/dispersed/client.js';
import type { SandboxFilters } from '../../src/api/prime/client.js';
import { compileFilter } from '../../src/filter/match.js';
import { formatTerms, parseFilter, type FilterExpression, type Term } from '../../src/filter/parse.js';
import {
  passingStatuses,
  SANDBOX_STATUSES,
  serverQueryCovers,
  serverQueryFor,
  serverQueryKey,
  toNodeQuery,
  toSandboxQuery,
  type ServerQuery,
} from '../../src/filter/server.js';
import { rowAccessors, type FilterRow } from '../helpers/filter-rows.js';

function filterOf(input: string): FilterExpression {
  const result = parseFilter(input);
  if (!result.ok) throw new Error(result.error);
  return result.filter;
}

const sandboxQuery = (input: string, showGone = false) => toSandboxQuery(filterOf(input), { showGone });
const nodeFilter = (input: string, showGone = false) => toNodeQuery(filterOf(input), { showGone });

describe('toSandboxQuery', () => {
  it('sends is_active=true while terminated sandboxes are hidden', () => {
    expect(sandboxQuery('')).toEqual({ isActive: true });
    expect(sandboxQuery('', true)).toEqual({});
    expect(sandboxQuery('llama -eval', true)).toEqual({});
  });

  it('drops is_active when a status term asks for TERMINATED, or the server would hide it', () => {
    expect(sandboxQuery('status:terminated')).toEqual({ status: 'TERMINATED' });
    expect(sandboxQuery('status:running,terminated')).toEqual({});
    expect(sandboxQuery('s:terminated,deleting')).toEqual({});
  });

  it('keeps is_active whenever the client hides TERMINATED and TIMEOUT anyway', () => {
    expect(sandboxQuery('-status:terminated,timeout', true)).toEqual({ isActive: true });
    // TIMEOUT could still pass, and the server may count it as inactive: not sent.
    expect(sandboxQuery('-status:terminated', true)).toEqual({});
    expect(sandboxQuery('status:timeout')).toEqual({ status: 'TIMEOUT' });
    expect(sandboxQuery('status:running', true)).toEqual({ status: 'RUNNING', isActive: true });
    expect(sandboxQuery('status:running,paused', true)).toEqual({ isActive: true });
  });

  it('sends one documented status only when it is the only status that can pass', () => {
    expect(sandboxQuery('status:running')).toEqual({ status: 'RUNNING', isActive: true });
    expect(sandboxQuery('s:Paused llama')).toEqual({ status: 'PAUSED', isActive: true });
    // Several statuses: the API takes one.
    expect(sandboxQuery('status:running,paused')).toEqual({ isActive: true });
    // Not documented for sandboxes: the server would reject or mis-filter it.
    expect(sandboxQuery('status:hibernating')).toEqual({ isActive: true });
    // Negations are never sent.
    expect(sandboxQuery('-status:running')).toEqual({ isActive: true });
    // Terms that intersect to one status.
    expect(sandboxQuery('status:running,paused status:paused,error')).toEqual({ status: 'PAUSED', isActive: true });
    expect(sandboxQuery('status:running,paused -status:paused')).toEqual({ status: 'RUNNING', isActive: true });
    // DELETING is named, so it can pass (even with gone rows hidden), and it isn't a documented sandbox status.
    expect(sandboxQuery('status:running,deleting')).toEqual({ isActive: true });
    expect(sandboxQuery('status:running,deleting -status:deleting')).toEqual({ status: 'RUNNING', isActive: true });
  });

  it('sends every required label, de-duplicated and sorted; never negated ones', () => {
    expect(sandboxQuery('label:eval label:"team:research" l:eval', true)).toEqual({
      labels: ['eval', 'team:research'],
    });
    expect(sandboxQuery('l:b l:a', true)).toEqual({ labels: ['a', 'b'] });
    expect(sandboxQuery('-label:eval', true)).toEqual({});
    expect(sandboxQuery('label:Eval', true)).toEqual({ labels: ['Eval'] });
  });
});

describe('toNodeQuery', () => {
  it('hides nothing extra by default and asks for DELETED only when it can be shown', () => {
    expect(nodeFilter('')).toEqual({});
    expect(nodeFilter('', true)).toEqual({ filter: { include_deleted: true } });
    expect(nodeFilter('-status:deleted', true)).toEqual({});
    expect(nodeFilter('status:deleted')).toEqual({ filter: { status: 'DELETED', include_deleted: true } });
  });

  it('sends the statuses that can pass as an any-of list when all are documented', () => {
    expect(nodeFilter('status:available')).toEqual({ filter: { status: 'AVAILABLE' } });
    expect(nodeFilter('status:working,available')).toEqual({ filter: { status: 'AVAILABLE,WORKING' } });
    expect(nodeFilter('status:working,available,deleted', true)).toEqual({
      filter: { status: 'AVAILABLE,WORKING,DELETED', include_deleted: true },
    });
    // Naming DELETED shows deleted nodes even with gone rows hidden.
    expect(nodeFilter('status:available,deleted')).toEqual({
      filter: { status: 'AVAILABLE,DELETED', include_deleted: true },
    });
    expect(nodeFilter('status:available,offline -status:offline')).toEqual({ filter: { status: 'AVAILABLE' } });
    expect(nodeFilter('s:available,offline s:offline,working')).toEqual({ filter: { status: 'OFFLINE' } });
  });

  it('sends no status when any value is undocumented, a negation, or nothing can pass', () => {
    expect(nodeFilter('status:available,unknown')).toEqual({});
    expect(nodeFilter('-status:available')).toEqual({});
    expect(nodeFilter('status:available status:offline')).toEqual({});
    expect(nodeFilter('status:available,stopped')).toEqual({});
    expect(nodeFilter('status:available,stopped -s:stopped')).toEqual({ filter: { status: 'AVAILABLE' } });
  });

  it('encodes as the documented filter[...] parameters', () => {
    expect(nodeQuery(nodeFilter('status:available,deleted'))).toEqual({
      sort: undefined,
      'filter[status]': 'AVAILABLE,DELETED',
      'filter[include_deleted]': true,
    });
  });
});

describe('serverQueryFor and serverQueryKey', () => {
  it('has nothing server-side for disks and pods', () => {
    expect(serverQueryFor('disks', filterOf('status:active'), false)).toEqual({ kind: 'disks', query: null });
    expect(serverQueryKey('pods', filterOf('status:active llama'), false)).toBe(
      serverQueryKey('pods', filterOf(''), true),
    );
    expect(serverQueryKey('pods', filterOf(''), false)).not.toBe(serverQueryKey('disks', filterOf(''), false));
  });

  it('does not change while only text terms change', () => {
    const typed = ['l', 'll', 'llama', 'llama -eval', '"llama 3"'];
    for (const kind of ['sandboxes', 'nodes'] as const) {
      const keys = new Set(typed.map((input) => serverQueryKey(kind, filterOf(`status:running ${input}`), false)));
      expect(keys.size).toBe(1);
    }
  });

  it('changes exactly when the server part changes', () => {
    expect(serverQueryKey('sandboxes', filterOf('l:a l:b'), false)).toBe(
      serverQueryKey('sandboxes', filterOf('l:b l:a l:a'), false),
    );
    expect(serverQueryKey('sandboxes', filterOf(''), false)).not.toBe(serverQueryKey('sandboxes', filterOf(''), true));
    // `a` changes nothing server-side once a status bounds the result.
    expect(serverQueryKey('sandboxes', filterOf('s:running'), false)).toBe(
      serverQueryKey('sandboxes', filterOf('s:running'), true),
    );
    expect(serverQueryKey('nodes', filterOf('s:available'), false)).toBe(
      serverQueryKey('nodes', filterOf('s:available'), true),
    );
    expect(serverQueryKey('nodes', filterOf('s:available'), false)).not.toBe(
      serverQueryKey('nodes', filterOf('s:offline'), false),
    );
  });
});

describe('serverQueryCovers', () => {
  const covers = (
    kind: 'sandboxes' | 'nodes' | 'disks',
    from: string,
    to: string,
    goneFrom = false,
    goneTo = goneFrom,
  ) => serverQueryCovers(serverQueryFor(kind, filterOf(from), goneFrom), serverQueryFor(kind, filterOf(to), goneTo));

  it('says previous rows can stand in while the next query loads only when they hold every row it needs', () => {
    expect(covers('sandboxes', 'llama', 'llama 3')).toBe(true);
    expect(covers('sandboxes', '', 'status:running label:eval')).toBe(true);
    expect(covers('sandboxes', 'label:e', 'label:ev')).toBe(false);
    expect(covers('sandboxes', 'label:eval', 'label:eval label:train')).toBe(true);
    expect(covers('sandboxes', 'status:running', '')).toBe(false);
    expect(covers('sandboxes', '', '', false, true)).toBe(false);
    expect(covers('sandboxes', '', '', true, false)).toBe(true);
    expect(covers('nodes', 'status:available,offline', 'status:offline')).toBe(true);
    expect(covers('nodes', 'status:offline', 'status:available,offline')).toBe(false);
    expect(covers('nodes', '', 'status:deleted')).toBe(false);
    expect(covers('nodes', '', 'status:deleted', true)).toBe(true);
    expect(covers('disks', 'a', 'b', false, true)).toBe(true);
    expect(
      serverQueryCovers(serverQueryFor('disks', filterOf(''), false), serverQueryFor('pods', filterOf(''), false)),
    ).toBe(false);
  });
});

// ---------------------------------------------------------------------------
// The proof that server-side filtering never changes what is shown: for any
// rows and any filter, rows the simulated server returns, then filtered on the
// client, equal the rows filtered on the client alone.

type Row = FilterRow;
const accessors = rowAccessors;

/** `GET /api/v1/sandbox` as documented, with `is_active` taken to drop TIMEOUT too (as src/sim implements it). */
function sandboxServer(query: SandboxFilters): (row: Row) => boolean {
  return (row) =>
    (query.status === undefined || row.status === query.status) &&
    (query.isActive !== true || (row.status !== 'TERMINATED' && row.status !== 'TIMEOUT')) &&
    (query.labels ?? []).every((label) => (row.labels ?? []).includes(label));
}

/** `GET /v1/nodes`: `filter[status]` any-of; DELETED hidden unless included or asked for by status. */
function nodeServer(query: NodeListQuery): (row: Row) => boolean {
  const statuses = query.filter?.status?.split(',');
  const showDeleted = query.filter?.include_deleted === true || (statuses?.includes('DELETED') ?? false);
  return (row) =>
    (row.status !== 'DELETED' || showDeleted) && (statuses === undefined || statuses.includes(row.status));
}

// Row statuses are upper-case, as api/lenient.ts delivers them: documented,
// gone-but-undocumented, and statuses the API might add later.
const SANDBOX_ROW_STATUSES = [...SANDBOX_STATUSES, 'DELETING', 'STOPPED', 'UNKNOWN', '', 'HIBERNATING'];
const NODE_ROW_STATUSES = [...NODE_STATUSES, 'TERMINATED', 'UNKNOWN', 'HIBERNATING'];
const LABELS = ['eval', 'Eval', 'team:research', 'train', 'llama 3'];
const WORDS = ['eval', 'EVAL', 'llama', 'research', 'sb-1', 'a', 'team:', '3'];

function rowArbitrary(statuses: readonly string[], withLabels: boolean): fc.Arbitrary<Row> {
  return fc.record({
    id: fc.constantFrom('sb-1', 'sb-2', 'node-A', 'x'),
    name: fc.constantFrom('eval-runner', 'Llama 3', 'research box', 'plain'),
    status: fc.constantFrom(...statuses),
    labels: withLabels ? fc.subarray(LABELS) : fc.constant(null),
  });
}

function filterArbitrary(statuses: readonly string[]): fc.Arbitrary<FilterExpression> {
  const statusValue = fc.constantFrom(...statuses, 'running', 'Deleted', 'NEVER_SEEN');
  const term: fc.Arbitrary<Term> = fc.oneof(
    fc.record({
      field: fc.constant('text' as const),
      values: fc.constantFrom(...WORDS).map((v) => [v]),
      negate: fc.boolean(),
    }),
    fc.record({
      field: fc.constant('status' as const),
      values: fc.uniqueArray(
        statusValue.map((v) => v.toUpperCase()),
        { minLength: 1, maxLength: 4 },
      ),
      negate: fc.boolean(),
    }),
    fc.record({
      field: fc.constant('label' as const),
      values: fc.constantFrom(...LABELS).map((v) => [v]),
      negate: fc.boolean(),
    }),
  );
  return fc.array(term, { maxLength: 5 }).map((terms) => ({ source: formatTerms(terms), terms }));
}

const ids = (rows: readonly Row[]) => rows.map((row) => row.id + row.status + JSON.stringify(row.labels));

describe('server narrowing never changes what is shown', () => {
  it('sandboxes: server(query) then client equals client alone', () => {
    let statusSent = 0;
    fc.assert(
      fc.property(
        fc.array(rowArbitrary(SANDBOX_ROW_STATUSES, true), { maxLength: 40 }),
        filterArbitrary(SANDBOX_ROW_STATUSES),
        fc.boolean(),
        (rows, filter, showGone) => {
          const query = toSandboxQuery(filter, { showGone });
          // No status, or one the API documents: never one it would reject or mis-filter.
          expect([undefined, ...SANDBOX_STATUSES]).toContain(query.status);
          if (query.status !== undefined) statusSent += 1;
          const client = compileFilter(filter, accessors, { showGone });
          expect(ids(rows.filter(sandboxServer(query)).filter(client))).toEqual(ids(rows.filter(client)));
        },
      ),
      { numRuns: 5000 },
    );
    // Not vacuous: the server is often sent a status.
    expect(statusSent).toBeGreaterThan(100);
  });

  it('nodes: server(query) then client equals client alone', () => {
    let statusSent = 0;
    fc.assert(
      fc.property(
        fc.array(rowArbitrary(NODE_ROW_STATUSES, false), { maxLength: 40 }),
        filterArbitrary(NODE_ROW_STATUSES),
        fc.boolean(),
        (rows, filter, showGone) => {
          const query = toNodeQuery(filter, { showGone });
          // No status list, or one of documented statuses only (an empty `filter[status]` is neither).
          const sent = query.filter?.status?.split(',') ?? [];
          expect(NODE_STATUSES).toEqual(expect.arrayContaining(sent));
          if (sent.length > 0) statusSent += 1;
          const client = compileFilter(filter, accessors, { showGone });
          expect(ids(rows.filter(nodeServer(query)).filter(client))).toEqual(ids(rows.filter(client)));
        },
      ),
      { numRuns: 5000 },
    );
    expect(statusSent).toBeGreaterThan(250);
  });

  it('the statuses that can pass bound every shown row', () => {
    fc.assert(
      fc.property(
        fc.array(rowArbitrary(SANDBOX_ROW_STATUSES, true), { maxLength: 20 }),
        filterArbitrary(SANDBOX_ROW_STATUSES),
        fc.boolean(),
        (rows, filter, showGone) => {
          const passing = passingStatuses(filter, { showGone });
          if (passing === null) return;
          for (const row of rows.filter(compileFilter(filter, accessors, { showGone })))
            expect(passing.has(row.status)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the key is a function of the server query alone', () => {
    fc.assert(
      fc.property(
        filterArbitrary(SANDBOX_ROW_STATUSES),
        filterArbitrary(SANDBOX_ROW_STATUSES),
        fc.boolean(),
        fc.boolean(),
        (a, b, goneA, goneB) => {
          for (const kind of ['sandboxes', 'nodes'] as const) {
            const sameQuery =
              JSON.stringify(serverQueryFor(kind, a, goneA)) === JSON.stringify(serverQueryFor(kind, b, goneB));
            expect(serverQueryKey(kind, a, goneA) === serverQueryKey(kind, b, goneB)).toBe(sameQuery);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  for (const kind of ['sandboxes', 'nodes'] as const) {
    it(`${kind}: rows fetched for a covering query, filtered for the next filter, are exactly the next rows`, () => {
      const statuses = kind === 'sandboxes' ? SANDBOX_ROW_STATUSES : NODE_ROW_STATUSES;
      const server = (query: ServerQuery) =>
        query.kind === 'sandboxes'
          ? sandboxServer(query.query)
          : query.kind === 'nodes'
            ? nodeServer(query.query)
            : () => true;
      let covered = 0;
      fc.assert(
        fc.property(
          fc.array(rowArbitrary(statuses, kind === 'sandboxes'), { maxLength: 30 }),
          filterArbitrary(statuses),
          filterArbitrary(statuses),
          fc.boolean(),
          fc.boolean(),
          (rows, before, after, goneBefore, goneAfter) => {
            const previous = serverQueryFor(kind, before, goneBefore);
            if (!serverQueryCovers(previous, serverQueryFor(kind, after, goneAfter))) return;
            covered += 1;
            const client = compileFilter(after, accessors, { showGone: goneAfter });
            expect(ids(rows.filter(server(previous)).filter(client))).toEqual(ids(rows.filter(client)));
          },
        ),
        { numRuns: 5000 },
      );
      // Not vacuous: a good share of the pairs are covering ones.
      expect(covered).toBeGreaterThan(500);
    });
  }
});
