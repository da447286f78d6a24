/**
 * Pod and sandbox logs: grown with sim time, made on demand from the seed,
 * the id and the line's number, with hostile lines a client must not obey.
 */
import { describe, expect, it } from 'vitest';
import {
  HOSTILE_EVERY,
  LOG_MAX_LINES,
  LONG_LINE_LENGTH,
  type LogSpan,
  logLength,
  tailOfLog,
} from '../../src/sim/logs.js';
import type { Pod, Sandbox, SandboxLogsResponse } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { type ErrorBody, START, prime } from './helpers.js';

const sim = await simulatorForFile({ startTime: START, counts: { pods: 2, disks: 2, sandboxes: 2, nodes: 0 } });

const MINUTE = 60_000;
const ago = (ms: number): string => new Date(sim.control.now() - ms).toISOString();
const newPod = (ageMs: number): Pod => sim.control.add('pods', { status: 'ACTIVE', createdAt: ago(ageMs) });
const runningSandbox = (ageMs: number): Sandbox =>
  sim.control.add('sandboxes', { status: 'RUNNING', startedAt: ago(ageMs) });
const STAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

async function podLog(id: string, query = ''): Promise<string[]> {
  const res = await prime<string>(sim, `/api/v1/pods/${id}/log${query}`);
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(typeof res.body).toBe('string');
  return res.body === '' ? [] : res.body.split('\n');
}

async function sandboxLog(id: string): Promise<string[]> {
  const res = await prime<SandboxLogsResponse>(sim, `/api/v1/sandbox/${id}/logs`);
  expect(res.status, res.text).toBe(200);
  expect(Object.keys(res.body)).toEqual(['logs']);
  return res.body.logs === '' ? [] : res.body.logs.split('\n');
}

