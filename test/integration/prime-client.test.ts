import { beforeEach, describe, expect, it } from 'vitest';
import { isApiError } from '../../src/api/errors.js';
import { createPrimeClient, POD_LOG_DEFAULT_TAIL, SANDBOX_BULK_DELETE_MAX } from '../../src/api/prime/client.js';
import { isSettled, mergePodStatus } from '../../src/api/prime/pod-status.js';
import { podSchema, podStatusSchema, sandboxPageSchema, sandboxSchema } from '../../src/api/prime/schemas.js';
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
    for (const request of requestsTo('/api/v1/pods/status'))
      expect(request.query.pod_ids!.length).toBeLessThanOrEqual(50);
    const active = result.items.find((p) => p.status === 'ACTIVE');
    expect(active?.sshConnection.length).toBeGreaterThan(0);
  });

  it('shows what the status endpoint says about a pod that is installing', async () => {
    const installing = (sim.control.list('pods') as { id: string; status: string }[]).find(
      (p) => p.status !== 'ACTIVE',
    )!;
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
    const sample = (
      sim.control.list('sandboxes') as { labels: string[]; userId: string; teamId: string | null; status: string }[]
    ).find((s) => s.labels.length >= 2 && s.teamId && s.status === 'RUNNING')!;
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
    expect(
      mergePodStatus(listed, podStatusSchema.parse({ podId: 'p1', status: 'STOPPED', priceHr: 0.05 })).priceHr,
    ).toBe(0.05);
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
    expect(sandbox({ executable: '/bin/sh', args: ['-c', "python train.py --name 'run 1'"] })).toBe(
      `/bin/sh -c 'python train.py --name '\\''run 1'\\'''`,
    );
    expect(sandbox({ executable: 'sleep', args: ['60'] })).toBe('sleep 60');
    expect(sandbox(null)).toBeNull();
  });

  it('reads the newer sandbox fields and a page in either spelling', async () => {
    const result = await prime.listSandboxes({}, { cap: 3000 });
    const vm = result.items.find((s) => s.vm === true && s.startCommand !== null);
    expect(vm?.startCommand).toMatch(/^\/bin\/sh -c /);
    expect(result.items.some((s) => s.status === 'TIMEOUT')).toBe(true);
    expect(sandboxPageSchema.parse({ sandboxes: [], total: 3, page: 1, perPage: 100, hasNext: true })).toMatchObject({
      per_page: 100,
      has_next: true,
    });
  });
});

describe('a server that refuses large sandbox pages', () => {
  it('falls back to pages of 100 on a 422, and remembers it', async () => {
    const strict = await simulatorForFile({
      counts: { pods: 0, disks: 0, sandboxes: 250, nodes: 0 },
      sandboxMaxPerPage: 100,
    });
    const client = createPrimeClient({ baseUrl: strict.url, apiKey: strict.primeKey });
    const first = await client.listSandboxes();
    expect(first.items).toHaveLength(250);
    expect(first.pages).toBe(3);
    const asked = () => strict.control.requests().map((r) => [r.status, r.query.per_page?.[0]]);
    expect(asked()).toEqual([
      [422, '1000'],
      [200, '100'],
      [200, '100'],
      [200, '100'],
    ]);
    strict.control.clearRequests();
    await client.listSandboxes();
    expect(asked()).toEqual([
      [200, '100'],
      [200, '100'],
      [200, '100'],
    ]);
  });
});

