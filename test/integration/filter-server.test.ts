/**
 * Filters that reach the server: the query parameters the simulator receives
 * for sandbox and node filters, and proof that the rows shown are exactly the
 * same as when everything is filtered client-side.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { compileFilter, parseFilter, serverQueryFor, type FilterExpression } from '../../src/filter/index.js';
import { createFetchers } from '../../src/data/sources.js';
import { viewFor, type AnyRow } from '../../src/views/index.js';
import type { ResourceKind } from '../../src/views/resource.js';
import { simulatorForFile } from '../helpers/sim.js';

const sim = await simulatorForFile({ seed: 5, counts: { pods: 5, disks: 5, sandboxes: 1500, nodes: 140 } });
const fetchers = createFetchers({
  prime: createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey }),
  dispersed: createDispersedClient({ baseUrl: sim.url, keys: sim.dispersedKeys }),
});
beforeEach(() => sim.control.clearRequests());

const parse = (text: string): FilterExpression => {
  const parsed = parseFilter(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.filter;
};

/** What the dashboard shows for `text`: the server narrows, the client filter decides. */
async function shownWith(kind: ResourceKind, text: string, showGone: boolean): Promise<string[]> {
  const filter = parse(text);
  const view = viewFor(kind);
  const data = await fetchers[kind](AbortSignal.timeout(10_000), serverQueryFor(kind, filter, showGone));
  return (data.items as AnyRow[])
    .filter(compileFilter(filter, view, { showGone }))
    .map(view.getId)
    .sort();
}

/** The same with nothing sent to the server. */
async function shownClientSide(kind: ResourceKind, text: string, showGone: boolean): Promise<string[]> {
  const view = viewFor(kind);
  const data = await fetchers[kind](AbortSignal.timeout(10_000), {
    kind,
    query: kind === 'sandboxes' ? {} : { filter: { include_deleted: true } },
  } as never);
  return (data.items as AnyRow[])
    .filter(compileFilter(parse(text), view, { showGone }))
    .map(view.getId)
    .sort();
}

/** The first page's query of the latest list request to `path`. */
const lastQuery = (path: string) =>
  sim.control
    .requests()
    .filter((r) => r.path === path && (r.query.page ?? ['1'])[0] === '1')
    .at(-1)!.query;

describe('sandbox filters on the server', () => {
  it('send status, every label and is_active', async () => {
    await shownWith('sandboxes', 'status:running label:eval label:gpu', false);
    expect(lastQuery('/api/v1/sandbox')).toMatchObject({
      status: ['RUNNING'],
      labels: ['eval', 'gpu'],
      is_active: ['true'],
    });
  });

  it('send only what they can express: not negations, text or several statuses', async () => {
    await shownWith('sandboxes', '-label:eval status:running,error runner', true);
    const query = lastQuery('/api/v1/sandbox');
    expect(query.labels).toBeUndefined();
    expect(query.status).toBeUndefined();
    // Neither RUNNING nor ERROR is TERMINATED, so the server may drop terminated ones.
    expect(query.is_active).toEqual(['true']);
    await shownWith('sandboxes', '-label:eval', true);
    expect(lastQuery('/api/v1/sandbox')).toEqual({ page: ['1'], per_page: ['1000'] });
  });

  it.each([
    ['label:eval', false],
    ['status:running label:gpu', false],
    ['status:terminated', false],
    ['-status:running label:eval', true],
    ['eval -label:gpu', false],
    ['status:error,paused', true],
  ] as const)('show the same sandboxes for %j (showGone %s) as client-side filtering', async (text, showGone) => {
    const server = await shownWith('sandboxes', text, showGone);
    expect(server).toEqual(await shownClientSide('sandboxes', text, showGone));
  });
});

describe('node filters on the server', () => {
  it('send filter[status] as a list', async () => {
    await shownWith('nodes', 'status:available,working', false);
    expect(lastQuery('/v1/nodes')).toMatchObject({ 'filter[status]': ['AVAILABLE,WORKING'] });
  });

  it.each([
    ['status:available', false],
    ['status:offline,working fra', false],
    ['-status:available', true],
  ] as const)('show the same nodes for %j (showGone %s) as client-side filtering', async (text, showGone) => {
    expect(await shownWith('nodes', text, showGone)).toEqual(await shownClientSide('nodes', text, showGone));
  });
});