describe('GET /api/v1/pods/{id}/log', () => {
  it('answers the last 100 lines by default, as one JSON string, a line every 2 sim seconds since creation', async () => {
    const pod = newPod(15 * MINUTE);
    const lines = await podLog(pod.id);
    expect(lines).toHaveLength(100);
    for (const line of lines) expect(line).toMatch(STAMP);
    // 15 minutes at one line per 2 s: lines 0..450; the last is stamped now.
    expect(Date.parse(lines.at(-1)!.slice(0, 24))).toBe(sim.control.now());
    expect(Date.parse(lines[0]!.slice(0, 24))).toBe(sim.control.now() - 99 * 2_000);
    expect(await podLog(pod.id, '?tail=10000')).toHaveLength(451);
    expect((await podLog(pod.id, '?tail=10000'))[0]).toContain('Linux version');
  });

  it('takes tail from 1 to 10000; anything else is a 422 in the documented ErrorResponse', async () => {
    const pod = newPod(5 * MINUTE);
    expect(await podLog(pod.id, '?tail=1')).toHaveLength(1);
    expect(await podLog(pod.id, '?tail=10000')).toHaveLength(151);
    for (const tail of ['0', '-1', '10001', 'x', '']) {
      const res = await prime<ErrorBody>(sim, `/api/v1/pods/${pod.id}/log?tail=${tail}`);
      expect(res.status, tail).toBe(422);
      expect(res.body).toEqual({ errors: [{ param: 'tail', details: expect.any(String) }] });
    }
  });

  it('404s an unknown pod and 401s without a key', async () => {
    expect((await prime(sim, '/api/v1/pods/no-such-pod/log')).status).toBe(404);
    expect((await prime(sim, `/api/v1/pods/${newPod(MINUTE).id}/log`, null)).status).toBe(401);
  });

  it('grows as sim time passes: new lines are appended, the old ones never change', async () => {
    const pod = newPod(3 * MINUTE);
    const before = await podLog(pod.id, '?tail=10000');
    sim.control.advance(10_000);
    const after = await podLog(pod.id, '?tail=10000');
    expect(after).toHaveLength(before.length + 5);
    expect(after.slice(0, before.length)).toEqual(before);
    // A tail moves along with it.
    sim.control.advance(4_000);
    expect((await podLog(pod.id, '?tail=3')).slice(0, 1)).toEqual(after.slice(-1));
  });

  it('stops growing when the pod fails, and ends with why', async () => {
    const pod = newPod(4 * MINUTE);
    sim.control.setStatus('pods', pod.id, 'ERROR');
    const failed = await podLog(pod.id, '?tail=10000');
    expect(failed.at(-1)).toMatch(/ERROR.*installation failed: /);
    sim.control.advance(MINUTE);
    expect(await podLog(pod.id, '?tail=10000')).toEqual(failed);
  });

  it('is made of lifelike lines, now and then a WARN or an ERROR, and hostile ones a client must not obey', async () => {
    const pod = newPod(30 * MINUTE);
    const lines = await podLog(pod.id, '?tail=10000');
    expect(lines).toHaveLength(901);
    const text = lines.join('\n');
    expect(text).toMatch(/\[install\]/);
    expect(text).toMatch(/\[train\] step \d+ loss=/);
    expect(text).toMatch(/\[eval\]/);
    expect(lines.some((line) => line.includes('WARN'))).toBe(true);
    expect(lines.some((line) => line.includes('\u001b[31mERROR'))).toBe(true);
    // The hostile ones: colour, a window title, a screen clear, a 3,000-character line, tabs.
    expect(text).toContain('\u001b[32m');
    expect(text).toContain('\u001b]0;pwned\u0007');
    expect(text).toContain('\u001b[2J');
    expect(lines.some((line) => line.length === LONG_LINE_LENGTH)).toBe(true);
    expect(text).toContain('\t');
    // One in every HOSTILE_EVERY lines is hostile; every line is one line.
    const hostile = lines.filter(
      (line) =>
        /\u001b\]|\u001b\[2J|\u001b\[1;5;|\u202e|\r|\u009b|\t\t\|/.test(line) || line.length === LONG_LINE_LENGTH,
    );
    expect(hostile.length).toBeGreaterThanOrEqual(Math.floor(lines.length / HOSTILE_EVERY) - 1);
    expect(hostile.length).toBeLessThan(lines.length / 10);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it('is the same for the same seed, and another for another seed', async () => {
    const counts = { pods: 3, disks: 1, sandboxes: 0, nodes: 0 };
    const [a, b, reseeded] = await Promise.all([
      simulatorForFile({ startTime: START, counts }),
      simulatorForFile({ startTime: START, counts }),
      simulatorForFile({ startTime: START, seed: 2, counts }),
    ]);
    const read = async (s: typeof sim, id: string) => (await prime<string>(s, `/api/v1/pods/${id}/log?tail=500`)).body;
    const seeded = a.control.list('pods');
    expect(b.control.list('pods').map((pod) => pod.id)).toEqual(seeded.map((pod) => pod.id));
    for (const pod of seeded) expect(await read(b, pod.id)).toBe(await read(a, pod.id));
    // The same id and age in a world of another seed: as long, other lines.
    const twin = { id: 'the-same-pod', status: 'ACTIVE', createdAt: new Date(START - 20 * MINUTE).toISOString() };
    a.control.add('pods', twin);
    reseeded.control.add('pods', twin);
    const [mine, theirs] = [await read(a, twin.id), await read(reseeded, twin.id)];
    expect(mine.split('\n')).toHaveLength(theirs.split('\n').length);
    expect(mine).not.toBe(theirs);
  });
});

describe('GET /api/v1/sandbox/{id}/logs', () => {
  it('answers {logs} with every line since the sandbox started running', async () => {
    const sandbox = runningSandbox(MINUTE);
    const lines = await sandboxLog(sandbox.id);
    expect(lines).toHaveLength(31);
    expect(lines[0]).toContain('pip install');
    for (const line of lines) expect(line).toMatch(STAMP);
    sim.control.advance(4_000);
    const later = await sandboxLog(sandbox.id);
    expect(later.slice(0, 31)).toEqual(lines);
    expect(later).toHaveLength(33);
  });

  it('is empty before the sandbox runs, and stops when it ends', async () => {
    const pending = sim.control.add('sandboxes', { status: 'PENDING' });
    expect(await sandboxLog(pending.id)).toEqual([]);
    const sandbox = runningSandbox(2 * MINUTE);
    sim.control.setStatus('sandboxes', sandbox.id, 'TIMEOUT');
    const ended = await sandboxLog(sandbox.id);
    expect(ended.at(-1)).toMatch(/ERROR.*TIMEOUT: /);
    sim.control.advance(MINUTE);
    expect(await sandboxLog(sandbox.id)).toEqual(ended);
  });

  it('answers at most the last 5,000 lines', async () => {
    const sandbox = runningSandbox(5 * 60 * MINUTE);
    const lines = await sandboxLog(sandbox.id);
    expect(lines).toHaveLength(5_000);
    expect(Date.parse(lines.at(-1)!.slice(0, 24))).toBe(sim.control.now());
  });

  it('404s an unknown sandbox', async () => {
    expect((await prime(sim, '/api/v1/sandbox/no-such-sandbox/logs')).status).toBe(404);
  });
});

describe('faults on the log endpoints', () => {
  it('apply by method and path, as on every other route', async () => {
    const pod = newPod(MINUTE);
    const sandbox = runningSandbox(MINUTE);
    sim.control.injectFault({
      method: 'GET',
      path: `/api/v1/pods/${pod.id}/log`,
      fault: { status: 503, retryAfter: 2 },
    });
    sim.control.injectFault({ method: 'GET', path: `/api/v1/sandbox/${sandbox.id}/logs`, fault: { body: 'html' } });
    const unavailable = await prime(sim, `/api/v1/pods/${pod.id}/log?tail=5`);
    expect([unavailable.status, unavailable.headers.get('retry-after')]).toEqual([503, '2']);
    expect((await prime(sim, `/api/v1/sandbox/${sandbox.id}/logs`)).text).toMatch(/<html>/);
    // Used up: answered normally again.
    expect((await prime(sim, `/api/v1/pods/${pod.id}/log?tail=5`)).status).toBe(200);
  });
});

describe('the log formula', () => {
  const span = (overrides: Partial<LogSpan> = {}): LogSpan => ({
    seed: 1,
    id: 'p',
    startMs: 0,
    endMs: null,
    flavour: 'pod',
    ...overrides,
  });

  it('keeps at most 20,000 lines, dropping the oldest', () => {
    const now = 2 * 24 * 60 * MINUTE;
    expect(logLength(span(), now, 30)).toBe(86_401);
    const lines = tailOfLog(span(), now, 50_000, 30);
    expect(lines).toHaveLength(LOG_MAX_LINES);
    expect(Date.parse(lines[0]!.slice(0, 24))).toBe((86_401 - LOG_MAX_LINES) * 2_000);
  });

  it('makes a line the same whenever it is asked for, from the seed, the id and its number alone', () => {
    const now = 20 * MINUTE;
    const whole = tailOfLog(span(), now, 1_000, 30);
    expect(tailOfLog(span(), now, 10, 30)).toEqual(whole.slice(-10));
    expect(tailOfLog(span(), now + 60_000, 1_000, 30).slice(0, whole.length)).toEqual(whole);
    expect(tailOfLog(span({ id: 'q' }), now, 1_000, 30)).not.toEqual(whole);
    expect(tailOfLog(span({ seed: 2 }), now, 1_000, 30)).not.toEqual(whole);
    expect(tailOfLog(span({ startMs: null }), now, 1_000, 30)).toEqual([]);
    expect(tailOfLog(span({ endMs: 60_000 }), now, 1_000, 30)).toEqual(whole.slice(0, 31));
  });
});
