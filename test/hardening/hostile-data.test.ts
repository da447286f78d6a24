/**
 * Hostile and surprising data, over real HTTP from the simulator: resources
 * added through its control API with values the docs do not allow (unknown
 * enums, nulls in required fields, numbers as strings, unparseable dates,
 * lists where strings belong and strings where lists belong, extra fields, no
 * id at all), and whole responses shaped wrongly (through a 200 "fault" with a
 * chosen body). What must hold: nothing throws, what can be read is shown as
 * well as possible, what cannot is skipped and counted, and no bad item loses
 * the list. Every cell, detail line and `--once` output stays terminal-safe.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { ApiError } from '../../src/api/errors.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { printOnce } from '../../src/cli/once.js';
import { EMPTY_FILTER } from '../../src/filter/index.js';
import { createFetchers } from '../../src/data/sources.js';
import { detailEntries } from '../../src/views/detail.js';
import { VIEWS, type AnyRow, type ResourceKind } from '../../src/views/index.js';
import { formatPlainTable } from '../../src/cli/plain-table.js';
import { renderCell } from '../../src/views/table/columns.js';
import { PLAIN } from '../../src/views/table/decoration.js';
import { simulatorForFile } from '../helpers/sim.js';

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/u;
const NASTY = 'x\u001b]0;pwned\u0007\u001b[2J\u009b6n\u202e\r\ny';

const sim = await simulatorForFile({ counts: { pods: 2, disks: 2, sandboxes: 2, nodes: 2 } });
const prime = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey, retryLimit: 0 });
const dispersed = createDispersedClient({ baseUrl: sim.url, keys: sim.dispersedKeys, retryLimit: 0 });
const fetchers = createFetchers({ prime, dispersed });

// Overrides are unchecked JSON on the wire; the typed control API is bypassed on purpose.
const add = (kind: Exclude<ResourceKind, 'history' | 'availability'>, overrides: Record<string, unknown>) =>
  sim.control.add(kind, overrides as never);

add('pods', { id: 'h-enum', name: 'unknown-enum', status: 'HIBERNATING' });
add('pods', {
  id: 'h-nulls',
  name: null,
  gpuName: null,
  gpuCount: null,
  priceHr: null,
  createdAt: null,
  providerType: null,
  sshConnection: null,
  ip: null,
  primePortMapping: null,
  attachedResources: null,
  installationProgress: null,
  installationStatus: null,
});
add('pods', {
  id: 'h-strings',
  name: 'numbers-as-strings',
  status: 'ACTIVE',
  gpuCount: '8',
  priceHr: '19.92',
  installationProgress: '55',
  isSpot: 'true',
  createdAt: 'yesterday-ish',
});
add('pods', {
  id: 'h-ssh',
  name: 'ssh-list',
  status: 'ACTIVE',
  sshConnection: [null, 'root@203.0.113.9 -p 2222', null],
  ip: [null, '203.0.113.9'],
});
add('pods', {
  id: 'h-types',
  name: 12345,
  status: ['ACTIVE'],
  gpuName: { model: 'H100' },
  priceHr: 'free',
  primePortMapping: 'none',
  attachedResources: [null, 7, { id: 'no-such-disk' }],
});
add('pods', {
  id: 'h-extra',
  name: 'extra-fields',
  futureField: { nested: [1, { deeper: true }] },
  createdAt: '9999-12-31T23:59:59Z',
});
add('pods', {
  id: 'h-nasty',
  name: NASTY,
  status: NASTY,
  gpuName: NASTY,
  providerType: NASTY,
  sshConnection: NASTY,
  installationFailure: NASTY,
});
add('pods', { id: null, name: 'no-id-at-all' });
add('pods', { id: '', name: 'empty-id' });

add('disks', {
  id: 'hd-1',
  name: '',
  status: null,
  size: '500',
  pods: 'pod-x',
  info: [],
  priceHr: -1,
  createdAt: 'Tuesday',
});
add('disks', { id: 42, name: NASTY, providerType: NASTY, pods: [null, NASTY, 3] });
add('disks', { id: { oops: true }, name: 'object-id' });

add('sandboxes', {
  id: 'hs-1',
  name: 'labels-as-string',
  labels: 'solo',
  cpuCores: '4',
  memoryGB: 'lots',
  timeoutMinutes: null,
  status: 'QUEUED',
});
add('sandboxes', {
  id: 'hs-2',
  name: NASTY,
  labels: [null, 'a', 5, '', NASTY],
  dockerImage: NASTY,
  errorMessage: NASTY,
  gpuType: NASTY,
  gpuCount: '2',
});
add('sandboxes', { id: null, name: 'no-id-sandbox' });

add('nodes', {
  uuid: 'hn-1',
  name: null,
  gpus: null,
  cpus: [null, { num_cores: '16' }],
  rams: 'lots',
  status: 'MAINTENANCE',
  reputation: '97',
  last_seen_at: 'garbage',
  latest_hardware_event: 'garbage',
});
add('nodes', {
  uuid: 'hn-2',
  name: NASTY,
  status: NASTY,
  gpus: [{ name: NASTY, vram_gb_max: '24' }, null],
  latest_hardware_event: { metadata: { gpu: { average: 'hot' } } },
});
add('nodes', { uuid: null, _id: null, name: 'no-id-node' });

beforeEach(() => sim.control.clearFaults());

const byId = <T extends { id: string }>(items: readonly T[], id: string): T => {
  const found = items.find((item) => item.id === id);
  if (!found) throw new Error(`no ${id} in ${items.map((i) => i.id).join(', ')}`);
  return found;
};

/** Every cell of every column, every detail line, and the plain table: no throw, nothing unsafe. */
function expectDisplayable(kind: ResourceKind, rows: readonly AnyRow[]): void {
  const view = VIEWS[kind] as unknown as {
    columns: (c: { now: number }) => Parameters<typeof renderCell<AnyRow>>[0][];
  };
  const columns = view.columns({ now: Date.now() });
  for (const row of rows) {
    for (const column of columns) {
      // renderCell swallows a throwing renderer into an empty cell; call the renderer itself so a throw is seen.
      expect(() => column.render(row, PLAIN), `${kind} ${column.id}`).not.toThrow();
      expect(renderCell(column, row).text).not.toMatch(UNSAFE);
    }
    for (const entry of detailEntries(row)) {
      expect(entry.key).not.toMatch(UNSAFE);
      expect(entry.value).not.toMatch(UNSAFE);
    }
  }
  const table = formatPlainTable(rows, columns);
  expect(table.split('\n')).toHaveLength(rows.length + 1);
  expect(table.replaceAll('\n', '')).not.toMatch(UNSAFE);
}

