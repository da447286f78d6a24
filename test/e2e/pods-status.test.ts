/**
 * Pods as `prime pods status` shows them, end to end: the built CLI in a
 * real pseudo-terminal against the simulator. A pod up and still installing
 * reads INSTALLING (the official client's rule), a filter finds it, and the
 * end of its installation is a transition like any other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { lineWith, openCloudtop, selectRow } from './helpers.js';
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

describe("a pod's detail", () => {
  it('shows its installation failure, and its ports, asked for as `prime pods status` asks when the list has none', async () => {
    const failed = sim.control.add('pods', {
      name: 'qq-failed-install',
      status: 'ERROR',
      installationFailure: 'pip install flash-attn failed: CUDA 12.4 not found',
      createdAt: minutesAgo(20),
    });
    const up = sim.control.add('pods', { name: 'qq-serving', status: 'ACTIVE', createdAt: minutesAgo(40) });
    const ports = sim.control.get('pods', up.id)!.primePortMapping;
    expect(ports.length).toBeGreaterThan(0);
    term = openCloudtop(sim, ['--tab', 'pods', '--filter', 'qq-']);
    await term.waitFor('qq-serving', { timeoutMs: 10_000 });

    await selectRow(term, 'qq-failed-install');
    term.press('enter');
    const failure = await term.waitFor(/Installation error\s+pip install flash-attn failed: CUDA 12\.4 not found/);
    expect(failure).toMatch(/Status\s+ERROR/);
    term.press('escape');

    sim.control.clearRequests();
    await selectRow(term, 'qq-serving');
    term.press('enter');
    const [ssh] = ports;
    const detail = await term.waitFor(new RegExp(`Ports\\s+TCP:${ssh!.external}->22 \\(SSH\\)`));
    expect(detail).toMatch(/Status\s+ACTIVE/);
    const asked = sim.control.requests().map((request) => `${request.path}?${request.query.pod_ids?.join(',') ?? ''}`);
    expect(asked).toContain(`/api/v1/pods/${up.id}?`);
    expect(asked).toContain(`/api/v1/pods/status?${up.id}`);
    expect(failed.id).not.toBe(up.id);
  });
});
