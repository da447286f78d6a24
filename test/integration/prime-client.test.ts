import { beforeEach, describe, expect, it } from 'vitest';
import { createPrimeClient, isSettled, mergePodStatus } from '../../src/api/prime.js';
import { podSchema, podStatusSchema, sandboxPageSchema, sandboxSchema } from '../../src/api/prime-schemas.js';
import { simulatorForFile } from '../helpers/sim.js';

const sim = await simulatorForFile({ counts: { pods: 250, disks: 130, sandboxes: 2345, nodes: 10 } });
const prime = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey });

beforeEach(() => {
  sim.control.clearRequests();
  sim.control.clearFaults();
});

const requestsTo = (path: string, method = 'GET') =>
  sim.control.requests().filter((r) => r.path === path && r.method === method);

describe('pods', () => {
  it('lists every pod across offset pages of 100', async () => {
    const result = await prime.listPods();
    expect(result.items).toHaveLength(250);
    expect(result.total).toBe(250);
    expect(result.truncated).toBe(false);
    expect(new Set(result.items.map((p) => p.id)).size).toBe(250);
    const offsets = requestsTo('/api/v1/pods').map((r) => [r.query.offset?.[0], r.query.limit?.[0]]);
    expect(offsets.sort()).toEqual([
      ['0', '100'],
      ['100', '100'],
      ['200', '100'],
    ]);
  });

  it('stops at the cap and says the list was truncated', async () => {
    const result = await prime.listPods({ cap: 150 });
    expect(result.items).toHaveLength(150);
    expect(result.total).toBe(250);
    expect(result.truncated).toBe(true);
    expect(requestsTo('/api/v1/pods')).toHaveLength(2);
  });

  it('gets one pod and reports an unknown id as not-found', async () => {
    const [first] = sim.control.list('pods') as { id: string; name: string }[];
    const pod = await prime.getPod(first!.id);
    expect(pod.id).toBe(first!.id);
    expect(pod.name).toBe(first!.name);
    await expect(prime.getPod('no-such-pod')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('enriches every pod that is not settled from the batch status endpoint, in batches', async () => {
    const result = await prime.listPodsWithStatus();
    expect(result.items).toHaveLength(250);
    const askedIds = requestsTo('/api/v1/pods/status').flatMap((r) => r.query.pod_ids ?? []);
    const unsettled = result.items.filter((pod) => !isSettled(pod)).map((pod) => pod.id);
    expect(unsettled.length).toBeGreaterThan(0);
    expect(new Set(askedIds)).toEqual(new Set(unsettled));
    for (const request of requestsTo('/api/v1/pods/status')) expect(request.query.pod_ids!.length).toBeLessThanOrEqual(50);
    const active = result.items.find((p) => p.status === 'ACTIVE');
    expect(active?.sshConnection.length).toBeGreaterThan(0);
  });

  it('shows what the status endpoint says about a pod that is installing', async () => {
    const installing = (sim.control.list('pods') as { id: string; status: string }[]).find((p) => p.status !== 'ACTIVE')!;
    sim.control.setStatus('pods', installing.id, 'PENDING');
    const result = await prime.listPodsWithStatus();
    expect(requestsTo('/api/v1/pods/status').flatMap((r) => r.query.pod_ids ?? [])).toContain(installing.id);
    expect(result.items.find((p) => p.id === installing.id)?.status).toBe('PENDING');
  });

  it('deletes a pod with exactly one DELETE carrying the key', async () => {
    const victim = (sim.control.list('pods') as { id: string; status: string }[]).find((p) => p.status === 'ACTIVE')!;
    await prime.deletePod(victim.id);
    const deletes = requestsTo(`/api/v1/pods/${victim.id}`, 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.auth).toBe('valid');
    expect((sim.control.get('pods', victim.id) as { status: string } | undefined)?.status).toBe('DELETING');
  });
});

describe('disks', () => {
  it('lists every disk across pages', async () => {
    const result = await prime.listDisks();
    expect(result.items).toHaveLength(130);
    expect(requestsTo('/api/v1/disks')).toHaveLength(2);
  });
});

describe('sandboxes', () => {
  it('lists 2,345 sandboxes in three pages of 1,000', async () => {
    const result = await prime.listSandboxes();
    expect(result.items).toHaveLength(2345);
    expect(result.truncated).toBe(false);
    const pages = requestsTo('/api/v1/sandbox').map((r) => [r.query.page?.[0], r.query.per_page?.[0]]);
    expect(pages.sort()).toEqual([
      ['1', '1000'],
      ['2', '1000'],
      ['3', '1000'],
    ]);
  });

  it('sends every documented filter, labels repeated, and gets only matching sandboxes', async () => {
    const sample = (sim.control.list('sandboxes') as { labels: string[]; userId: string; teamId: string | null; status: string }[]).find(
      (s) => s.labels.length >= 2 && s.teamId && s.status === 'RUNNING',
    )!;
    const labels = sample.labels.slice(0, 2);
    const result = await prime.listSandboxes({
      teamId: sample.teamId!,
      userId: sample.userId,
      status: 'RUNNING',
      isActive: true,
      labels,
    });
    const [request] = requestsTo('/api/v1/sandbox');
    expect(request!.query).toMatchObject({
      team_id: [sample.teamId],
      user_id: [sample.userId],
      status: ['RUNNING'],
      is_active: ['true'],
      labels,
    });
    expect(result.items.length).toBeGreaterThan(0);
    for (const sandbox of result.items) {
      expect(sandbox.status).toBe('RUNNING');
      for (const label of labels) expect(sandbox.labels).toContain(label);
    }
  });

  it('sends the configured team id by default', async () => {
    const teamClient = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey, teamId: 'team-from-config' });
    await teamClient.listSandboxes({}, { cap: 10 });
    expect(requestsTo('/api/v1/sandbox')[0]!.query.team_id).toEqual(['team-from-config']);
  });
});

describe('every request', () => {
  it('names cloudtop and its version in the User-Agent', async () => {
    await prime.listDisks();
    const agents = sim.control.requests().map((r) => r.userAgent);
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(agent).toMatch(/^cloudtop\/\d+\.\d+\.\d+/);
  });
});

describe('polling the same list again', () => {
  it('reuses the rows of pages whose body did not change, and reads changed pages afresh', async () => {
    const client = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey });
    const first = await client.listDisks();
    const again = await client.listDisks();
    // Unchanged pages: the very same row objects, so nothing downstream compares or redraws them.
    expect(again.items).toHaveLength(130);
    expect(again.items.every((disk, i) => disk === first.items[i])).toBe(true);

    // One disk changes: its page is parsed again, the other pages are still reused.
    const changed = first.items[120]!;
    sim.control.setStatus('disks', changed.id, 'ERROR');
    const third = await client.listDisks();
    const after = third.items.find((disk) => disk.id === changed.id)!;
    expect(after.status).toBe('ERROR');
    expect(after).not.toBe(changed);
    expect(third.items.slice(0, 100).every((disk, i) => disk === first.items[i])).toBe(true);
    // A fresh client shares nothing with this one.
    const fresh = await createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey }).listDisks();
    expect(fresh.items[0]).not.toBe(first.items[0]);
    expect(fresh.items[0]).toEqual(first.items[0]);
  });

  it('keeps the rows of a list that shifted: a new pod at the top changes every page, but no other pod', async () => {
    const client = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey });
    const first = await client.listPods();
    const added = sim.control.add('pods', { name: 'just-created' }) as { id: string };
    const shifted = await client.listPods();
    expect(shifted.items).toHaveLength(first.items.length + 1);
    expect(shifted.items.some((pod) => pod.id === added.id)).toBe(true);
    const before = new Map(first.items.map((pod) => [pod.id, pod]));
    const others = shifted.items.filter((pod) => pod.id !== added.id);
    for (const pod of others) expect(pod).toEqual(before.get(pod.id));
    // Each page is remembered on its own: only the pod pushed onto the next page is read again (2 of 250).
    const reread = others.filter((pod) => pod !== before.get(pod.id));
    expect(reread.length).toBe(2);
    sim.control.remove('pods', added.id);
  });
});

