/**
 * The deletion queue with a fake `deletePod` (the real HTTP path, with its
 * retry rules, is tested in test/unit/http.test.ts and the integration tests).
 */
import { describe, expect, it } from 'vitest';
import { ApiError, type ApiErrorKind } from '../../src/api/errors.js';
import {
  DeletionOutcome,
  DeletionQueue,
  MAY_HAVE_HAPPENED_HINT,
  describeDeleteError,
  type DeletionItem,
  type DeletionQueueOptions,
} from '../../src/data/deletion-queue.js';
import type { ActionTarget } from '../../src/views/actions.js';
import { podsView } from '../../src/views/pods.js';
import { pod } from '../helpers/fixtures.js';

/** The pods view's delete action, whose words the queue's messages use. */
const deletePod = podsView.actions.find((action) => action.id === 'delete')!;
const WRITE_PERMISSION_HINT = deletePod.permissionHint;
const PODS: DeletionQueueOptions = { noun: { one: 'pod', many: 'pods' }, permissionHint: WRITE_PERMISSION_HINT };
const podQueue = (remove: (id: string) => Promise<void>, options: DeletionQueueOptions = {}): DeletionQueue =>
  new DeletionQueue(remove, { ...PODS, ...options });
const outcome = (items: DeletionItem[]) => new DeletionOutcome(items, PODS.noun, WRITE_PERMISSION_HINT);

const API_KEY = 'pit_live_0123456789abcdef';

function target(id: string, name = `pod-${id}`): ActionTarget {
  return deletePod.target(pod(id, { name }));
}

function apiError(
  kind: ApiErrorKind,
  message: string,
  extra: { status?: number; retryAfterMs?: number } = {},
): ApiError {
  return new ApiError({ kind, api: 'Prime Intellect', message, ...extra });
}

