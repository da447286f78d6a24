/**
 * Command mode, a team switch and what one run leaves for the next, end to
 * end: the built CLI in a real pseudo-terminal against the simulator.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIM_TEAMS } from '../../src/sim/catalog.js';
import { simulatorForFile } from '../helpers/sim.js';
import { openCloudtop, selectedLine } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 21, counts: { pods: 4, disks: 3, sandboxes: 40, nodes: 2 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());
beforeEach(() => sim.control.clearRequests());
const states = mkdtempSync(join(tmpdir(), 'cloudtop-e2e-remembered-'));
afterAll(() => rmSync(states, { recursive: true, force: true }));

const ENDED = ['TERMINATED', 'TIMEOUT'];
const research = SIM_TEAMS[0]!;
const lineOf = (screen: string, index: number) => screen.split('\n')[index] ?? '';

describe('command mode', () => {
  it('switches team without a restart: the new team from scratch, marks and the selection let go, no changes reported for the switch', async () => {
    const all = sim.control.list('sandboxes').filter((sandbox) => !ENDED.includes(sandbox.status));
    const theirs = all.filter((sandbox) => sandbox.teamId === research.teamId);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.length).toBeLessThan(all.length);

    term = openCloudtop(sim, ['--tab', 'sandboxes']);
    await term.waitFor(`2 Sandboxes ${all.length}`, { timeoutMs: 10_000 });
    term.press('space');
    await term.waitFor((s) => selectedLine(s).startsWith('›✓'));
    term.press('e');
    await term.waitFor('No changes yet');

    term.write(':team re');
    await term.waitFor(' :team re');
    term.press('tab');
    await term.waitFor(' :team research');
    term.press('enter');
    const screen = await term.waitFor(`2 Sandboxes ${theirs.length}`);
    expect(lineOf(screen, 0)).toContain('team research');
    expect(screen).toContain('Now polling team research');
    // No row keeps a mark (the gutter's ✓) made on the other team's list.
    expect(
      screen
        .split('\n')
        .slice(3, -2)
        .some((line) => /^.✓/.test(line)),
    ).toBe(false);
    // The rows that belong to other teams left with the switch, not as "gone" events.
    expect(screen).toContain('No changes yet');
    const asked = sim.control
      .requests()
      .filter((request) => request.path === '/api/v1/sandbox' && request.method === 'GET');
    expect(asked.at(-1)?.query.team_id).toEqual([research.teamId]);

    // And back to the personal account.
    term.write(':team -\r');
    await term.waitFor(`2 Sandboxes ${all.length}`);
    expect(lineOf(term.screen(), 0)).not.toContain('team research');
    term.press('q');
    expect(await term.waitForExit()).toBe(0);
  });

  it('moves between tabs by name, and says in one line what it does not know, changing nothing', async () => {
    term = openCloudtop(sim, ['--tab', 'pods']);
    await term.waitFor(/3 Pods \d+/, { timeoutMs: 10_000 });
    term.write(':dk\r');
    await term.waitFor(/Disks.*\n.*\n\s+NAME.*SIZE/);
    await term.waitFor(/6 Availability \d/, { timeoutMs: 10_000 });
    const before = term.screen().split('\n').slice(1, -2).join('\n');
    term.write(':podz\r');
    const after = await term.waitFor('unknown command :podz (try :help)');
    expect(after.split('\n').slice(1, -2).join('\n')).toBe(before);
    term.write(':ctx nowhere\r');
    await term.waitFor('No saved context named nowhere (saved: production)');
    term.write(':q\r');
    expect(await term.waitForExit()).toBe(0);
  });
});

describe('remembered between runs', () => {
  it('starts where the last run left off: tab, filter, sort and the events panel; --fresh does not', async () => {
    const stateHome = join(states, 'one');
    const env = { XDG_STATE_HOME: stateHome };
    term = openCloudtop(sim, [], { env });
    await term.waitFor(/3 Pods \d+/, { timeoutMs: 10_000 });
    term.write(':disks\r');
    await term.waitFor(/SIZE/);
    term.write('/status:active\r');
    await term.waitFor('/status:ACTIVE');
    term.write(':sort size desc\r');
    await term.waitFor(/SIZE▼/);
    term.press('e');
    await term.waitFor('Events');
    term.press('q');
    expect(await term.waitForExit()).toBe(0);

    term = openCloudtop(sim, [], { env });
    let screen = await term.waitFor(/SIZE▼/, { timeoutMs: 10_000 });
    expect(screen).toContain('/status:ACTIVE');
    expect(screen).toContain('Events');
    // The command history came back too.
    term.write(':');
    term.press('up');
    await term.waitFor(' :sort size desc');
    term.press('escape');
    term.press('q');
    expect(await term.waitForExit()).toBe(0);

    term = openCloudtop(sim, ['--fresh'], { env });
    screen = await term.waitFor(/3 Pods \d+/, { timeoutMs: 10_000 });
    expect(screen).not.toContain('Events');
    expect(screen).toMatch(/GPU/);
    term.press('q');
    expect(await term.waitForExit()).toBe(0);
  });

  it('a damaged state file is ignored with a warning, never a crash', async () => {
    const stateHome = join(states, 'damaged');
    mkdirSync(join(stateHome, 'cloudtop'), { recursive: true });
    writeFileSync(join(stateHome, 'cloudtop', 'state.json'), '{"version": 1, "tab": ');
    term = openCloudtop(sim, [], { env: { XDG_STATE_HOME: stateHome } });
    const screen = await term.waitFor(/3 Pods \d+/, { timeoutMs: 10_000 });
    expect(screen).toContain('ignoring the remembered state in');
    term.press('q');
    expect(await term.waitForExit()).toBe(0);
  });
});
