/**
 * Failing networks, end to end but in memory: the real App (react-query,
 * polling, header, table) rendered into an emulated terminal, talking real
 * HTTP to the simulator, whose control API breaks the network on cue. The
 * screen is read as a person would see it; the simulator's request log says
 * what the client actually sent.
 *
 * Time is scaled down, ratios kept. The real policy polls the visible tab
 * every 5 s (hidden tabs ×3), backs off to at most 60 s, and the HTTP layer
 * retries a GET twice with 0.3 s and 0.6 s steps and waits out a Retry-After
 * of up to 15 s itself. Divided by SCALE = 100: a 50 ms interval, a 600 ms
 * cap, a 60 s outage becomes 600 ms, retry steps at most 6 ms, Retry-After
 * waited out up to 150 ms. Scaling every duration by one factor leaves every
 * count (polls per outage, requests per poll) unchanged; a slow machine only
 * stretches the gaps, so the counts can only come out lower.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispersedClient } from '../../src/api/dispersed/client.js';
import { createPrimeClient } from '../../src/api/prime/client.js';
import { App } from '../../src/ui/App.js';
import { createQueryClient } from '../../src/data/queries.js';
import { DEFAULT_POLICY, nextPollDelay, type PollPolicy } from '../../src/data/polling.js';
import { createFetchers, type Clients, type Fetchers } from '../../src/data/sources.js';
import type { RequestLogEntry } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { renderInTerminal, waitForScreen, type VirtualTerminal } from '../helpers/virtual-terminal.js';

const SCALE = 100;
const POLICY: PollPolicy = {
  intervalMs: DEFAULT_POLICY.intervalMs / SCALE, // 50 ms
  hiddenFactor: DEFAULT_POLICY.hiddenFactor, // 3
  maxBackoffMs: DEFAULT_POLICY.maxBackoffMs / SCALE, // 600 ms
};
/** The HTTP layer's `retryLimit` default: a failing GET is tried 1 + 2 times. */
const RETRY_LIMIT = 2;
const TUNING = {
  // A request taking this long is a timeout (10 s / 10 rather than / 100: a loaded CI machine must not time out by itself).
  timeoutMs: 1000,
  retryLimit: RETRY_LIMIT,
  // The HTTP layer's second retry step, 600 ms, scaled.
  backoffLimitMs: 600 / SCALE,
  maxRetryAfterMs: 15_000 / SCALE,
};

/**
 * For tests about one tab's errors, retries and timing: hidden tabs poll once
 * at start and then practically never, so nothing else re-renders the App.
 * (Re-renders matter: see the outage recovery test, which keeps all four.)
 */
const ONE_TAB: PollPolicy = { ...POLICY, hiddenFactor: 1000 };

const sim = await simulatorForFile({ seed: 3, counts: { pods: 6, disks: 3, sandboxes: 4, nodes: 3 } });
const pods = sim.control.list('pods') as { id: string; name: string | null }[];
const visiblePod = pods
  .map((p) => p.name)
  .filter((name): name is string => typeof name === 'string' && name.length < 16)[0]!;

function clientsFor(primeUrl: string, dispersedUrl: string, tuning: Partial<typeof TUNING> = {}): Clients {
  const options = { ...TUNING, ...tuning };
  return {
    prime: createPrimeClient({ baseUrl: primeUrl, apiKey: sim.primeKey, ...options }),
    dispersed: createDispersedClient({ baseUrl: dispersedUrl, keys: sim.dispersedKeys, ...options }),
  };
}
const healthy = clientsFor(sim.url, sim.url);

/** Fetchers whose clients can be swapped while the App runs: the network "moves" under it. */
function switchable(initial: Clients): { fetchers: Fetchers; use(clients: Clients): void } {
  let current = createFetchers(initial);
  return {
    use: (clients) => (current = createFetchers(clients)),
    fetchers: {
      disks: (signal, query) => current.disks(signal, query),
      sandboxes: (signal, query) => current.sandboxes(signal, query),
      pods: (signal, query) => current.pods(signal, query),
      nodes: (signal, query) => current.nodes(signal, query),
      history: (signal, query) => current.history(signal, query),
      availability: (signal, query) => current.availability(signal, query),
    },
  };
}