/** A fake deletePod whose calls stay open until the test settles them. */
function controlled() {
  const calls: string[] = [];
  const open = new Map<string, { resolve: () => void; reject: (error: unknown) => void }>();
  let inFlight = 0;
  let peak = 0;
  const deletePod = (id: string) =>
    new Promise<void>((resolve, reject) => {
      calls.push(id);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      const done = () => (inFlight -= 1);
      open.set(id, {
        resolve: () => {
          done();
          resolve();
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
    });
  return {
    deletePod,
    calls,
    open,
    peak: () => peak,
    resolve: (id: string) => open.get(id)!.resolve(),
    reject: (id: string, error: unknown) => open.get(id)!.reject(error),
  };
}

/** Lets queued promise continuations run. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("the pods view's delete target", () => {
  it('captures what the dialog shows, with the GPU as type×count and the id standing in for a missing name', () => {
    const t = deletePod.target(
      pod('p1', {
        name: 'llama-7',
        gpuName: 'H100_80GB',
        gpuCount: 8,
        priceHr: 19.92,
        status: 'active',
        createdAt: '2026-11-23T12:00:00Z',
      }),
    );
    expect(t).toEqual({
      id: 'p1',
      name: 'llama-7',
      fields: [
        { label: 'GPU', text: 'H100_80GB×8' },
        { label: 'status', status: 'ACTIVE' },
        { label: '$/hr', money: 19.92 },
        { label: 'running for', since: '2026-11-23T12:00:00Z' },
      ],
      columns: [
        { title: 'GPU', width: 16, priority: 3, text: 'H100_80GB×8' },
        { title: 'STATUS', width: 14, priority: 1, status: 'ACTIVE' },
      ],
      priceHr: 19.92,
    });
    expect(deletePod.target(pod('p2', { name: null, gpuCount: 1 }))).toMatchObject({
      name: 'p2',
      fields: [{ label: 'GPU', text: 'H100_80GB' }, {}, {}, {}],
    });
    expect(deletePod.target(pod('p3', { gpuName: null, priceHr: null, createdAt: null }))).toMatchObject({
      fields: [{ text: '-' }, {}, { money: null }, { since: null }],
      priceHr: null,
    });
  });
});

describe('DeletionQueue', () => {
  it('sends one DELETE for one pod and reports it deleted', async () => {
    const calls: string[] = [];
    const queue = podQueue(async (id) => {
      calls.push(id);
    });
    const outcome = await queue.run([target('p1', 'llama-7')]);
    expect(calls).toEqual(['p1']);
    expect(outcome.items).toEqual([{ id: 'p1', name: 'llama-7', result: 'deleted' }]);
    expect(outcome.summary()).toBe('Deleted pod llama-7');
    expect(outcome.tone).toBe('success');
  });

  it('never sends a second DELETE for a pod already in flight: the repeat shares the first result', async () => {
    const fake = controlled();
    const queue = podQueue(fake.deletePod);
    const first = queue.run([target('p1')]);
    const second = queue.run([target('p1')]);
    await tick();
    expect(fake.calls).toEqual(['p1']);
    fake.resolve('p1');
    const [a, b] = await Promise.all([first, second]);
    expect(a.items[0]?.result).toBe('deleted');
    expect(b.items[0]?.result).toBe('deleted');
    expect(fake.calls).toEqual(['p1']);
  });

  it('does not send again for a pod deleted recently, and collapses duplicate ids within one run', async () => {
    let clock = 1_000_000;
    const calls: string[] = [];
    const queue = podQueue(
      async (id) => {
        calls.push(id);
      },
      { rememberMs: 60_000, now: () => clock },
    );
    const once = await queue.run([target('p1'), target('p1')]);
    expect(once.items).toHaveLength(1);
    const again = await queue.run([target('p1')]);
    expect(again.items[0]?.result).toBe('deleted');
    expect(calls).toEqual(['p1']);
    clock += 61_000;
    await queue.run([target('p1')]);
    expect(calls).toEqual(['p1', 'p1']);
  });

  it('lets a failed delete be tried again', async () => {
    let fail = true;
    const calls: string[] = [];
    const queue = podQueue(async (id) => {
      calls.push(id);
      if (fail) throw apiError('server', 'Prime Intellect API server error (500)', { status: 500 });
    });
    expect((await queue.run([target('p1')])).items[0]?.result).toBe('failed');
    fail = false;
    expect((await queue.run([target('p1')])).items[0]?.result).toBe('deleted');
    expect(calls).toEqual(['p1', 'p1']);
  });

  it('keeps at most 4 DELETEs in flight for 20 pods, and all of them are sent', async () => {
    let inFlight = 0;
    let peak = 0;
    const calls: string[] = [];
    const queue = podQueue(async (id) => {
      calls.push(id);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1 + (Number(id.slice(1)) % 3)));
      inFlight -= 1;
    });
    const targets = Array.from({ length: 20 }, (_, i) => target(`p${i}`));
    const outcome = await queue.run(targets);
    expect(peak).toBe(4);
    expect(new Set(calls).size).toBe(20);
    expect(calls).toHaveLength(20);
    expect(outcome.summary()).toBe('Deleted 20 pods');
  });

  it('shares the concurrency bound across runs and honours a custom bound', async () => {
    const fake = controlled();
    const queue = podQueue(fake.deletePod, { concurrency: 2 });
    const a = queue.run([target('a1'), target('a2'), target('a3')]);
    const b = queue.run([target('b1'), target('b2')]);
    await tick();
    expect(fake.calls).toEqual(['a1', 'a2']);
    fake.resolve('a1');
    await tick();
    expect(fake.calls).toEqual(['a1', 'a2', 'a3']);
    for (const id of ['a2', 'a3']) {
      fake.resolve(id);
      await tick();
    }
    for (const id of ['b1', 'b2']) {
      fake.resolve(id);
      await tick();
    }
    await Promise.all([a, b]);
    expect(fake.peak()).toBe(2);
    expect(fake.calls).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
  });

  it('counts a 404 as already gone, not as a failure', async () => {
    const queue = podQueue(async () => {
      throw apiError('not-found', 'Prime Intellect API: not found (404)', { status: 404 });
    });
    const outcome = await queue.run([target('p1', 'llama-7')]);
    expect(outcome.items[0]).toEqual({ id: 'p1', name: 'llama-7', result: 'already-gone' });
    expect(outcome.summary()).toBe('Pod llama-7 was already gone');
    expect(outcome.tone).toBe('success');
  });

  it('fails a 403 with the write-permission hint', async () => {
    const error = apiError('forbidden', 'Prime Intellect API refused: the API key lacks permission for this (403)', {
      status: 403,
    });
    const queue = podQueue(async () => {
      throw error;
    });
    const outcome = await queue.run([target('p1', 'llama-7')]);
    expect(outcome.items[0]).toMatchObject({ result: 'failed', error });
    expect(outcome.tone).toBe('error');
    expect(outcome.summary()).toBe(
      'Could not delete pod llama-7: the API key needs Instances → Read and Write to delete pods (HTTP 403)',
    );
  });

  it('gives a 401 the same hint', () => {
    const text = describeDeleteError(
      apiError('auth', 'Prime Intellect API rejected the API key (401). Set PRIME_API_KEY', { status: 401 }),
      WRITE_PERMISSION_HINT,
    );
    expect(text).toContain(WRITE_PERMISSION_HINT);
  });

  it('fails a network error or timeout with "the delete may have happened"', async () => {
    for (const kind of ['network', 'timeout'] as const) {
      const queue = podQueue(async () => {
        throw apiError(
          kind,
          kind === 'network'
            ? 'Cannot reach the Prime Intellect API: connection reset'
            : 'Prime Intellect API did not answer in time',
        );
      });
      const outcome = await queue.run([target('p1')]);
      expect(outcome.items[0]?.result).toBe('failed');
      expect(outcome.summary()).toContain(`; ${MAY_HAVE_HAPPENED_HINT}`);
    }
  });

  it('turns anything else deletePod throws into a failure value, never a rejection', async () => {
    const queue = podQueue(async () => {
      throw new TypeError('boom');
    });
    const outcome = await queue.run([target('p1')]);
    expect(outcome.items[0]?.result).toBe('failed');
    expect(outcome.items[0]?.error).toBeInstanceOf(ApiError);
    expect(outcome.summary()).toContain(MAY_HAVE_HAPPENED_HINT);
  });

  it('tracks pending ids, including queued ones, and notifies subscribers of every change', async () => {
    const fake = controlled();
    const queue = podQueue(fake.deletePod, { concurrency: 1 });
    const snapshots: string[][] = [];
    const unsubscribe = queue.subscribe(() => snapshots.push([...queue.pendingIds()].sort()));
    const before = queue.pendingIds();

    const run = queue.run([target('p1'), target('p2')]);
    expect(queue.isPending('p1')).toBe(true);
    expect(queue.isPending('p2')).toBe(true);
    expect(queue.isPending('p3')).toBe(false);
    expect(queue.pendingIds()).not.toBe(before);
    const during = queue.pendingIds();
    expect(queue.pendingIds()).toBe(during);

    await tick();
    fake.resolve('p1');
    await tick();
    expect(queue.isPending('p1')).toBe(false);
    expect(queue.isPending('p2')).toBe(true);
    fake.reject('p2', apiError('server', 'Prime Intellect API server error (502)'));
    await run;
    expect(queue.pendingIds().size).toBe(0);
    expect(snapshots).toEqual([['p1'], ['p1', 'p2'], ['p2'], []]);

    unsubscribe();
    const later = queue.run([target('p9')]);
    await tick();
    fake.resolve('p9');
    await later;
    expect(snapshots).toHaveLength(4);
  });

  it('keeps a deleted row reading DELETING until data newer than the success arrives', async () => {
    let clock = 5_000;
    const fake = controlled();
    const queue = podQueue(fake.deletePod, { now: () => clock });
    const run = queue.run([target('p1')]);
    expect(queue.showsDeleting('p1', 4_000)).toBe(true);
    clock = 6_000;
    await tick();
    fake.resolve('p1');
    await run;
    expect(queue.isPending('p1')).toBe(false);
    expect(queue.showsDeleting('p1', 5_500)).toBe(true);
    expect(queue.showsDeleting('p1', 7_000)).toBe(false);
    expect(queue.showsDeleting('p2', 0)).toBe(false);
  });
});

describe('DeletionOutcome.summary', () => {
  const forbidden = apiError('forbidden', 'Prime Intellect API refused: the API key lacks permission for this (403)', {
    status: 403,
  });

  it('one pod', () => {
    expect(outcome([{ id: 'a', name: 'llama-7', result: 'deleted' }]).summary()).toBe('Deleted pod llama-7');
  });

  it('many pods, all deleted, some already gone', () => {
    expect(
      outcome([
        { id: 'a', name: 'a', result: 'deleted' },
        { id: 'b', name: 'b', result: 'deleted' },
        { id: 'c', name: 'c', result: 'deleted' },
      ]).summary(),
    ).toBe('Deleted 3 pods');
    expect(
      outcome([
        { id: 'a', name: 'a', result: 'deleted' },
        { id: 'b', name: 'b', result: 'already-gone' },
      ]).summary(),
    ).toBe('Deleted 2 pods (1 was already gone)');
  });

  it('mixed: counts, the first failure and its hint', () => {
    const mixed = outcome([
      { id: 'a', name: 'a', result: 'deleted' },
      { id: 'b', name: 'bert-2', result: 'failed', error: forbidden },
      { id: 'c', name: 'c', result: 'already-gone' },
      { id: 'd', name: 'd', result: 'deleted' },
    ]);
    expect(mixed.summary()).toBe(
      `Deleted 3 of 4 pods (1 was already gone); 1 failed: bert-2: ${WRITE_PERMISSION_HINT} (HTTP 403)`,
    );
    expect(mixed.tone).toBe('error');
    expect(mixed.failed.map((item) => item.id)).toEqual(['b']);
  });

  it('a rate limit beyond the cap says when to retry', () => {
    const withWait = apiError('rate-limited', 'Prime Intellect API rate limit reached (429); retry in 40s', {
      status: 429,
      retryAfterMs: 40_000,
    });
    expect(describeDeleteError(withWait, WRITE_PERMISSION_HINT)).toBe(
      'Prime Intellect API rate limit reached (429); retry in 40s',
    );
    const bare = apiError('rate-limited', 'Prime Intellect API rate limit reached (429)', {
      status: 429,
      retryAfterMs: 90_500,
    });
    expect(describeDeleteError(bare, WRITE_PERMISSION_HINT)).toBe(
      'Prime Intellect API rate limit reached (429); retry in 91s',
    );
    const none = apiError('rate-limited', 'Prime Intellect API rate limit reached (429)', { status: 429 });
    expect(describeDeleteError(none, WRITE_PERMISSION_HINT)).toBe(
      'Prime Intellect API rate limit reached (429); retry in a moment',
    );
  });

  it('is one line with no escape sequences, even from hostile pod names, and never carries the key', () => {
    expect(outcome([{ id: 'a', name: 'evil\u001b[2J\nname', result: 'deleted' }]).summary()).toBe(
      'Deleted pod evil name',
    );
    const failed = new DeletionOutcome([
      { id: 'a', name: 'a', result: 'deleted' },
      {
        id: 'b',
        name: 'b',
        result: 'failed',
        error: apiError('auth', 'Prime Intellect API rejected the API key (401). Set PRIME_API_KEY'),
      },
    ]).summary();
    expect(failed).not.toContain(API_KEY);
    expect(failed).not.toMatch(/[\u0000-\u001f]/);
  });
});
