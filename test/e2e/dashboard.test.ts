/**
 * The built CLI in a real pseudo-terminal against the simulator, as a person
 * would use it: every tab shows rows from its endpoint, the selection follows
 * a resource through a re-sorting poll, a resize leaves a clean screen, and
 * quitting restores the terminal.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { spawnCloudtop, type PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 7, counts: { pods: 30, disks: 12, sandboxes: 40, nodes: 25 } });
const env = {
  PRIME_API_KEY: sim.primeKey,
  PRIME_API_BASE_URL: sim.url,
  DISPERSED_PUBLIC_KEY: sim.dispersedKeys.publicKey,
  DISPERSED_SECRET_KEY: sim.dispersedKeys.secretKey,
  DISPERSED_BASE_URL: sim.url,
  HOME: '/nonexistent-home-for-tests',
};

let session: PtySession | undefined;
afterEach(() => session?.kill());

function open(args: string[] = [], size = { cols: 120, rows: 40 }): PtySession {
  session = spawnCloudtop(['--interval', '1', ...args], { ...size, env });
  return session;
}

type Named = { id: string; name: string | null; status: string };
/** Ended resources are hidden by default (`a` shows them). */
const listed = (kind: 'pods' | 'disks' | 'sandboxes' | 'nodes') =>
  (sim.control.list(kind) as Named[]).filter((r) => r.status !== 'TERMINATED' && r.status !== 'DELETED');
/** Listed resources whose whole name fits the NAME column at 120 columns (some have none, or long ones, by design). */
const named = (kind: 'pods' | 'disks' | 'sandboxes' | 'nodes') =>
  listed(kind).filter(
    (r): r is Named & { name: string } => typeof r.name === 'string' && r.name.length > 0 && r.name.length < 24,
  );
const names = (kind: 'pods' | 'disks' | 'sandboxes' | 'nodes') => named(kind).map((r) => r.name);
const selectedLine = (screen: string) => screen.split('\n').find((line) => line.startsWith('›')) ?? '';

beforeAll(() => sim.control.clearRequests());