let vt: VirtualTerminal | undefined;
let client: QueryClient | undefined;
afterEach(() => {
  vt?.unmount();
  client?.clear();
  vt = undefined;
});
beforeEach(() => {
  sim.control.clearFaults();
  sim.control.clearRequests();
});

async function start(fetchers: Fetchers, policy: PollPolicy = ONE_TAB, columns = 200): Promise<VirtualTerminal> {
  client = createQueryClient();
  vt = renderInTerminal(
    <QueryClientProvider client={client}>
      <App
        fetchers={fetchers}
        source={{ demo: false, description: 'team test · sim' }}
        policy={policy}
        initialTab="pods"
      />
    </QueryClientProvider>,
    { columns, rows: 30 },
  );
  // The Nodes tab counted, by its title or, on a narrow screen, its short name.
  await waitForScreen(vt, (s) => s.includes(visiblePod) && /● live/.test(s) && /4 (Nodes|no) \d/.test(s));
  return vt;
}

/**
 * The header's message as one line: its first line (under the tab line, and the tab summary when that
 * has a line of its own) and the indented lines that carry it on (it wraps).
 */
function messageLine(screen: string): string {
  const lines = screen.split('\n');
  const first = lines.findIndex((line, index) => index >= 2 && index <= 3 && /^ [✕!]/.test(line));
  if (first === -1) return lines[2] ?? '';
  let text = lines[first]!;
  for (let next = first + 1; /^ {3}\S/.test(lines[next] ?? '') && !/NAME/.test(lines[next]!); next++)
    text += ` ${lines[next]!.trim()}`;
  return text;
}
const flashLine = (screen: string): string => screen.split('\n').at(-2) ?? '';
const API_PATHS = ['/api/v1/pods', '/api/v1/disks', '/api/v1/sandbox', '/v1/nodes'];
const requestsTo = (path: string, entries = sim.control.requests()): RequestLogEntry[] =>
  entries.filter((r) => r.path === path);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The shortest wait the policy allows after `failures` consecutive failures: the jitter at its lowest (75%). */
const minimumDelay = (visible: boolean, failures: number, policy: PollPolicy): number =>
  Number(nextPollDelay({ visible, paused: false, consecutiveFailures: failures }, policy, 0));

const lastSeq = (): number => sim.control.requests().at(-1)?.seq ?? 0;