describe('hostile items in a list', () => {
  it('pods: shown as well as possible, the unreadable ones counted, never a crash', async () => {
    const result = await prime.listPodsWithStatus();
    expect(result.skipped).toBe(2); // no id, empty id
    const cell = (id: string, column: string) =>
      renderCell(
        VIEWS.pods.columns({ now: Date.now() }).find((c) => c.id === column)!,
        byId(result.items, id),
      ).text;

    expect(cell('h-enum', 'status')).toBe('HIBERNATING');
    expect(cell('h-nulls', 'name')).toBe('h-nulls'); // no name: the id stands in
    for (const column of ['gpu', 'provider', 'ssh', 'age']) expect(cell('h-nulls', column)).toBe('-');
    // Just created, it is provisioning: the price column shows what it bills now, its provisioning price, not the missing priceHr.
    expect(byId(result.items, 'h-nulls').status).toBe('PROVISIONING');
    expect(cell('h-nulls', 'price')).toBe('$0.00');
    expect(cell('h-enum', 'price')).toMatch(/^\$\d/);
    expect(cell('h-strings', 'gpu')).toContain('×8');
    expect(cell('h-strings', 'price')).toBe('$19.92');
    expect(cell('h-strings', 'install')).toBe('55%');
    expect(cell('h-strings', 'age')).toBe('-'); // a date that does not parse
    expect(cell('h-ssh', 'ssh')).toBe('root@203.0.113.9 -p 2222');
    expect(cell('h-types', 'name')).toBe('12345');
    // A status that is not a string is missing, shown as missing: not the real status UNKNOWN.
    expect(cell('h-types', 'status')).toBe('-');
    expect(cell('h-types', 'gpu')).toBe('-');
    expect(cell('h-types', 'price')).toBe('-');
    expect(cell('h-extra', 'age')).toBe('0s'); // from the future: not negative
    expect(cell('h-nasty', 'name')).toBe('x y');
    expect(detailEntries(byId(result.items, 'h-extra')).map((e) => e.key)).toContain('futureField.nested[1].deeper');
    expectDisplayable('pods', result.items);
  });

  it('disks, sandboxes and nodes: the same', async () => {
    const disks = await prime.listDisks();
    expect(disks.skipped).toBe(1); // an object for an id
    expect(byId(disks.items, 'hd-1')).toMatchObject({
      status: '',
      size: 500,
      pods: ['pod-x'],
      info: null,
      priceHr: -1,
    });
    expect(byId(disks.items, '42').pods).toEqual([NASTY]);
    expectDisplayable('disks', disks.items);

    const sandboxes = await prime.listSandboxes();
    expect(sandboxes.skipped).toBe(1);
    expect(byId(sandboxes.items, 'hs-1')).toMatchObject({
      labels: ['solo'],
      cpuCores: 4,
      memoryGB: null,
      timeoutMinutes: null,
      status: 'QUEUED',
    });
    expect(byId(sandboxes.items, 'hs-2').labels).toEqual(['a', NASTY]);
    expectDisplayable('sandboxes', sandboxes.items);

    const nodes = await dispersed.listNodes();
    expect(nodes.skipped).toBe(1);
    const node = byId(nodes.items, 'hn-1');
    expect(node).toMatchObject({
      name: null,
      gpus: [],
      status: 'MAINTENANCE',
      reputation: 97,
      rams: [],
      latest_hardware_event: null,
    });
    expect(node.cpus).toHaveLength(1);
    expectDisplayable('nodes', nodes.items);
  });

  it('--once prints every kind safely and says how many could not be read', async () => {
    for (const kind of ['pods', 'disks', 'sandboxes', 'nodes'] as const) {
      for (const output of ['table', 'wide', 'json'] as const) {
        let out = '';
        let err = '';
        const status = await printOnce(
          fetchers,
          { kind, filter: EMPTY_FILTER, showGone: true, output },
          { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } },
        );
        expect(status, `${kind} ${output}: ${err}`).toBe(0);
        expect(err).toMatch(/could not be read/);
        expect(out).not.toMatch(/\u001b/);
        if (output === 'json') expect(() => JSON.parse(out)).not.toThrow();
        else expect(out.replaceAll('\n', '')).not.toMatch(UNSAFE);
      }
    }
  });
});