describe('cloudtop in a terminal', () => {
  it('shows rows from each endpoint on each tab', async () => {
    const term = open();
    const firstPod = [...names('pods')].sort()[0]!;
    await term.waitFor(firstPod, { timeoutMs: 10_000 });
    const checks: [string, 'disks' | 'sandboxes' | 'nodes', RegExp][] = [
      ['1', 'disks', new RegExp(`1 Disks ${listed('disks').length}`)],
      ['2', 'sandboxes', new RegExp(`2 Sandboxes ${listed('sandboxes').length}`)],
      ['4', 'nodes', new RegExp(`4 Nodes ${listed('nodes').length}`)],
    ];
    for (const [key, kind, tabLabel] of checks) {
      term.press(key);
      const first = [...names(kind)].sort()[0]!;
      const screen = await term.waitFor((s) => s.includes(first) && tabLabel.test(s));
      expect(screen).toMatch(/3 Pods 30/);
    }
    const paths = new Set(sim.control.requests().map((r) => r.path));
    for (const path of ['/api/v1/pods', '/api/v1/pods/status', '/api/v1/disks', '/api/v1/sandbox', '/v1/nodes'])
      expect(paths).toContain(path);
    for (const request of sim.control.requests()) expect(request.auth).toBe('valid');
  });

  it('keeps the selection on the same pod when a poll re-sorts the list', async () => {
    const term = open();
    const target = named('pods').find((pod) => pod.status === 'ACTIVE')!;
    await term.waitFor(target.name, { timeoutMs: 10_000 });
    // Walk the selection down to the target, as a person would.
    await term.waitFor((s) => selectedLine(s) !== '');
    for (let i = 0; i < 40 && !selectedLine(term.screen()).includes(target.name); i++) {
      const before = selectedLine(term.screen());
      term.press('down');
      // One step at a time: wait until the selection has moved before looking again.
      await term.waitFor((s) => selectedLine(s) !== before);
    }
    expect(selectedLine(term.screen()), `${target.name}\n${term.screen()}`).toContain(target.name);
    // Sort by status, then move the target to a status that sorts it elsewhere.
    term.press('o');
    await term.waitFor('STATUS▲');
    expect(selectedLine(term.screen())).toContain(target.name);
    // ACTIVE sorts before ERROR, so the pod jumps past every other ACTIVE pod: a real re-sort.
    sim.control.setStatus('pods', target.id, 'ERROR');
    const screen = await term.waitFor((s) => /ERROR/.test(selectedLine(s)), { timeoutMs: 6000 });
    expect(selectedLine(screen)).toContain(target.name);
  });

  it('reflows to a clean screen when resized from 120×40 to 80×24', async () => {
    const term = open([], { cols: 120, rows: 40 });
    await term.waitFor(/3 Pods 30/, { timeoutMs: 10_000 });
    term.resize(80, 24);
    const screen = await term.waitFor((s) => /^ cloudtop /.test(s) && /q quit/.test(s.split('\n').at(-1) ?? ''));
    const lines = screen.split('\n');
    expect(lines).toHaveLength(24);
    expect(lines[0]).toMatch(/^ cloudtop /);
    expect(lines[1]).toMatch(/1 (Disks|dk) \d/);
    expect(lines.filter((line) => /NAME/.test(line))).toHaveLength(1);
    expect(lines.filter((line) => /cloudtop/.test(line))).toHaveLength(1);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    // Narrow: the SSH column (lowest priority) is gone, every pod still one line.
    expect(screen).not.toMatch(/ SSH/);
  });

  it('quits on q with status 0 and restores the terminal', async () => {
    const term = open();
    await term.waitFor(/3 Pods 30/, { timeoutMs: 10_000 });
    expect(term.isAlternateScreen()).toBe(true);
    expect(term.cursorHidden()).toBe(true);
    term.press('q');
    expect(await term.waitForExit()).toBe(0);
    expect(term.isAlternateScreen()).toBe(false);
    expect(term.cursorHidden()).toBe(false);
    expect(term.terminalModesAfterExit()).toEqual({ echo: true, canonical: true });
  });

  it.each(['exception', 'rejection'])(
    'restores the terminal after an uncaught %s and says where the report is',
    async (kind) => {
      session = spawnCloudtop(['--interval', '1'], { cols: 120, rows: 40, env: { ...env, CLOUDTOP_TEST_CRASH: kind } });
      const term = session;
      expect(await term.waitForExit(10_000)).toBe(1);
      expect(term.isAlternateScreen()).toBe(false);
      expect(term.cursorHidden()).toBe(false);
      expect(term.terminalModesAfterExit()).toEqual({ echo: true, canonical: true });
      const text = term.text();
      expect(text).toMatch(new RegExp(`cloudtop crashed: simulated ${kind} for testing`));
      const report = /Full report: (\S+)/.exec(text)?.[1];
      expect(report).toBeDefined();
      expect(readFileSync(report!, 'utf8')).toContain(`simulated ${kind}`);
      expect(readFileSync(report!, 'utf8')).not.toContain(sim.primeKey);
    },
  );

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('restores the terminal on %s', async (signal, status) => {
    const term = open();
    await term.waitFor(/3 Pods 30/, { timeoutMs: 10_000 });
    term.signal(signal);
    expect(await term.waitForExit()).toBe(status);
    expect(term.isAlternateScreen()).toBe(false);
    expect(term.cursorHidden()).toBe(false);
    expect(term.terminalModesAfterExit()).toEqual({ echo: true, canonical: true });
  });

  it('with only the old DISPERSED_API_KEY: the Nodes tab says what to set, and no unsigned request is sent', async () => {
    sim.control.clearRequests();
    session = spawnCloudtop(['--tab', 'nodes'], {
      cols: 160,
      rows: 20,
      env: {
        ...env,
        DISPERSED_PUBLIC_KEY: undefined,
        DISPERSED_SECRET_KEY: undefined,
        DISPERSED_API_KEY: 'dsp_old_single_key_123456',
      },
    });
    const screen = await session.waitFor(/No nodes loaded/, { timeoutMs: 10_000 });
    expect(screen).toContain(
      'Dispersed: DISPERSED_API_KEY is not used: the API signs requests with a key pair; set DISPERSED_PUBLIC_KEY and DISPERSED_SECRET_KEY',
    );
    expect(screen).toContain('✕ refused');
    session.press('3');
    await session.waitFor(/3 Pods 30/);
    expect(sim.control.requests().filter((r) => r.api === 'dispersed')).toEqual([]);
    expect(session.output().toString('utf8')).not.toContain('dsp_old_single_key_123456');
  });

  it('runs in demo mode with no key configured and says how to connect', async () => {
    session = spawnCloudtop([], {
      cols: 120,
      rows: 30,
      env: {
        HOME: '/nonexistent-home-for-tests',
        PRIME_API_KEY: undefined,
        DISPERSED_PUBLIC_KEY: undefined,
        DISPERSED_SECRET_KEY: undefined,
      },
    });
    const screen = await session.waitFor(/3 Pods \d+/, { timeoutMs: 10_000 });
    expect(screen).toContain('DEMO');
    expect(screen).toMatch(/PRIME_API_KEY|prime login/);
  });
});