async function until(done: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what()}`);
    await sleep(20);
  }
}

/** `count` requests for the pod list arrived after request `seq`. */
const podsRequestsAfter = (seq: number, count: number): Promise<void> =>
  until(
    () => requestsTo('/api/v1/pods').filter((r) => r.seq > seq).length >= count,
    () => `${count} pod-list requests`,
  );

/** Every request that arrived after `seq` has been answered: the log (written as answers go out) has no gap. */
const everyRequestAnsweredAfter = (seq: number): Promise<void> =>
  until(
    () => {
      const seqs = new Set(sim.control.requests().map((r) => r.seq));
      const last = Math.max(seq, ...seqs);
      for (let next = seq + 1; next <= last; next++) if (!seqs.has(next)) return false;
      return true;
    },
    () => 'held-back answers',
  );

/** The failed poll is one line, with the stale marker and the time of the data kept; the rows stay. */
async function expectStale(term: VirtualTerminal, message: RegExp): Promise<string> {
  const screen = await waitForScreen(term, (s) => message.test(messageLine(s)), 8000);
  expect(messageLine(screen)).toMatch(/^ ✕ .* · showing data from \d\d:\d\d:\d\d \(stale\)$/);
  expect(screen).toContain(visiblePod);
  expect(screen).toMatch(/↻ retrying/);
  return screen;
}

/** Back to normal on its own: no error, no stale marker, live again, nothing flashed. */
async function expectRecovered(term: VirtualTerminal): Promise<void> {
  const screen = await waitForScreen(term, (s) => !s.includes('(stale)') && /● live/.test(s), 5000);
  expect(messageLine(screen).trim()).toBe('');
  expect(flashLine(screen).trim()).toBe('');
  expect(screen).toContain(visiblePod);
}

describe('a broken body: one line, last good data kept', () => {
  it('an HTML error page, an empty, a truncated, a wrong-shaped and a 10 MB body, one after another', async () => {
    const term = await start(createFetchers(healthy));
    const cases = [
      ['html', /HTML page instead of JSON/],
      ['empty', /unexpected response shape/],
      ['truncated', /not valid JSON .*truncated\?/],
      ['wrong-shape', /unexpected response shape at data/],
      ['huge', /larger than 8 MB; refusing to read it/],
    ] as const;
    for (const [body, message] of cases) {
      sim.control.injectFault({ path: '/api/v1/pods', count: 1, fault: { body } });
      await expectStale(term, message);
      await expectRecovered(term);
    }
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a network that fails', () => {
  it('refused connections, DNS failures, dropped connections and timeouts: stale data and one line each, then recovery', async () => {
    const network = switchable(healthy);
    const term = await start(network.fetchers);

    const refused = `http://127.0.0.1:${await closedPort()}`;
    network.use(clientsFor(refused, refused));
    await expectStale(term, /Cannot reach the Prime Intellect API: connection refused/);
    network.use(healthy);
    await expectRecovered(term);

    // `.invalid` never resolves (RFC 2606), with or without a network.
    const nowhere = 'https://cloudtop-nonexistent.invalid';
    network.use(clientsFor(nowhere, nowhere));
    await expectStale(term, /Cannot reach the Prime Intellect API: host name not found \(DNS\)/);
    network.use(healthy);
    await expectRecovered(term);

    // The connection dropped on every try of one poll.
    sim.control.injectFault({ path: '/api/v1/pods', count: 1 + RETRY_LIMIT, fault: { reset: true } });
    await expectStale(term, /Cannot reach the Prime Intellect API: connection reset/);
    await expectRecovered(term);

    // Slower than the client waits, on every try of one poll. A poll still in flight when the client
    // changes is the old client's, which would wait the delay out: only once the poll after it has
    // started is every request the new client's.
    network.use(clientsFor(sim.url, sim.url, { timeoutMs: 150 }));
    await podsRequestsAfter(lastSeq(), 2);
    const delayed = lastSeq();
    sim.control.injectFault({ path: '/api/v1/pods', count: 1 + RETRY_LIMIT, fault: { delayMs: 600 } });
    await expectStale(term, /Prime Intellect API did not answer in time/);
    network.use(healthy);
    await expectRecovered(term);
    // The held-back answers still go out, after the client gave up on them: here, not in the next test's log.
    await everyRequestAnsweredAfter(delayed);
  });

  it('a short 5xx burst is retried inside the poll and never shown', async () => {
    const term = await start(createFetchers(healthy));
    sim.control.clearRequests();
    sim.control.injectFault({ path: '/api/v1/pods', count: RETRY_LIMIT, fault: { status: 502 } });
    const seen: string[] = [];
    // Watched until the poll after the one that met the burst: by then that poll's outcome was drawn.
    const pollAfterBurst = (): boolean => {
      const statuses = requestsTo('/api/v1/pods').map((r) => r.status);
      const recovered = statuses.indexOf(200, statuses.indexOf(502));
      return statuses.includes(502) && recovered >= 0 && statuses.length > recovered + 1;
    };
    const deadline = Date.now() + 10_000;
    while (!pollAfterBurst() && Date.now() < deadline) {
      await term.settle();
      seen.push(messageLine(term.screen()));
      await sleep(15);
    }
    await term.settle();
    seen.push(messageLine(term.screen()));
    expect(seen.filter((line) => line.includes('✕'))).toEqual([]);
    const tries = requestsTo('/api/v1/pods');
    const first = tries.findIndex((r) => r.status === 502);
    expect(tries.slice(first, first + 3).map((r) => r.status)).toEqual([502, 502, 200]);
  });

  it('429 with Retry-After: the next try waits at least that long, and the wait is shown', async () => {
    const term = await start(createFetchers(healthy));
    sim.control.clearRequests();
    // 0.5 s: longer than the client waits inside one call (150 ms), so the poller must hold off.
    sim.control.injectFault({ path: '/api/v1/pods', count: 2, fault: { status: 429, retryAfter: 0.5 } });
    await expectStale(term, /rate limit reached \(429\); retry in 1s/);
    await expectRecovered(term);
    const tries = requestsTo('/api/v1/pods');
    const limited = tries.filter((r) => r.status === 429);
    expect(limited).toHaveLength(2);
    for (let i = 0; i < limited.length; i++) {
      const next = tries[tries.indexOf(limited[i]!) + 1]!;
      expect(next.at - limited[i]!.at, 'a request came before Retry-After had passed').toBeGreaterThanOrEqual(500 - 5);
    }
  });

  it('an absurd Retry-After (a month) is capped, never overflows a timer into a request storm', async () => {
    const term = await start(createFetchers(healthy));
    sim.control.clearRequests();
    // 2.6 million seconds: more than the 2^31 - 1 ms a Node timer can hold, which Node then runs after 1 ms.
    sim.control.injectFault({ path: '/api/v1/pods', count: 1_000_000, fault: { status: 429, retryAfter: 2_600_000 } });
    await expectStale(term, /rate limit reached \(429\); retry in \d+s/);
    await sleep(500);
    expect(requestsTo('/api/v1/pods').filter((r) => r.status === 429)).toHaveLength(1);
    sim.control.clearFaults();
  });

  it('429 without Retry-After: retried with backoff, then the poller backs off exponentially', async () => {
    const term = await start(createFetchers(healthy));
    sim.control.clearRequests();
    sim.control.injectFault({ path: '/api/v1/pods', count: 3 * (1 + RETRY_LIMIT), fault: { status: 429 } });
    await expectStale(term, /rate limit reached \(429\)$|rate limit reached \(429\) ·/);
    await expectRecovered(term);
    const tries = requestsTo('/api/v1/pods');
    const failed = tries.filter((r) => r.status === 429);
    expect(failed).toHaveLength(3 * (1 + RETRY_LIMIT));
    // Poll k + 1 starts after the k-th consecutive failure's delay: at least 75% of min(cap, interval × 2^k).
    const pollStarts = [3, 6].map((i) => failed[i]!.at);
    const pollEnds = [2, 5].map((i) => failed[i]!.at);
    pollStarts.forEach((at, k) => {
      const minimum = minimumDelay(true, k + 1, ONE_TAB);
      expect(at - pollEnds[k]!, `gap after failure ${k + 1}`).toBeGreaterThanOrEqual(minimum - 5);
    });
  });
});