describe('hostile pages', () => {
  /** The next `count` requests to `path` get this body with status 200. */
  const respond = (path: string, body: unknown, count = 1) =>
    sim.control.injectFault({
      path,
      count,
      fault: { status: 200, body: typeof body === 'string' ? body : JSON.stringify(body) },
    });
  const valid = { id: 'ok-1', name: 'fine', status: 'ACTIVE' };

  it('junk items in an array are skipped and counted; the rest is kept', async () => {
    respond('/api/v1/disks', { total_count: '5', offset: 0, limit: '100', data: [null, 'x', 3, [], valid] });
    const disks = await prime.listDisks();
    expect(disks.items.map((d) => d.id)).toEqual(['ok-1']);
    expect(disks.skipped).toBe(4);
  });

  it('nulls and junk in the envelope fields the docs call required do not lose the page', async () => {
    respond('/api/v1/disks', { total_count: null, offset: null, limit: null, data: [valid] });
    expect((await prime.listDisks()).items).toHaveLength(1);
    respond('/api/v1/sandbox', { sandboxes: [valid], total: 'many', page: null, per_page: null, has_next: null });
    expect((await prime.listSandboxes()).items).toHaveLength(1);
    respond('/v1/nodes', { data: [{ ...valid, uuid: 'n-ok' }], total: -3, page: 'one', limit: null });
    expect((await dispersed.listNodes()).items).toHaveLength(1);
  });

  it('a status endpoint that answers oddly leaves the pod list as listed', async () => {
    respond('/api/v1/pods/status', { status: 42, data: 'nope' });
    const pods = await prime.listPodsWithStatus();
    expect(pods.items.length).toBeGreaterThan(5);
    respond('/api/v1/pods/status', {
      data: [null, { podId: null }, { podId: 'h-enum', status: 7, sshConnection: {} }],
    });
    expect(byId((await prime.listPodsWithStatus()).items, 'h-enum').status).toBe('HIBERNATING');
  });

  it.each([
    ['an object instead of a list', { data: { id: 'a' } }],
    ['no list at all', { total_count: 3 }],
    ['a bare list', [valid]],
    ['a string', '"hello"'],
    ['null', 'null'],
  ])('%s is one clear error, not a crash', async (_name, body) => {
    respond('/api/v1/disks', body);
    const error = await prime.listDisks().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('bad-response');
    expect((error as ApiError).message).toMatch(/^Prime Intellect API sent a bad response: unexpected response shape/);
  });
});
