/**
 * The new panes and dialogs fed hostile text, in a real pseudo-terminal: a
 * log whose lines carry the terminal takeover payload (helpers.ts), followed,
 * wrapped and searched; a multi-node pod whose connections carry it, in the
 * node choice; a disk whose name carries it, deleted by typing the name as
 * shown. One test each; in every one the raw bytes must hold nothing but
 * Ink's own sequences, and the one DELETE must be the disk's.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { nextPoll, openCloudtop, selectRow } from '../e2e/helpers.js';
import type { PtySession } from '../e2e/pty.js';
import { evil, expectCleanOutput, expectNoWrap, shown } from './helpers.js';

const sim = await simulatorForFile({ seed: 9, counts: { pods: 2, disks: 1, sandboxes: 1, nodes: 1 } });

const pod = sim.control.add('pods', {
  name: 'aa-hostile-log',
  status: 'ACTIVE',
  sshConnection: [evil('C1'), evil('C2')],
} as never);
const sandbox = sim.control.add('sandboxes', {
  name: 'aa-hostile-sandbox',
  status: 'RUNNING',
  startedAt: new Date(sim.control.now() - 60_000).toISOString(),
});
const disk = sim.control.add('disks', { name: evil('DN'), status: 'ACTIVE' });
// A log line ends at a line break, so the log's payload carries every part of it but that.
const evilLine = (tag: string): string => evil(tag).replace(/\n/g, '');
/** What is left of such a line on screen: the tags, with only spaces between (tabs are spaced out, controls gone). */
const shownLine = (tag: string): RegExp => new RegExp(`${tag}< +>${tag}`);
const hostileLog = [
  'plain first line',
  evilLine('L1'),
  `tab\there ${evilLine('L2')} ${'x'.repeat(300)} end-of-long`,
  '\u001b[31mred\u001b[0m and \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007',
  'last line',
];

let term: PtySession | undefined;
afterEach(() => term?.kill());

// Both log endpoints answer with the payload: a pod's as a list of lines, a sandbox's as {logs}.
beforeAll(() => {
  sim.control.injectFault({
    method: 'GET',
    path: `/api/v1/pods/${pod.id}/log`,
    count: 1000,
    fault: { status: 200, body: JSON.stringify(hostileLog) },
  });
  sim.control.injectFault({
    method: 'GET',
    path: `/api/v1/sandbox/${sandbox.id}/logs`,
    count: 1000,
    fault: { status: 200, body: JSON.stringify({ logs: hostileLog.join('\n') }) },
  });
});

async function openOn(tab: string, row: string): Promise<PtySession> {
  const session = openCloudtop(sim, ['--tab', tab]);
  term = session;
  await session.waitFor(row, { timeoutMs: 10_000 });
  await selectRow(session, row);
  return session;
}

/** Nothing from the data reached the terminal, while running and after quitting. */
async function expectCleanToTheEnd(session: PtySession): Promise<void> {
  expect(session.isAlternateScreen()).toBe(true);
  expectCleanOutput(session);
  session.press('q');
  expect(await session.waitForExit()).toBe(0);
  expectCleanOutput(session, { exited: true });
}

describe('hostile text in the log pane and the new dialogs', () => {
  it("shows a pod's log lines as text only: followed, wrapped and searched", async () => {
    const session = await openOn('pods', 'aa-hostile-log');
    session.press('l');
    const screen = await session.waitFor(shownLine('L1'));
    expect(screen).toContain('red and link');
    expect(screen).toContain('last line');
    expectNoWrap(session);
    session.press('w');
    await session.waitFor('end-of-long');
    expectNoWrap(session);
    session.press('/');
    session.write('L2');
    session.press('enter');
    await session.waitFor((s) => s.split('\n').some((line) => line.startsWith('› ') && line.includes('L2<')));
    session.press('escape');
    await session.waitFor((s) => !s.includes('Logs · '));
    await expectCleanToTheEnd(session);
  });

  it("shows a multi-node pod's connections as text only, in the node choice", async () => {
    const session = await openOn('pods', 'aa-hostile-log');
    session.press('s');
    const screen = await session.waitFor(/which node\?/);
    expect(screen).toContain(shown('C1').slice(0, 40));
    session.press('escape');
    await session.waitFor((s) => !s.includes('which node?'));
    await expectCleanToTheEnd(session);
  });

  it("shows a sandbox's log lines as text only", async () => {
    const session = await openOn('sandboxes', 'aa-hostile-sandbox');
    session.press('l');
    await session.waitFor(shownLine('L1'));
    session.press('escape');
    await session.waitFor((s) => !s.includes('Logs · '));
    await expectCleanToTheEnd(session);
  });

  it('deletes exactly the disk whose name was typed as shown', async () => {
    const session = await openOn('disks', 'DN<');
    session.press('D');
    await session.waitFor(/Type the disk's name/);
    session.write(shown('DN'));
    await session.waitFor('› [ Delete ]');
    session.press('enter');
    await session.waitFor(/Deleted disk/);
    await nextPoll(sim, '/api/v1/disks');
    expect(
      sim.control
        .requests()
        .filter((r) => r.method === 'DELETE')
        .map((r) => r.path),
    ).toEqual([`/api/v1/disks/${disk.id}`]);
    await expectCleanToTheEnd(session);
  });
});