describe('polling pods with their statuses again', () => {
  it('remembers status answers by batch: a pod joining the unsettled ones renews only itself', async () => {
    const client = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey });
    const listed = (await client.listPods()).items;
    // Settle every pod but 60 in the middle of the list: two status batches, of 50 and 10 ids.
    const failing = listed.slice(100, 160).map((pod) => pod.id);
    for (const pod of listed) sim.control.setStatus('pods', pod.id, failing.includes(pod.id) ? 'ERROR' : 'ACTIVE');
    const settled = (await client.listPods()).items.filter(isSettled).map((pod) => pod.id);
    expect(settled.length).toBeGreaterThan(150);
    const first = await client.listPodsWithStatus();
    // A pod ahead of them in the list fails too: both batches, and so both status URLs, change.
    const joiner = listed.slice(0, 100).find((pod) => settled.includes(pod.id))!;
    sim.control.setStatus('pods', joiner.id, 'ERROR');
    const second = await client.listPodsWithStatus();
    const before = new Map(first.items.map((pod) => [pod.id, pod]));
    const after = new Map(second.items.map((pod) => [pod.id, pod]));
    expect(after.get(joiner.id)!.status).toBe('ERROR');
    // Only the pod pushed from the first batch into the second is read again.
    expect(failing.filter((id) => after.get(id) !== before.get(id))).toHaveLength(1);
  });

  it('keeps an unsettled pod the same object while neither it nor its status changed', async () => {
    const client = createPrimeClient({ baseUrl: sim.url, apiKey: sim.primeKey });
    const pods = sim.control.list('pods') as { id: string }[];
    sim.control.setStatus('pods', pods[3]!.id, 'PROVISIONING');
    const first = await client.listPodsWithStatus();
    const again = await client.listPodsWithStatus();
    const before = first.items.find((pod) => pod.id === pods[3]!.id)!;
    expect(isSettled(before)).toBe(false);
    expect(again.items.find((pod) => pod.id === pods[3]!.id)).toBe(before);
    // Its status moves: a new object with the new status.
    sim.control.setStatus('pods', pods[3]!.id, 'ERROR');
    const third = await client.listPodsWithStatus();
    const after = third.items.find((pod) => pod.id === pods[3]!.id)!;
    expect(after).not.toBe(before);
    expect(after.status).toBe('ERROR');
  });
});

