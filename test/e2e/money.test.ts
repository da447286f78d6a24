/**
 * "What am I spending, for how long can I keep it up, and what did last week
 * cost", end to end: the built CLI in a real pseudo-terminal against the
 * simulator, and the figures on screen checked against the simulator's own
 * bills and the raw history, summed here.
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { dollars, perHour } from '../../src/views/format.js';
import { simulatorForFile } from '../helpers/sim.js';
import { envFor, openCloudtop } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 19, counts: { pods: 10, disks: 4, sandboxes: 0, nodes: 0 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function history(): Promise<{ terminatedAt: string; totalBilledPrice: number }[]> {
  const response = await fetch(`${sim.url}/api/v1/pods/history?limit=100`, {
    headers: { authorization: `Bearer ${sim.primeKey}` },
  });
  return ((await response.json()) as { data: { terminatedAt: string; totalBilledPrice: number }[] }).data;
}

describe('money', () => {
  it('shows the burn rate and a short runway in the header, and --notify tells of it once', async () => {
    const { burnRate } = sim.control.wallet();
    // An hour and a half left: below the two hours that --notify tells of.
    sim.control.setBalance(burnRate * 1.5);
    term = openCloudtop(sim, ['--notify']);
    const screen = await term.waitFor(/left · updated/, { timeoutMs: 10_000 });
    const title = screen.split('\n')[0] ?? '';
    expect(title).toContain(perHour(burnRate));
    expect(title).toMatch(new RegExp(`${dollars(burnRate * 1.5).replace(/[$.]/g, '\\$&')} ! ≈ 1h(29|30)m left`));
    await term.waitFor(() => term!.output().toString('utf8').includes('\u001b]9;cloudtop: the wallet ('));
    const notifications = term
      .output()
      .toString('utf8')
      .match(/\u001b\]9;cloudtop: the wallet \(\$[\d,.]+\) runs out in about 1h(29|30)m at \$[\d,.]+\/hr\u0007/g);
    expect(notifications).toHaveLength(1);
    term.press('q');
    expect(await term.waitForExit()).toBe(0);
  });

  it('answers what the history cost, and what this week cost, on the History tab', async () => {
    const entries = await history();
    const now = Date.now();
    const all = entries.reduce((sum, entry) => sum + entry.totalBilledPrice, 0);
    const week = entries.filter((entry) => Date.parse(entry.terminatedAt) >= now - 7 * DAY);
    const weekCost = week.reduce((sum, entry) => sum + entry.totalBilledPrice, 0);
    expect(week.length).toBeGreaterThan(0);
    expect(week.length).toBeLessThan(entries.length);

    term = openCloudtop(sim, ['--tab', 'history']);
    await term.waitFor(`${dollars(all)} spent`, { timeoutMs: 10_000 });
    term.write('/since:7d\r');
    const screen = await term.waitFor(`${week.length} of ${entries.length} · ${dollars(weekCost)} spent`);
    expect(screen).toMatch(/ENDED▲\s+COST/);
    term.press('q');
    expect(await term.waitForExit()).toBe(0);
  });

  it('prints the history for scripts with --once --tab history', async () => {
    const entries = await history();
    const { status, stdout } = await new Promise<{ status: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/cloudtop.js', '--once', '--tab', 'history'], {
        env: { ...process.env, ...envFor(sim), CI: undefined },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
      child.once('error', reject);
      child.once('close', (code) => resolve({ status: code, stdout: out }));
    });
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+GPU\s+.*COST$/);
    expect(lines).toHaveLength(entries.length + 1);
  });
});
