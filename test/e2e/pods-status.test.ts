/**
 * Pods as `prime pods status` shows them, end to end: the built CLI in a
 * real pseudo-terminal against the simulator. A pod up and still installing
 * reads INSTALLING (the official client's rule), a filter finds it, and the
 * end of its installation is a transition like any other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { lineWith, openCloudtop } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 23, counts: { pods: 6, disks: 2, sandboxes: 0, nodes: 0 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());

const minutesAgo = (minutes: number) => new Date(sim.control.now() - minutes * 60_000).toISOString();

describe('an installing pod', () => {
  it('shows INSTALLING, is found by status:installing, and INSTALLING → ACTIVE is a transition', async () => {
    const installing = sim.control.add('pods', {
      name: 'qq-installing',
      status: 'ACTIVE',
      installationStatus: 'ACTIVE',
      installationProgress: 45,
      sshConnection: 'root@10.1.2.3 -p 22',
      createdAt: minutesAgo(3),
    });
    const others = sim.control.list('pods').filter((pod) => pod.id !== installing.id && typeof pod.name === 'string');
    term = openCloudtop(sim, ['--tab', 'pods', '--highlight', '60']);
    await term.waitFor((s) => lineWith(s, 'qq-installing').includes('INSTALLING'), { timeoutMs: 10_000 });

    term.write('/status:installing\r');
    const filtered = await term.waitFor(/\/status:installing · 1 of \d+/i);
    expect(lineWith(filtered, 'qq-installing')).toContain('INSTALLING');
    for (const other of others) expect(filtered).not.toContain(other.name);
    term.press('escape');
    await term.waitFor((s) => !/\/status:/i.test(s));

    // The installation finishes: the API says FINISHED, 100%.
    sim.control.setStatus('pods', installing.id, 'ACTIVE');
    // The new status whole; the old one may give way when the columns have no room to spare.
    await term.waitFor((s) => /INSTA(LLING|L?L?…) → ACTIVE/.test(lineWith(s, 'qq-installing')), { timeoutMs: 5_000 });
    term.press('e');
    expect(await term.waitFor(/Events/)).toMatch(/pod\s+qq-installing\s+INSTALLING → ACTIVE/);
  });
});
