/**
 * Fault injection through the simulator's control interface, against the
 * built CLI in a real pseudo-terminal at its real policy (1 s interval): a
 * proxy's HTML error page, a 503 on every try, and a 429 with a short
 * Retry-After, one after another on the visible tab. (Every other fault, and
 * the timing of backoff, is in failing-network.test.tsx, in memory.) For each, the screen
 * (one error line, the stale marker with the time of the data kept, the rows
 * still there, then back to normal with nothing left over) and what the
 * simulator received (how many tries, how far apart).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { openCloudtop } from '../e2e/helpers.js';
import type { PtySession } from '../e2e/pty.js';

const sim = await simulatorForFile({ seed: 17, counts: { pods: 5, disks: 2, sandboxes: 2, nodes: 2 } });
const name = (sim.control.list('pods') as { name: string | null }[])
  .map((p) => p.name)
  .find((n): n is string => typeof n === 'string' && n.length < 20)!;

let term: PtySession | undefined;
afterEach(() => term?.kill());

const messageLine = (screen: string): string => screen.split('\n')[2] ?? '';
const podLists = () => sim.control.requests().filter((r) => r.path === '/api/v1/pods');

describe('faults injected through the simulator, seen in a real terminal', () => {
  it('each shows one line and the stale marker over the kept rows, and is retried as the policy says', async () => {
    const session = openCloudtop(sim, ['--tab', 'pods'], { cols: 160, rows: 24 });
    term = session;
    await session.waitFor(name, { timeoutMs: 10_000 });

    const stale = async (message: RegExp): Promise<void> => {
      const screen = await session.waitFor((s) => message.test(messageLine(s)), { timeoutMs: 8000 });
      expect(messageLine(screen)).toMatch(/^ ✕ .* · showing data from \d\d:\d\d:\d\d \(stale\)$/);
      expect(screen).toContain(name);
      expect(screen).toMatch(/↻ retrying/);
    };
    // Recovery is asked for with r (refresh): whether it also comes on its own
    // is the in-memory outage test's question (a known bug in src/data/queries.ts
    // postpones it while other tabs poll; see failing-network.test.tsx).
    const recovered = async (): Promise<void> => {
      session.press('r');
      const screen = await session.waitFor((s) => messageLine(s).trim() === '' && /● live/.test(s), {
        timeoutMs: 8000,
      });
      expect(screen).toContain(name);
    };

    // A proxy's HTML error page: not retried inside the call (it is an answer, just not JSON).
    sim.control.clearRequests();
    sim.control.injectFault({ path: '/api/v1/pods', count: 1, fault: { body: 'html' } });
    await stale(/Prime Intellect API sent a bad response: an HTML page instead of JSON \(a proxy or gateway error\?\)/);
    await recovered();
    expect(podLists()[0]!.status).toBe(200);
    expect(podLists()[1]!.status).toBe(200);

    // A 503 on every try of one poll: 1 + 2 tries, then the error.
    sim.control.clearRequests();
    sim.control.injectFault({ path: '/api/v1/pods', count: 3, fault: { status: 503 } });
    await stale(/Prime Intellect API server error \(503\): Injected fault: Service Unavailable/);
    await recovered();
    expect(
      podLists()
        .slice(0, 4)
        .map((r) => r.status),
    ).toEqual([503, 503, 503, 200]);

    // 429 with a short Retry-After: waited out inside the call, never shown, and never sooner.
    sim.control.clearRequests();
    sim.control.injectFault({ path: '/api/v1/pods', count: 1, fault: { status: 429, retryAfter: 1 } });
    const lines: string[] = [];
    // The next poll comes within a second; its retry a second later.
    const until = Date.now() + 2600;
    while (Date.now() < until && !podLists().some((r) => r.status === 200)) {
      await session.flush();
      lines.push(messageLine(session.screen()));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const limited = podLists();
    expect(limited.slice(0, 2).map((r) => r.status)).toEqual([429, 200]);
    expect(limited[1]!.at - limited[0]!.at).toBeGreaterThanOrEqual(1000 - 20);
    expect(lines.filter((line) => line.includes('✕'))).toEqual([]);

    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });
});
