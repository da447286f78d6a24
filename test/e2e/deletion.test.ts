/**
 * Deleting pods from the keyboard, checked against what the simulator
 * received: exactly the DELETEs the dialog named, never a second one, none
 * on cancel, and failures shown without losing the pod.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { lineWith, nextPoll, openCloudtop, selectRow, selectedLine } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 21, counts: { pods: 14, disks: 3, sandboxes: 3, nodes: 3 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());
beforeEach(() => {
  sim.control.clearRequests();
  sim.control.clearFaults();
});

type PodWire = { id: string; name: string | null; status: string };
const activePods = () =>
  (sim.control.list('pods') as PodWire[])
    .filter(
      (p): p is PodWire & { name: string } => p.status === 'ACTIVE' && typeof p.name === 'string' && p.name.length < 22,
    )
    .sort((a, b) => a.name.localeCompare(b.name));
const deletes = () => sim.control.requests().filter((r) => r.method === 'DELETE');

async function openOnPods(args: string[] = []): Promise<PtySession> {
  term = openCloudtop(sim, args);
  await term.waitFor(/3 Pods \d+/, { timeoutMs: 10_000 });
  await term.waitFor((s) => selectedLine(s) !== '');
  return term;
}

describe('deleting pods', () => {
  it('deletes the selected pod with exactly one DELETE carrying the key, even when y is pressed again', async () => {
    const session = await openOnPods();
    const victim = activePods()[0]!;
    await selectRow(session, victim.name);
    session.press('D');
    const dialog = await session.waitFor(/Delete pod/);
    expect(dialog).toContain(victim.name);
    expect(dialog).toContain(victim.id);
    expect(dialog).toMatch(/› \[ Cancel \]/);
    session.press('y', 'y', 'D', 'y');
    await session.waitFor(`Deleted pod ${victim.name}`);
    await nextPoll(sim, '/api/v1/pods');
    expect(deletes()).toEqual([expect.objectContaining({ path: `/api/v1/pods/${victim.id}`, auth: 'valid' })]);
    await session.waitFor(
      (s) => /DELETING|TERMINATED|gone/.test(lineWith(s, victim.name)) || !s.includes(victim.name),
      { timeoutMs: 5000 },
    );
  });

  it('opens with D or Ctrl-D and sends nothing when cancelled with Esc, n, or Enter on Cancel', async () => {
    const session = await openOnPods();
    for (const [open, cancel] of [
      ['ctrlD', 'escape'],
      ['D', 'n'],
      ['D', 'enter'],
    ] as const) {
      session.press(open);
      await session.waitFor(/Delete pod/);
      session.press(cancel);
      await session.waitFor((s) => !s.includes('Delete pod'));
    }
    await nextPoll(sim, '/api/v1/pods');
    expect(deletes()).toEqual([]);
  });

  it('deletes exactly the two marked pods', async () => {
    const session = await openOnPods();
    const [first, second] = activePods().slice(-2);
    await selectRow(session, first!.name);
    session.press('space');
    await session.waitFor((s) => selectedLine(s).startsWith('›✓'));
    await selectRow(session, second!.name);
    session.press('space');
    await session.waitFor((s) => selectedLine(s).startsWith('›✓'));
    session.press('D');
    const dialog = await session.waitFor(/Delete 2 pods\?/);
    expect(dialog).toContain(first!.name);
    expect(dialog).toContain(second!.name);
    session.press('tab', 'enter');
    await session.waitFor('Deleted 2 pods');
    await nextPoll(sim, '/api/v1/pods');
    expect(
      deletes()
        .map((r) => r.path)
        .sort(),
    ).toEqual([`/api/v1/pods/${first!.id}`, `/api/v1/pods/${second!.id}`].sort());
  });

  it('leaves the pod in place and says why when the API refuses (403)', async () => {
    const session = await openOnPods();
    const victim = activePods()[0]!;
    await selectRow(session, victim.name);
    sim.control.injectFault({ method: 'DELETE', path: `/api/v1/pods/${victim.id}`, count: 1, fault: { status: 403 } });
    session.press('D');
    await session.waitFor(/Delete pod/);
    session.press('y');
    const screen = await session.waitFor(/Could not delete pod/);
    expect(screen).toMatch(/needs Instances → Read and Write/);
    expect(lineWith(screen, victim.name)).toContain('ACTIVE');
    await nextPoll(sim, '/api/v1/pods');
    expect(deletes()).toHaveLength(1);
    expect(sim.control.get('pods', victim.id)).toMatchObject({ status: 'ACTIVE' });
  });

  it('deletes the pod named in the dialog even when a poll re-sorts the list while it is open', async () => {
    const session = await openOnPods();
    const [victim, other] = activePods();
    await selectRow(session, victim!.name);
    session.press('D');
    await session.waitFor(/Delete pod/);
    // While the dialog is open: a new pod sorts in above, and the victim's neighbour leaves.
    sim.control.add('pods', { name: '0000-sorts-first', status: 'ACTIVE' });
    sim.control.remove('pods', other!.id);
    // The first poll after the change brings it; once the next one is sent, the first's list is in the table.
    await nextPoll(sim, '/api/v1/pods');
    await nextPoll(sim, '/api/v1/pods');
    expect(session.screen()).toContain(victim!.name);
    session.press('y');
    await session.waitFor(`Deleted pod ${victim!.name}`);
    await nextPoll(sim, '/api/v1/pods');
    expect(deletes().map((r) => r.path)).toEqual([`/api/v1/pods/${victim!.id}`]);
  });

  it('acts on every key of one read, in order, even across a tab switch: `3jD` opens the dialog for the second pod', async () => {
    term = openCloudtop(sim, ['--tab', 'disks']);
    const session = term;
    await session.waitFor(/1 Disks \d+ .*3 Pods \d+/, { timeoutMs: 10_000 });
    session.write('3jD');
    const dialog = await session.waitFor(/Delete pod (\S+)\?/);
    const name = /Delete pod (\S+)\?/.exec(dialog)![1]!;
    session.press('escape');
    const table = await session.waitFor((screen) => !/Delete pod/.test(screen) && selectedLine(screen) !== '');
    const rows = table.split('\n').filter((line) => /^[ ›][ ✓•+✗] \S/.test(line) && !/^ +NAME/.test(line));
    expect(rows[1]).toContain(name);
    expect(selectedLine(table)).toContain(name);
    expect(deletes()).toEqual([]);
  });

  it('refuses to delete with --read-only, on every tab, and on Nodes, saying why', async () => {
    const session = await openOnPods(['--read-only']);
    session.press('D');
    await session.waitFor(/Deleting is disabled: cloudtop was started with --read-only/);
    session.press('4');
    session.press('D');
    await session.waitFor(/Deleting is for disks, sandboxes and pods: press 1 for Disks/);
    session.press('2');
    session.press('D');
    await session.waitFor(/Deleting is disabled/);
    expect(deletes()).toEqual([]);
  });
});
