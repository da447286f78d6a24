import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import type { Pod } from '../../src/api/prime/schemas.js';
import { App, type AppProps } from '../../src/ui/App.js';
import { createQueryClient } from '../../src/data/queries.js';
import type { Fetchers } from '../../src/data/sources.js';
import { memoryFetchers, pod } from '../helpers/fixtures.js';
import { KEYS, renderInTerminal, waitForScreen, type VirtualTerminal } from '../helpers/virtual-terminal.js';

let vt: VirtualTerminal | undefined;
afterEach(() => vt?.unmount());

function start(
  fetchers: Fetchers,
  size = { columns: 120, rows: 30 },
  demo = true,
  intervalMs = 60_000,
  extra: Partial<AppProps> = {},
) {
  const client = createQueryClient();
  vt = renderInTerminal(
    <QueryClientProvider client={client}>
      <App
        fetchers={fetchers}
        source={{
          demo,
          description: demo ? 'simulated data · to connect: export PRIME_API_KEY' : 'team acme · api.example.com',
        }}
        policy={{ intervalMs, hiddenFactor: 3, maxBackoffMs: 60_000 }}
        initialTab="pods"
        {...extra}
      />
    </QueryClientProvider>,
    size,
  );
  return vt;
}

const selectedLine = (screen: string) => screen.split('\n').find((line) => line.startsWith('›'));