describe('what the live API sends, as the official client reads it', () => {
  it('asks for the paths without a trailing slash, as the official client does', async () => {
    await prime.listPods({ cap: 10 });
    await prime.listDisks({ cap: 10 });
    expect(sim.control.requests().map((r) => r.path)).toEqual(['/api/v1/pods', '/api/v1/disks']);
  });

  it('a status endpoint that says UNKNOWN is believed; one that says nothing is not news', () => {
    const listed = podSchema.parse({ id: 'p1', status: 'ACTIVE', priceHr: 2, sshConnection: 'root@1.2.3.4 -p 22' });
    expect(mergePodStatus(listed, podStatusSchema.parse({ podId: 'p1', status: 'UNKNOWN' })).status).toBe('UNKNOWN');
    expect(mergePodStatus(listed, podStatusSchema.parse({ podId: 'p1' })).status).toBe('ACTIVE');
    // Its price is `priceHr`, the fresher figure.
    expect(mergePodStatus(listed, podStatusSchema.parse({ podId: 'p1', status: 'STOPPED', priceHr: 0.05 })).priceHr).toBe(0.05);
    expect(mergePodStatus(listed, podStatusSchema.parse({ podId: 'p1', priceHr: null })).priceHr).toBe(2);
  });

  it('shows an UNKNOWN pod as UNKNOWN through the whole client', async () => {
    const [victim] = sim.control.list('pods') as { id: string }[];
    sim.control.setStatus('pods', victim!.id, 'UNKNOWN');
    const pods = await prime.listPodsWithStatus();
    expect(pods.items.find((p) => p.id === victim!.id)?.status).toBe('UNKNOWN');
    expect(requestsTo('/api/v1/pods/status').flatMap((r) => r.query.pod_ids ?? [])).toContain(victim!.id);
  });

  it('reads a connection given as a string, a list, `[null]` or null, and a command in its object form', () => {
    const read = (sshConnection: unknown) => podSchema.parse({ id: 'p', sshConnection }).sshConnection;
    expect(read('root@1.2.3.4 -p 22')).toEqual(['root@1.2.3.4 -p 22']);
    expect(read(['root@1.2.3.4 -p 22', 'root@1.2.3.5 -p 22'])).toEqual(['root@1.2.3.4 -p 22', 'root@1.2.3.5 -p 22']);
    expect(read([null])).toEqual([]);
    expect(read(null)).toEqual([]);
    const sandbox = (startCommand: unknown) => sandboxSchema.parse({ id: 's', startCommand }).startCommand;
    expect(sandbox('tail -f /dev/null')).toBe('tail -f /dev/null');
    expect(sandbox({ executable: '/bin/sh', args: ['-c', "python train.py --name 'run 1'"] })).toBe(`/bin/sh -c 'python train.py --name '\\''run 1'\\'''`);
    expect(sandbox({ executable: 'sleep', args: ['60'] })).toBe('sleep 60');
    expect(sandbox(null)).toBeNull();
  });

  it('reads the newer sandbox fields and a page in either spelling', async () => {
    const result = await prime.listSandboxes({}, { cap: 3000 });
    const vm = result.items.find((s) => s.vm === true && s.startCommand !== null);
    expect(vm?.startCommand).toMatch(/^\/bin\/sh -c /);
    expect(result.items.some((s) => s.status === 'TIMEOUT')).toBe(true);
    expect(sandboxPageSchema.parse({ sandboxes: [], total: 3, page: 1, perPage: 100, hasNext: true })).toMatchObject({ per_page: 100, has_next: true });
  });
});

describe('a server that refuses large sandbox pages', () => {
  it('falls back to pages of 100 on a 422, and remembers it', async () => {
    const strict = await simulatorForFile({ counts: { pods: 0, disks: 0, sandboxes: 250, nodes: 0 }, sandboxMaxPerPage: 100 });
    const client = createPrimeClient({ baseUrl: strict.url, apiKey: strict.primeKey });
    const first = await client.listSandboxes();
    expect(first.items).toHaveLength(250);
    expect(first.pages).toBe(3);
    const asked = () => strict.control.requests().map((r) => [r.status, r.query.per_page?.[0]]);
    expect(asked()).toEqual([[422, '1000'], [200, '100'], [200, '100'], [200, '100']]);
    strict.control.clearRequests();
    await client.listSandboxes();
    expect(asked()).toEqual([[200, '100'], [200, '100'], [200, '100']]);
  });
});
