/**
 * The new panes and dialogs fed hostile text, in a real pseudo-terminal: a
 * log whose lines carry the terminal takeover payload (helpers.ts), followed,
 * wrapped and searched; a multi-node pod whose connections carry it, in the
 * node choice; a disk whose name carries it, deleted by typing the name as
 * shown. The raw bytes must hold nothing but Ink's own sequences, and the
 * one DELETE must be the disk's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { openCloudtop, selectRow } from '../e2e/helpers.js';
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

describe('hostile text in the log pane and the new dialogs', () => {
  it('shows log lines, connections and names as text only, and deletes exactly the disk whose name was typed', async () => {
    // Both log endpoints answer with the payload: a pod's as a list of lines, a sandbox's as {logs}.
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
    const session = openCloudtop(sim, ['--tab', 'pods']);
    term = session;
    await session.waitFor('aa-hostile-log', { timeoutMs: 10_000 });
    await selectRow(session, 'aa-hostile-log');

    session.press('l');
    let screen = await session.waitFor(shownLine('L1'));
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

    // The node choice: both connections, as text.
    session.press('s');
    screen = await session.waitFor(/which node\?/);
    expect(screen).toContain(shown('C1').slice(0, 40));
    session.press('escape');
    await session.waitFor((s) => !s.includes('which node?'));

    // A sandbox's log, the same.
    session.press('2');
    await session.waitFor('aa-hostile-sandbox');
    await selectRow(session, 'aa-hostile-sandbox');
    session.press('l');
    await session.waitFor(shownLine('L1'));
    session.press('escape');

    // The disk: the name as shown is what must be typed; then exactly its DELETE.
    session.press('1');
    await session.waitFor('DN<');
    await selectRow(session, 'DN<');
    session.press('D');
    await session.waitFor(/Type the disk's name/);
    session.write(shown('DN'));
    await session.waitFor('› [ Delete ]');
    session.press('enter');
    await session.waitFor(/Deleted disk/);
    expect(
      sim.control
        .requests()
        .filter((r) => r.method === 'DELETE')
        .map((r) => r.path),
    ).toEqual([`/api/v1/disks/${disk.id}`]);

    expect(session.isAlternateScreen()).toBe(true);
    expectCleanOutput(session);
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
    expectCleanOutput(session, { exited: true });
  });
});