describe('a 60-second outage at the default interval', () => {
  /**
   * The bound, from the policy (src/data/polling.ts nextPollDelay) and the
   * HTTP layer's retryLimit 2. After the n-th consecutive failure the next
   * poll waits at least d(n) = max(base, 0.75 × min(cap, base × 2^n)): jitter
   * never shortens a step below 75%, and a Retry-After only lengthens it. In
   * units of the interval I (5 s, here 50 ms), with cap 12 I and an outage
   * of T = 12 I (60 s):
   *
   *   visible tab, base I:   polls at 0, 1.5, 4.5, 10.5 (next 19.5 > 12)  → 4 polls
   *   hidden tabs, base 3 I: polls at 0, 4.5 (next 13.5 > 12)            → 2 polls each
   *
   * Each failing poll is one first-page request tried 1 + 2 times (a failed
   * pod list sends no status request), so at most
   *
   *   3 × (4 + 3 × 2) = 30 requests during the outage,
   *
   * against 3 × (12 + 3 × 4) = 72 for a poller that ignored failures. This
   * holds however slow the machine: slowness only lengthens the gaps.
   */
  const OUTAGE_MS = 60_000 / SCALE;
  const BOUND = (1 + RETRY_LIMIT) * (4 + 3 * 2);

  /** Every endpoint has been asked, and has answered, after request `seq`. */
  const everyEndpointPolledAfter = (seq: number): Promise<void> => {
    const waiting = () => API_PATHS.filter((path) => !requestsTo(path).some((r) => r.seq > seq && r.status === 200));
    return until(
      () => waiting().length === 0,
      () => `a poll of every endpoint (not polled again: ${waiting().join(', ')})`,
    );
  };

  /**
   * Every tab has data and has polled once more; then all four endpoints
   * answer 503 for the outage: OUTAGE_MS, and on a machine too busy for
   * every tab to have tried within it, until every one has (the requests of
   * the first OUTAGE_MS are what the bound counts). Returns what the screen
   * showed, and when the outage started and ended.
   */
  async function outage(term: VirtualTerminal): Promise<{ screens: string[]; started: number; end: number }> {
    await everyEndpointPolledAfter(lastSeq());
    sim.control.clearRequests();
    for (const path of ['/api/v1/*', '/v1/*'])
      sim.control.injectFault({ path, count: 1_000_000, fault: { status: 503 } });
    const started = Date.now();
    const screens: string[] = [];
    const untried = () => API_PATHS.some((path) => requestsTo(path).length === 0);
    while (Date.now() - started < OUTAGE_MS || (untried() && Date.now() - started < 10_000)) {
      await term.settle();
      screens.push(term.screen());
      await sleep(20);
    }
    sim.control.clearFaults();
    return { screens, started, end: Date.now() };
  }

  it(`sends at most ${BOUND} requests and keeps the last good data on screen throughout`, async () => {
    // The bound's arithmetic, from the policy itself rather than copied numbers.
    const pollsWithin = (visible: boolean): number => {
      let t = 0;
      let polls = 0;
      for (let failures = 1; t < OUTAGE_MS; failures++) {
        polls++;
        t += minimumDelay(visible, failures, POLICY);
      }
      return polls;
    };
    expect((1 + RETRY_LIMIT) * (pollsWithin(true) + 3 * pollsWithin(false))).toBe(BOUND);

    const term = await start(createFetchers(healthy), POLICY);
    const { screens, started } = await outage(term);
    const failed = sim.control.requests().filter((r) => r.status === 503);
    const during = failed.filter((r) => r.at - started <= OUTAGE_MS);
    expect(during.length, `requests during the outage: ${during.map((r) => r.path).join(' ')}`).toBeLessThanOrEqual(
      BOUND,
    );
    // Every endpoint was tried (an outage, not a stopped poller), the visible one no more than its share.
    for (const path of API_PATHS) expect(requestsTo(path, failed).length, path).toBeGreaterThan(0);
    expect(requestsTo('/api/v1/pods', during).length).toBeLessThanOrEqual((1 + RETRY_LIMIT) * 4);

    // On screen throughout: the rows, never a "Loading" or an empty table, never a flash.
    for (const screen of screens) {
      expect(screen).toContain(visiblePod);
      expect(screen).not.toMatch(/Loading|No pods/);
      expect(flashLine(screen).trim()).toBe('');
    }
    // Once the error was shown it stayed until the end of the outage: no flapping.
    const firstError = screens.findIndex((s) => s.includes('(stale)'));
    expect(firstError).toBeGreaterThanOrEqual(0);
    expect(
      screens
        .slice(firstError)
        .every((s) =>
          /^ ✕ Prime Intellect API server error \(503\): Injected fault: Service Unavailable · showing data from .* \(stale\)$/.test(
            messageLine(s),
          ),
        ),
    ).toBe(true);
  });

  it('recovers on its own after the outage: every endpoint is polled again, the stale marker goes', async () => {
    const term = await start(createFetchers(healthy), POLICY);
    await outage(term);
    // Every endpoint is asked again and answers. (That the next poll after a failure comes within
    // one full backoff step, the cap, is nextPollDelay's: test/hardening/backoff.property.test.ts.)
    await everyEndpointPolledAfter(lastSeq());
    await expectRecovered(term);
    // Quiet: back to live, and it stays so through another poll of every endpoint.
    await everyEndpointPolledAfter(lastSeq());
    await term.settle();
    expect(messageLine(term.screen()).trim()).toBe('');
    expect(term.screen()).toMatch(/● live/);
  });
});

describe('the message line on a narrow terminal', () => {
  it('wraps a long message onto the lines it needs, the stale marker and the age at its end', async () => {
    const term = await start(createFetchers(healthy), ONE_TAB, 60);
    sim.control.injectFault({ path: '/api/v1/pods', count: 1, fault: { body: 'wrong-shape' } });
    const screen = await waitForScreen(term, (s) => messageLine(s).includes('✕'), 8000);
    const lines = screen.split('\n');
    const first = lines.findIndex((line) => line.startsWith(' ✕'));
    expect(lines[first]).toMatch(/^ ✕ Prime Intellect API sent a bad/);
    expect(lines[first + 1]).toMatch(/^ {3}\S/);
    expect(messageLine(screen)).toMatch(/^ ✕ .* · showing data from \d\d:\d\d:\d\d \(stale\)$/);
    expect(messageLine(screen)).not.toContain('…');
    expect(screen).toContain(visiblePod);
  });
});
