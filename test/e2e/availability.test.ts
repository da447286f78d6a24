/**
 * The Availability tab and watches, end to end: the built CLI in a real
 * pseudo-terminal against the simulator's GPU market (churn off: only what
 * a test sets through the control API moves). Offers poll every minute, so
 * each test asks for the next poll with `r` and, where it must know that
 * poll was read, waits for it in the simulator's request log and for a
 * change it brought to show.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GpuAvailability, OfferRecord } from '../../src/sim/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { lineWith, openCloudtop } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({
  seed: 9,
  counts: { pods: 3, disks: 1, sandboxes: 2, nodes: 2 },
  offers: { gpus: 130, multiNode: 120 },
});
let term: PtySession | undefined;
afterEach(() => term?.kill());
beforeEach(() => sim.control.clearRequests());

const stateHome = () => mkdtempSync(join(tmpdir(), 'cloudtop-e2e-state-'));
const open = (args: string[] = []) =>
  openCloudtop(sim, ['--tab', 'availability', ...args], { env: { XDG_STATE_HOME: stateHome() } });

/** Makes the `index`th offer of an endpoint the one a test watches: cheap (so it sorts to the top), in `dataCenter`. */
function mark(
  endpoint: 'gpus' | 'multi-node',
  index: number,
  dataCenter: string,
  change: Partial<GpuAvailability> = {},
): OfferRecord {
  const record = sim.control.offers(endpoint)[index]!;
  const { gpuCount } = record.offer;
  return sim.control.setOffer(record.id, {
    dataCenter,
    prices: { onDemand: 0.01 * gpuCount, communityPrice: null, isVariable: null, currency: 'USD' },
    ...change,
  })!;
}

const availabilityRequests = () => sim.control.requests().filter((r) => r.path.startsWith('/api/v1/availability/'));
const notifications = (session: PtySession) => session.oscs().filter((osc) => osc.id === 9);

describe('the Availability tab', () => {
  it('is tab 6 and lists offers from the second page of both endpoints', async () => {
    mark('gpus', 120, 'P2-SINGLE');
    mark('multi-node', 110, 'P2-CLUSTER');
    term = openCloudtop(sim, [], { env: { XDG_STATE_HOME: stateHome() } });
    await term.waitFor(/6 Availability \d+/, { timeoutMs: 10_000 });
    term.press('6');
    const screen = await term.waitFor((s) => s.includes('P2-SINGLE') && s.includes('P2-CLUSTER'), {
      timeoutMs: 10_000,
    });
    expect(screen).toMatch(/GPU .*STOCK .*\$\/HR .*\$\/GPU·HR/);
    expect(screen).toContain('6 Availability 250');
    // A stock level never ends: no "terminated hidden" for offers (the Pods tab said it a moment ago).
    expect(screen).not.toContain('terminated hidden');
    for (const path of ['/api/v1/availability/gpus', '/api/v1/availability/multi-node'])
      expect(
        availabilityRequests()
          .filter((r) => r.path === path)
          .map((r) => r.query['page']?.[0]),
      ).toEqual(expect.arrayContaining(['1', '2']));
  });

  it('shows a community-priced offer at its community price, not its on-demand one', async () => {
    mark('gpus', 3, 'COMM-DC', {
      gpuCount: 4,
      security: 'community_cloud',
      prices: { onDemand: 0.48, communityPrice: 0.12, isVariable: null, currency: 'USD' },
    });
    term = open();
    const screen = await term.waitFor((s) => s.includes('COMM-DC'), { timeoutMs: 10_000 });
    const row = lineWith(screen, 'COMM-DC');
    expect(row).toMatch(/\$0\.12\s+\$0\.03/);
    expect(row).not.toContain('$0.48');
    expect(row).toContain('community');
  });

  it('shows a stock change Low → High on the row and in the events panel', async () => {
    const offer = mark('gpus', 7, 'STOCK-DC', { stockStatus: 'Low' });
    term = open(['--highlight', '60']);
    await term.waitFor((s) => lineWith(s, 'STOCK-DC').includes('Low'), { timeoutMs: 10_000 });
    sim.control.setOffer(offer.id, { stockStatus: 'High' });
    term.press('r');
    const screen = await term.waitFor((s) => lineWith(s, 'STOCK-DC').includes('Low → High'), { timeoutMs: 10_000 });
    expect(lineWith(screen, 'STOCK-DC')).toMatch(/^.•/);
    term.press('e');
    const events = await term.waitFor(/Events/);
    expect(events).toMatch(/offer\s+\S+ \S+ STOCK-DC\s+Low → High/);
  });

  it('a watch fires one notification for an offer that comes to match it, and none while it keeps matching', async () => {
    const target = mark('gpus', 11, 'WATCH-DC', { gpuType: 'B300_262GB', stockStatus: 'Low', isSpot: null });
    const other = mark('gpus', 12, 'OTHER-DC', { stockStatus: 'Low' });
    term = open(['--notify', '--highlight', '60']);
    const session = term;
    await session.waitFor((s) => s.includes('WATCH-DC') && s.includes('OTHER-DC'), { timeoutMs: 10_000 });
    session.press(':', ...'watch gpu=B300_262GB stock:high', 'enter');
    await session.waitFor(/watch 1: gpu=B300_262GB stock:high/);

    // The offer comes to match: one event, one notification with the bell.
    sim.control.setOffer(target.id, { stockStatus: 'High' });
    session.press('r');
    await session.waitFor((s) => lineWith(s, 'WATCH-DC').includes('Low → High'), { timeoutMs: 10_000 });
    await session.flush();
    expect(notifications(session)).toHaveLength(1);
    expect(notifications(session)[0]?.data).toMatch(
      /^cloudtop: watch 1 \(gpu=B300_262GB stock:high\): offer B300_262GB×\d+ \S+ WATCH-DC matches \(High, \$/,
    );
    expect(session.output().toString('utf8')).toContain('\u0007\u001b]9;cloudtop: watch 1');

    // The next poll, read (it shows another offer's change): still matching, so nothing more.
    const polled = availabilityRequests().length;
    sim.control.setOffer(other.id, { stockStatus: 'Medium' });
    session.press('r');
    await session.waitFor((s) => lineWith(s, 'OTHER-DC').includes('Low → Medium'), { timeoutMs: 10_000 });
    expect(availabilityRequests().length).toBeGreaterThan(polled);
    await session.flush();
    expect(notifications(session)).toHaveLength(1);
    session.press('e');
    const events = await session.waitFor(/Events/);
    expect(events).toMatch(/WATCH-DC\s+matches watch 1 \(gpu=B300_262GB stock:high\)/);
  });
});