describe('App', () => {
  it('shows the demo marker, four tabs with counts and the pods table', async () => {
    const data = { pods: [pod('a'), pod('b'), pod('c')] };
    const term = start(memoryFetchers(data));
    const screen = await waitForScreen(term, /3 Pods 3/);
    expect(screen).toContain('DEMO');
    expect(screen).toContain('export PRIME_API_KEY');
    expect(screen).toMatch(/1 Disks 2/);
    expect(screen).toMatch(/2 Sandboxes 1/);
    expect(screen).toMatch(/4 Nodes 1/);
    expect(screen).toMatch(/NAME.*STATUS.*GPU/);
    expect(screen).toContain('pod-a');
    expect(screen).toContain('H100_80GB×8');
    expect(screen).toMatch(/● live/);
    expect(screen).toMatch(/q quit/);
  });

  it('switches tabs with number keys, Tab and Shift-Tab', async () => {
    const term = start(memoryFetchers({ pods: [pod('a')] }));
    await waitForScreen(term, 'pod-a');
    term.type('1');
    await waitForScreen(term, 'datasets-eu-1');
    term.type(KEYS.tab);
    await waitForScreen(term, 'eval-runner-7f3a');
    term.type(KEYS.shiftTab);
    await waitForScreen(term, 'datasets-eu-1');
    term.type('4');
    const screen = await waitForScreen(term, 'fra-gpu-014');
    expect(screen).toContain('RTX4090×2 24GB');
    expect(screen).toContain('87%');
  });

  it('keeps the selected pod selected when a poll re-sorts the list', async () => {
    const data = { pods: [pod('a'), pod('b'), pod('c'), pod('d')] };
    const term = start(memoryFetchers(data));
    await waitForScreen(term, 'pod-d');
    term.type(KEYS.down);
    term.type(KEYS.down);
    expect(selectedLine(await waitForScreen(term, (s) => selectedLine(s)?.includes('pod-c') ?? false))).toContain(
      'pod-c',
    );
    // The poll brings new names that sort pod-c to the top.
    data.pods = [
      pod('a', { name: 'zeta' }),
      pod('b', { name: 'yak' }),
      pod('c', { name: 'alpha' }),
      pod('d', { name: 'xray' }),
    ];
    term.type('r');
    const screen = await waitForScreen(term, 'zeta');
    expect(selectedLine(screen)).toContain('alpha');
  });

  it('shows a vanished pod as gone for the highlight time, then selects the nearest row', async () => {
    const data = { pods: [pod('a'), pod('b'), pod('c')] };
    const term = start(memoryFetchers(data), undefined, true, 60_000, { highlightMs: 400 });
    await waitForScreen(term, 'pod-c');
    term.type(KEYS.down);
    await waitForScreen(term, (s) => selectedLine(s)?.includes('pod-b') ?? false);
    data.pods = [pod('a'), pod('c')];
    term.type('r');
    expect(await waitForScreen(term, 'ACTIVE → gone')).toMatch(/✗ pod-b/);
    const screen = await waitForScreen(term, (s) => !s.includes('pod-b'));
    expect(selectedLine(screen)).toContain('pod-c');
  });

  it('opens a detail pane with every field and the Jupyter password masked', async () => {
    const term = start(memoryFetchers({ pods: [pod('a')] }), { columns: 120, rows: 40 });
    await waitForScreen(term, 'pod-a');
    term.type(KEYS.enter);
    // What `prime pods status` shows first, then every field, a page down.
    expect(await waitForScreen(term, /Status\s+ACTIVE/)).toMatch(/GPU\s+H100_80GB x8/);
    let screen = term.screen();
    for (let i = 0; i < 8 && !screen.includes('jupyterPassword'); i++) {
      const before = screen;
      term.type(KEYS.pageDown);
      screen = await waitForScreen(term, (s) => s !== before || s.includes('jupyterPassword'));
    }
    expect(screen).toMatch(/pod pod-a \(a\)/);
    expect(screen).toMatch(/gpuName\s+H100_80GB/);
    expect(screen).not.toContain('hunter2-secret');
    expect(screen).toMatch(/jupyterPassword\s+•+/);
    term.type(KEYS.escape);
    await waitForScreen(term, (s) => !s.includes('jupyterPassword') && s.includes('pod-a'));
  });

  it('shows every key in a help that fits an 80×24 terminal, scrolling to the rest', async () => {
    const operations = { pods: { delete: async () => undefined } };
    const term = start(memoryFetchers({ pods: [pod('a')] }), { columns: 80, rows: 24 }, true, 60_000, { operations });
    await waitForScreen(term, 'pod-a');
    term.type('?');
    let screen = await waitForScreen(term, 'Move the selection');
    expect(screen).toMatch(/ Key\s+Action/);
    expect(screen).toMatch(/lines 1–\d+ of \d+ · ↑↓ scroll/);
    const seen = new Set<string>();
    for (let i = 0; i < 30 && !screen.includes('Quit, from anywhere'); i++) {
      for (const line of screen.split('\n')) seen.add(line);
      term.type(KEYS.pageDown);
      screen = await waitForScreen(term, (s) => s !== screen || s.includes('Quit, from anywhere'));
    }
    for (const line of screen.split('\n')) seen.add(line);
    const all = [...seen].join('\n');
    for (const text of [
      'Quit',
      'Refresh now',
      'Pause / resume polling',
      'Details of the selected resource',
      'Sort by the next column',
      'Mark / unmark',
      'Esc or ? closes',
    ]) {
      expect(all).toContain(text);
    }
    // Every frame kept the list whole: the hint line last, where it always is.
    expect(screen.trimEnd().split('\n').at(-3)).toMatch(/closes this help/);
    term.type('?');
    await waitForScreen(term, (s) => !s.includes('Move the selection'));
  });

  it('cycles the sort column with o and reverses it with O', async () => {
    const data = { pods: [pod('a', { name: 'bbb', priceHr: 1 }), pod('b', { name: 'aaa', priceHr: 2 })] };
    const term = start(memoryFetchers(data));
    let screen = await waitForScreen(term, (s) => s.includes('NAME▲') && s.includes('aaa'));
    expect(screen.indexOf('aaa')).toBeLessThan(screen.indexOf('bbb'));
    term.type('O');
    screen = await waitForScreen(term, 'NAME▼');
    expect(screen.indexOf('bbb')).toBeLessThan(screen.indexOf('aaa'));
    term.type('o');
    await waitForScreen(term, 'STATUS▲');
  });

  it('keeps the last good data on a failed poll and says why', async () => {
    const data = { pods: [pod('a')] };
    const fetchers = memoryFetchers(data);
    let fail = false;
    const failing: Fetchers = {
      ...fetchers,
      pods: async (signal, server) => {
        if (fail)
          throw new ApiError({
            kind: 'server',
            api: 'Prime Intellect',
            status: 502,
            message: 'Prime Intellect API server error (502)',
          });
        return fetchers.pods(signal, server);
      },
    };
    const term = start(failing);
    await waitForScreen(term, 'pod-a');
    fail = true;
    term.type('r');
    const screen = await waitForScreen(term, 'server error (502)');
    expect(screen).toContain('pod-a');
    expect(screen).toMatch(/stale/);
    expect(screen).toMatch(/retrying/);
  });

  it('polls the visible tab at the interval and hidden tabs more slowly', async () => {
    // Simulated time, so that a busy machine cannot slow the polls down.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const fetchers = memoryFetchers({ pods: [pod('a')] });
      const term = start(fetchers, { columns: 120, rows: 30 }, true, 150);
      for (let i = 0; i < 100 && !term.screen().includes('pod-a'); i++) await vi.advanceTimersByTimeAsync(10);
      expect(term.screen()).toContain('pod-a');
      const before = { pods: fetchers.calls.pods!, disks: fetchers.calls.disks! };
      for (let ms = 0; ms < 1200; ms += 50) await vi.advanceTimersByTimeAsync(50);
      const pods = fetchers.calls.pods! - before.pods;
      const disks = fetchers.calls.disks! - before.disks;
      // Every 150 ms visible, every 450 ms hidden: 8 and 2 or 3 polls in 1.2 s.
      expect(pods).toBeGreaterThanOrEqual(7);
      expect(pods).toBeLessThanOrEqual(9);
      expect(disks).toBeGreaterThanOrEqual(2);
      expect(disks).toBeLessThanOrEqual(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('pauses and resumes polling with p', async () => {
    const term = start(memoryFetchers({ pods: [pod('a')] }));
    await waitForScreen(term, 'pod-a');
    term.type('p');
    await waitForScreen(term, 'paused');
    term.type('p');
    await waitForScreen(term, '● live');
  });

  it('drops less important columns on a narrow terminal, one line per row', async () => {
    const wide = start(memoryFetchers({ pods: [pod('a')] }), { columns: 200, rows: 20 });
    expect(await waitForScreen(wide, 'pod-a')).toMatch(/SSH/);
    wide.unmount();
    const narrow = start(memoryFetchers({ pods: [pod('a')] }), { columns: 80, rows: 24 });
    const screen = await waitForScreen(narrow, 'pod-a');
    expect(screen).not.toMatch(/ SSH/);
    expect(screen.split('\n').filter((line) => line.includes('pod-a'))).toHaveLength(1);
  });

  it('names the account instead of DEMO when connected', async () => {
    const term = start(memoryFetchers({ pods: [] as Pod[] }), { columns: 120, rows: 20 }, false);
    const screen = await waitForScreen(term, 'No pods');
    expect(screen).not.toContain('DEMO');
    expect(screen).toContain('team acme');
  });
});