describe('the action calls (logs, deleting sandboxes and disks), against a simulator of their own', async () => {
  const actions = await simulatorForFile({ counts: { pods: 2, disks: 2, sandboxes: 2, nodes: 0 } });
  const client = createPrimeClient({ baseUrl: actions.url, apiKey: actions.primeKey, teamId: 'team-from-config' });
  const calls = (path: string, method = 'GET') =>
    actions.control.requests().filter((r) => r.path === path && r.method === method);
  const ago = (ms: number) => new Date(actions.control.now() - ms).toISOString();
  const newPod = () => actions.control.add('pods', { status: 'ACTIVE', createdAt: ago(10 * 60_000) });
  const newSandbox = () => actions.control.add('sandboxes', { status: 'RUNNING', startedAt: ago(60_000) });
  /** The next answer to `method path` is `text`, whatever the simulator would have said. */
  const answerRaw = (path: string, text: string, method = 'GET') =>
    actions.control.injectFault({ method, path, fault: { status: 200, body: text } });
  /** The same, `value` as JSON. */
  const answerOnce = (path: string, value: unknown, method = 'GET') => answerRaw(path, JSON.stringify(value), method);

  beforeEach(() => {
    actions.control.clearRequests();
    actions.control.clearFaults();
  });

  describe('podLogs', () => {
    it('asks for the last 1000 lines by default and returns them one line each, oldest first, growing with time', async () => {
      const pod = newPod();
      const lines = await client.podLogs(pod.id);
      expect(calls(`/api/v1/pods/${pod.id}/log`)[0]?.query).toEqual({ tail: [String(POD_LOG_DEFAULT_TAIL)] });
      // Ten minutes at a line every 2 s.
      expect(lines).toHaveLength(301);
      expect(lines.every((line) => !line.includes('\n'))).toBe(true);
      actions.control.advance(10_000);
      const later = await client.podLogs(pod.id, { tail: 50 });
      expect(calls(`/api/v1/pods/${pod.id}/log`)[1]?.query).toEqual({ tail: ['50'] });
      expect(later.slice(0, 45)).toEqual(lines.slice(-45));
    });

    it('reads every likely shape of the unpublished answer', async () => {
      const pod = newPod();
      const path = `/api/v1/pods/${pod.id}/log`;
      const shapes: [string, unknown, string[]][] = [
        ['text, CRLF, one final break', 'a\r\nb\n\nc\n', ['a', 'b', '', 'c']],
        ['empty text', '', []],
        ['a list of lines', ['a', 'b\nc', '', 7], ['a', 'b', 'c', '', '7']],
        ['{logs: text}', { logs: 'a\nb' }, ['a', 'b']],
        ['{log: list}', { log: ['a', 'b'] }, ['a', 'b']],
        ['{lines: list}', { lines: ['a'] }, ['a']],
        ['{status, data: text}', { status: 'ok', data: 'a\nb\n' }, ['a', 'b']],
        ['{data: {logs}}', { data: { logs: ['a'] } }, ['a']],
        ['{logs: null}', { logs: null }, []],
        ['null', null, []],
        ['structured entries', [{ ts: 1, msg: 'a' }], ['{"ts":1,"msg":"a"}']],
      ];
      for (const [name, body, expected] of shapes) {
        answerOnce(path, body);
        expect(await client.podLogs(pod.id), name).toEqual(expected);
      }
    });

    it('fails anything else with a one-line bad-response', async () => {
      const pod = newPod();
      const path = `/api/v1/pods/${pod.id}/log`;
      for (const body of ['42', '{"message": "hi"}', '{"logs": 3}', 'true', '{}']) {
        answerRaw(path, body);
        const error = await client.podLogs(pod.id).catch((e: unknown) => e);
        expect(isApiError(error) && error.kind, body).toBe('bad-response');
        expect((error as Error).message, body).toMatch(
          /^Prime Intellect API sent a bad response: unexpected response shape: expected log text, a list of lines, or an object with logs, log, lines, data; got [^\n]+$/,
        );
      }
      actions.control.injectFault({ method: 'GET', path, fault: { body: 'html' } });
      await expect(client.podLogs(pod.id)).rejects.toMatchObject({ kind: 'bad-response' });
    });

    it('keeps only the lines asked for from a server that ignores tail, and refuses a tail that is not a positive integer', async () => {
      const pod = newPod();
      answerOnce(`/api/v1/pods/${pod.id}/log`, ['1', '2', '3', '4']);
      expect(await client.podLogs(pod.id, { tail: 2 })).toEqual(['3', '4']);
      for (const tail of [0, -1, 1.5, Number.NaN])
        await expect(client.podLogs(pod.id, { tail })).rejects.toThrow(RangeError);
      expect(calls(`/api/v1/pods/${pod.id}/log`)).toHaveLength(1);
    });

    it('an unknown pod is not-found', async () => {
      await expect(client.podLogs('no-such-pod')).rejects.toMatchObject({ kind: 'not-found', status: 404 });
    });
  });

  describe('sandboxLogs', () => {
    it('reads {logs} as lines; a sandbox not yet running has none', async () => {
      const sandbox = newSandbox();
      const lines = await client.sandboxLogs(sandbox.id);
      expect(lines).toHaveLength(31);
      expect(lines[0]).toContain('pip install');
      const pending = actions.control.add('sandboxes', { status: 'PENDING' });
      expect(await client.sandboxLogs(pending.id)).toEqual([]);
    });

    it('is as lenient as the pod log, and as strict about the rest', async () => {
      const sandbox = newSandbox();
      const path = `/api/v1/sandbox/${sandbox.id}/logs`;
      answerOnce(path, 'a\nb\n');
      expect(await client.sandboxLogs(sandbox.id)).toEqual(['a', 'b']);
      answerOnce(path, { logs: ['a', 'b'] });
      expect(await client.sandboxLogs(sandbox.id)).toEqual(['a', 'b']);
      answerOnce(path, { detail: 'x' });
      await expect(client.sandboxLogs(sandbox.id)).rejects.toMatchObject({ kind: 'bad-response' });
      await expect(client.sandboxLogs('no-such-sandbox')).rejects.toMatchObject({ kind: 'not-found' });
    });

    it('is retried like any GET after a transient failure, and stops when aborted', async () => {
      const sandbox = newSandbox();
      actions.control.injectFault({
        method: 'GET',
        path: `/api/v1/sandbox/${sandbox.id}/logs`,
        fault: { status: 502 },
      });
      expect(await client.sandboxLogs(sandbox.id)).toHaveLength(31);
      expect(calls(`/api/v1/sandbox/${sandbox.id}/logs`).map((r) => r.status)).toEqual([502, 200]);
      const controller = new AbortController();
      controller.abort();
      await expect(client.sandboxLogs(sandbox.id, { signal: controller.signal })).rejects.toThrow();
    });
  });

  describe('deleteSandbox', () => {
    it('sends one DELETE /sandbox/{id}; the sandbox is TERMINATED', async () => {
      const sandbox = newSandbox();
      await client.deleteSandbox(sandbox.id);
      expect(calls(`/api/v1/sandbox/${sandbox.id}`, 'DELETE')).toHaveLength(1);
      expect(actions.control.get('sandboxes', sandbox.id)?.status).toBe('TERMINATED');
      await expect(client.deleteSandbox('no-such-sandbox')).rejects.toMatchObject({ kind: 'not-found' });
    });
  });

  describe('deleteSandboxes', () => {
    it('sends the ids as the official CLI does, JSON with all_users false and no team, and returns each id once, in order', async () => {
      const ids = [newSandbox().id, newSandbox().id];
      const result = await client.deleteSandboxes([ids[1]!, 'no-such-sandbox', ids[0]!, ids[1]!]);
      expect(result).toEqual({
        succeeded: [ids[1], ids[0]],
        failed: [{ id: 'no-such-sandbox', error: 'Sandbox not found' }],
      });
      const [request] = calls('/api/v1/sandbox', 'DELETE');
      expect(request?.contentType).toBe('application/json');
      expect(request?.body).toEqual({ sandbox_ids: [ids[1], 'no-such-sandbox', ids[0]], all_users: false });
      expect(request?.auth).toBe('valid');
      for (const id of ids) expect(actions.control.get('sandboxes', id)?.status).toBe('TERMINATED');
    });

    it(`takes at most SANDBOX_BULK_DELETE_MAX (${SANDBOX_BULK_DELETE_MAX}) ids and sends nothing for none`, async () => {
      const many = Array.from({ length: SANDBOX_BULK_DELETE_MAX + 1 }, (_, i) => `sb-${i}`);
      await expect(client.deleteSandboxes(many)).rejects.toThrow(RangeError);
      expect(await client.deleteSandboxes([])).toEqual({ succeeded: [], failed: [] });
      expect(calls('/api/v1/sandbox', 'DELETE')).toHaveLength(0);
      const most = await client.deleteSandboxes(many.slice(1));
      expect(most.failed).toHaveLength(SANDBOX_BULK_DELETE_MAX);
      expect((calls('/api/v1/sandbox', 'DELETE')[0]?.body as { sandbox_ids: string[] }).sandbox_ids).toHaveLength(
        SANDBOX_BULK_DELETE_MAX,
      );
    });

    it('reads the answer leniently: an id it does not name failed with "no answer for it"', async () => {
      answerOnce(
        '/api/v1/sandbox',
        {
          succeeded: ['a', 5],
          failed: [{ sandbox_id: 'b' }, { sandboxId: 'c', message: 'busy' }, 'd', { error: 'no id' }],
        },
        'DELETE',
      );
      expect(await client.deleteSandboxes(['a', 'b', 'c', 'd', 'e', '5'])).toEqual({
        succeeded: ['a', '5'],
        failed: [
          { id: 'b', error: 'failed' },
          { id: 'c', error: 'busy' },
          { id: 'd', error: 'failed' },
          { id: 'e', error: 'no answer for it' },
        ],
      });
      answerRaw('/api/v1/sandbox', '', 'DELETE');
      expect(await client.deleteSandboxes(['a'])).toEqual({
        succeeded: [],
        failed: [{ id: 'a', error: 'no answer for it' }],
      });
    });

    it('is sent again after a 429 or 503 (with the same body), never after a timeout, a lost connection or a 500', async () => {
      const retrying = createPrimeClient({
        baseUrl: actions.url,
        apiKey: actions.primeKey,
        timeoutMs: 300,
        backoffLimitMs: 50,
      });
      const bulkCalls = () => calls('/api/v1/sandbox', 'DELETE');
      for (const status of [429, 503]) {
        actions.control.clearRequests();
        const id = newSandbox().id;
        actions.control.injectFault({ method: 'DELETE', path: '/api/v1/sandbox', fault: { status, retryAfter: 0 } });
        expect((await retrying.deleteSandboxes([id])).succeeded).toEqual([id]);
        expect(bulkCalls().map((r) => [r.status, r.body])).toEqual([
          [status, { sandbox_ids: [id], all_users: false }],
          [200, { sandbox_ids: [id], all_users: false }],
        ]);
      }
      const cases = [
        ['a 500', { status: 500 }, 'server'],
        ['a lost connection', { reset: true }, 'network'],
        ['a timeout', { delayMs: 600 }, 'timeout'],
      ] as const;
      for (const [name, fault, kind] of cases) {
        actions.control.clearRequests();
        actions.control.injectFault({ method: 'DELETE', path: '/api/v1/sandbox', count: 3, fault });
        await expect(retrying.deleteSandboxes([newSandbox().id]), name).rejects.toMatchObject({ kind });
        // A delayed answer is logged when it goes out.
        await new Promise((resolve) => setTimeout(resolve, name === 'a timeout' ? 700 : 50));
        expect(bulkCalls(), name).toHaveLength(1);
        actions.control.clearFaults();
      }
    });
  });

  describe('deleteDisk', () => {
    it("sends one DELETE /disks/{id}; a disk attached to a pod is refused with the API's reason", async () => {
      const free = actions.control.add('disks', { status: 'ACTIVE' });
      await client.deleteDisk(free.id);
      expect(calls(`/api/v1/disks/${free.id}`, 'DELETE')).toHaveLength(1);
      expect(actions.control.get('disks', free.id)?.status).toBe('DELETING');

      const disk = actions.control.add('disks', { status: 'ACTIVE' });
      const pod = actions.control.add('pods', {
        attachedResources: [{ id: disk.id, type: 'DISK', status: 'ACTIVE', size: disk.size, mountPath: '/data' }],
      } as never);
      const refused = await client.deleteDisk(disk.id).catch((e: unknown) => e);
      expect(refused).toMatchObject({ kind: 'invalid-request', status: 409 });
      expect((refused as Error).message).toBe(
        `Prime Intellect API rejected the request (409): Disk ${disk.name} is attached to pod ${pod.id}; detach or delete the pod first`,
      );
      await expect(client.deleteDisk('no-such-disk')).rejects.toMatchObject({ kind: 'not-found' });
    });
  });
});
