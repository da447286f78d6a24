/**
 * Money and identity as `prime wallet` and `prime whoami` show them, end to
 * end: the built CLI in a real pseudo-terminal against the simulator. The
 * wallet's billing rows in a pane of their own, by the names the lists know;
 * what they billed a pod in its detail; a last hour that billed other than
 * the rate, said beside it; and a key that may not write pods, whose delete
 * is not offered, with the reason, in the footer, the help and on `D`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amount } from '../../src/billing/money-detail.js';
import type { BillingEntry } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { lineWith, openCloudtop, selectRow } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 31, counts: { pods: 6, disks: 3, sandboxes: 0, nodes: 0 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());

const FULL = sim.control.whoami().data.scope;
beforeEach(() => {
  sim.control.setScope(FULL);
  sim.control.clearFaults();
});

async function billingRows(): Promise<BillingEntry[]> {
  const response = await fetch(`${sim.url}/api/v1/billing/wallet?limit=100`, {
    headers: { authorization: `Bearer ${sim.primeKey}` },
  });
  return ((await response.json()) as { recent_billings: BillingEntry[] }).recent_billings;
}

describe('the wallet', () => {
  it("shows the wallet's billings by name ($ and :wallet), what they billed a pod in its detail, and a last hour that differs from the rate", async () => {
    // A pod up since the simulator started: the rows made up before start do not have it, so the last hour billed less.
    sim.control.add('pods', { name: 'zz-new-expensive', status: 'ACTIVE', priceHr: 60 });
    const rows = await billingRows();
    const top = rows.find((row) => row.resource_type === 'compute' && sim.control.get('pods', row.resource_id!)?.name)!;
    const pod = sim.control.get('pods', top.resource_id!)!;
    term = openCloudtop(sim, ['--tab', 'pods']);
    const header = await term.waitFor(/\(billed \$[\d,.]+ last hour\)/, { timeoutMs: 10_000 });
    expect(header.split('\n')[0]).toMatch(/\$[\d,.]+\/hr \(billed \$[\d,.]+ last hour\)/);

    term.press('$');
    const pane = await term.waitFor(/Billing rows\s+the newest \d+ of \d+/);
    expect(pane).toMatch(/Balance\s+\$[\d,.]+ USD/);
    expect(pane).toMatch(/Last hour\s+\$[\d,.]+ billed, less than the \$[\d,.]+\/hr the lists add up to/);
    expect(lineWith(pane, `pod ${pod.name}`)).toContain(amount(top.amount_usd));
    term.press('escape');
    await term.waitFor((s) => !s.includes('Billing rows'));
    term.write(':wallet\r');
    await term.waitFor(/The wallet \(/);
    term.press('escape');

    const billed = rows.filter((row) => row.resource_id === pod.id).reduce((sum, row) => sum + row.amount_usd, 0);
    await selectRow(term, pod.name!);
    term.press('enter');
    expect(await term.waitFor(/Billed so far/)).toMatch(
      new RegExp(`Billed so far\\s+\\${amount(billed)} in (all|the billing rows read)`),
    );
  });
});

describe('a key that may not write pods', () => {
  it('is not offered D on pods, and the footer, the help and D say why; it is on disks', async () => {
    sim.control.setScope({ ...FULL, instances: { read: true, write: false } });
    sim.control.clearRequests();
    term = openCloudtop(sim, ['--tab', 'pods']);
    const footer = await term.waitFor(/D: this key is read-only for pods/, { timeoutMs: 10_000 });
    expect(footer).not.toContain('D delete');
    term.press('D');
    await term.waitFor(/Deleting is not offered: this key is read-only for pods/);
    expect(sim.control.requests().some((request) => request.method === 'DELETE')).toBe(false);
    term.press('?');
    expect(await term.waitFor(/Not offered \(this key is read-only for pods\)/)).toMatch(/D \/ Ctrl-D\s+Not offered/);
    term.press('escape');
    term.write(':whoami\r');
    const whoami = await term.waitFor(/cloudtop offers/);
    expect(whoami).toMatch(/Permissions\s+instances: read only/);
    expect(whoami).toMatch(/delete pods: no, this key is read-only for pods/);
    term.press('escape');
    term.press('1');
    const footerLine = (screen: string): string => screen.trimEnd().split('\n').at(-1) ?? '';
    expect(footerLine(await term.waitFor((s) => footerLine(s).includes('D delete')))).not.toContain('read-only');
  });

  it('changes nothing when whoami fails: D is offered, and the API decides', async () => {
    sim.control.setScope({ ...FULL, instances: { read: true, write: false } });
    sim.control.injectFault({ path: '/api/v1/user/whoami', count: 100, fault: { status: 500 } });
    term = openCloudtop(sim, ['--tab', 'pods']);
    await term.waitFor(/3 Pods \d/, { timeoutMs: 10_000 });
    term.write(':whoami\r');
    expect(await term.waitFor(/Whoami\s+could not be read/, { timeoutMs: 10_000 })).toMatch(/nothing is withheld/);
    term.press('escape');
    const screen = await term.waitFor((s) => !s.includes('Whoami'));
    expect(screen.trimEnd().split('\n').at(-1)).toContain('D delete');
  });
});
