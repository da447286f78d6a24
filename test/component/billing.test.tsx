/**
 * What the dashboard says about money, rendered as a person sees it: the
 * burn rate and wallet in the header, a filtered tab's own total, the
 * history tab's cost, the rate's changes as events, and nothing about the
 * wallet when it cannot be read. Expected figures are worked out by hand.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/errors.js';
import type { Wallet } from '../../src/api/prime/account.js';
import type { Pod } from '../../src/api/prime/schemas.js';
import { App, type AppProps } from '../../src/ui/App.js';
import { createQueryClient } from '../../src/data/queries.js';
import type { Notifier } from '../../src/terminal/notify.js';
import { memoryFetchers, pod } from '../helpers/fixtures.js';
import { KEYS, renderInTerminal, waitForScreen, type VirtualTerminal } from '../helpers/virtual-terminal.js';

let vt: VirtualTerminal | undefined;
afterEach(() => vt?.unmount());

const wallet = (balance: number) => async (): Promise<Wallet> => ({
  wallet_id: 'w-1',
  team_id: null,
  balance_usd: balance,
  currency: 'USD',
  total_billings: 0,
  recent_billings: [],
});

function start(pods: Pod[], extra: Partial<AppProps> = {}, columns = 140) {
  const data = { pods };
  vt = renderInTerminal(
    <QueryClientProvider client={createQueryClient()}>
      <App
        fetchers={memoryFetchers(data)}
        source={{ demo: false, description: 'team acme · api.example.com' }}
        policy={{ intervalMs: 60_000, hiddenFactor: 3, maxBackoffMs: 60_000 }}
        initialTab="pods"
        {...extra}
      />
    </QueryClientProvider>,
    { columns, rows: 30 },
  );
  return { term: vt, data };
}

// Pod a runs at $19.92; pod b is stopped and bills its stopped price, $0.06; the fixture's
// active disk bills $0.05 and its provisioning one nothing: $20.03 an hour in all.
const PODS = () => [
  pod('a', { priceHr: 19.92 }),
  pod('b', { status: 'STOPPED', priceHr: 9.91, stoppedPriceHr: 0.06, sshConnection: null }),
];
const titleLine = (screen: string) => screen.split('\n')[0] ?? '';
const tabLine = (screen: string) => screen.split('\n')[1] ?? '';

describe('money in the dashboard', () => {
  it('shows the burn rate, the balance and how long it lasts', async () => {
    // $1,204.50 / $20.03 an hour = 60.13 hours: 2 days 12 hours.
    const { term } = start(PODS(), { wallet: wallet(1204.5) });
    const screen = await waitForScreen(term, /≈ 2d12h left/);
    expect(titleLine(screen)).toMatch(/\$20\.03\/hr · \$1,204\.50 ≈ 2d12h left · updated/);
    // The tab's own total: what the pods bill, without the disk.
    expect(tabLine(screen)).toMatch(/\$19\.98\/hr · terminated hidden \(a\)\s*$/);
    // Each row's $/HR is what it bills now: the stopped pod at its stopped price.
    expect(screen.split('\n').find((line) => line.includes('pod-b'))).toContain('$0.06');
  });

  it("totals a filtered tab's rows: what does this subset cost", async () => {
    const { term } = start(PODS(), { wallet: wallet(1204.5) });
    await waitForScreen(term, 'pod-b');
    term.type('/');
    term.type('pod-a');
    term.type(KEYS.enter);
    const screen = await waitForScreen(term, /1 of 2/);
    expect(tabLine(screen)).toMatch(/\/pod-a · 1 of 2 · \$19\.92\/hr · terminated hidden \(a\)/);
    // The header's rate is the account's, whatever the filter.
    expect(titleLine(screen)).toContain('$20.03/hr');
  });

  it('tells a change of the rate as an event with the difference', async () => {
    const { term, data } = start(PODS(), { wallet: wallet(1204.5), highlightMs: 60_000 });
    await waitForScreen(term, /\$20\.03\/hr/);
    data.pods = [pod('a', { priceHr: 19.92 }), pod('b', { status: 'ACTIVE', priceHr: 9.91, stoppedPriceHr: 0.06 })];
    term.type('r');
    term.type('e');
    // 19.92 + 9.91 + 0.05 = 29.88: up by 9.85.
    const screen = await waitForScreen(term, /burn rate\s+\$20\.03\/hr → \$29\.88\/hr \(\+\$9\.85\/hr\)/);
    expect(titleLine(screen)).toContain('$29.88/hr');
  });

  it('warns when the balance lasts less than a day, and notifies once when it lasts less than two hours', async () => {
    const alert = vi.fn();
    const notifier: Notifier = { failure: vi.fn(), alert };
    // $10 at $20.03 an hour: 29 minutes.
    const { term } = start(PODS(), { wallet: wallet(10), notifier });
    const screen = await waitForScreen(term, /! ≈ 29m left/);
    expect(titleLine(screen)).toContain('$10.00 ! ≈ 29m left');
    term.type('r');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alert).toHaveBeenCalledTimes(1);
    expect(alert.mock.calls[0]?.[0]).toBe('the wallet ($10.00) runs out in about 29m at $20.03/hr');
  });

  it('shows nothing about the wallet when the key may not read it, and no error either', async () => {
    const refused = async (): Promise<Wallet> => {
      throw new ApiError({
        kind: 'forbidden',
        api: 'Prime Intellect',
        status: 403,
        message: 'Prime Intellect API: the key may not do this (403)',
      });
    };
    const { term } = start(PODS(), { wallet: refused });
    const screen = await waitForScreen(term, /\$20\.03\/hr/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = term.screen();
    expect(titleLine(after)).not.toMatch(/left|\$1,|balance/);
    expect(after.split('\n')[2]?.trim()).toBe('');
    expect(screen).not.toContain('403');
  });

  it('narrows the money to the rate on a narrow terminal, keeping the account visible', async () => {
    const { term } = start(PODS(), { wallet: wallet(1204.5) }, 80);
    const screen = await waitForScreen(term, /\$20\.03\/hr/);
    expect(titleLine(screen)).toMatch(/^ cloudtop {2}team acme · api\.example\.com\s+\$20\.03\/hr · \S+ · ● live/);
  });
});

describe('the History tab', () => {
  it('lists ended pods newest first with what each cost, totals what is in view, and answers "what did this week cost"', async () => {
    const { term } = start(PODS());
    await waitForScreen(term, 'pod-b');
    term.type('5');
    // $59.76 + $0.80.
    let screen = await waitForScreen(term, /\$60\.56 spent/);
    expect(screen).toMatch(/NAME.*GPU\s+PROVIDER\s+\$\/HR\s+STARTED\s+RAN\s+ENDED▲\s+COST/);
    const lines = screen.split('\n');
    const first = lines.findIndex((line) => line.includes('finetune-run-3'));
    expect(first).toBeGreaterThan(0);
    expect(lines.findIndex((line) => line.includes('notebook'))).toBeGreaterThan(first);
    expect(lines[first]).toMatch(/H100_80GB×8\s+runpod\s+\$19\.92\s+1d3h\s+3h\s+1d\s+\$59\.76/);
    expect(tabLine(screen)).not.toContain('terminated hidden');
    term.type('/');
    term.type('since:7d');
    term.type(KEYS.enter);
    screen = await waitForScreen(term, /1 of 2/);
    expect(tabLine(screen)).toMatch(/\/since:7d · 1 of 2 · \$59\.76 spent/);
    expect(screen).not.toContain('notebook');
  });
});
