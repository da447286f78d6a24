/**
 * What cloudtop says is true (issue 26, "wrong, not just rough"), seen in a
 * real terminal at 80×24: disk sizes in the GB the API means, "N of M"
 * against the whole list however the filter was applied, no spend before
 * anything loaded, `--fresh` that keeps what it does not use, and where
 * every setting came from.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { envFor, lineWith, openCloudtop } from './helpers.js';
import { REPO_ROOT, type PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 26, counts: { pods: 6, disks: 3, sandboxes: 12, nodes: 3 } });
const SMALL = { cols: 80, rows: 24 };
let term: PtySession | undefined;
afterEach(() => term?.kill());

describe('true figures at 80×24', () => {
  it('shows disk sizes as the GB the API gives, with thousands, never divided by 1024', async () => {
    for (const [name, size] of [
      ['size-1000', 1000],
      ['size-2000', 2000],
      ['size-2100', 2100],
      ['size-2200', 2200],
      ['size-5000', 5000],
    ] as const)
      sim.control.add('disks', { name, size, pods: [] });
    term = openCloudtop(sim, ['--tab', 'disks'], SMALL);
    const screen = await term.waitFor('size-5000', { timeoutMs: 10_000 });
    expect(lineWith(screen, 'size-1000')).toMatch(/\b1,000 GB\b/);
    expect(lineWith(screen, 'size-2000')).toMatch(/\b2,000 GB\b/);
    expect(lineWith(screen, 'size-2100')).toMatch(/\b2,100 GB\b/);
    expect(lineWith(screen, 'size-2200')).toMatch(/\b2,200 GB\b/);
    expect(lineWith(screen, 'size-5000')).toMatch(/\b5,000 GB\b/);
    expect(screen).not.toMatch(/\bTB\b/);
  });

  it('counts M of "N of M" over the whole list when the filter went to the server, as the tab counts it', async () => {
    term = openCloudtop(sim, ['--tab', 'sandboxes'], SMALL);
    const all = (await term.waitFor(/2 (Sandboxes|sb) \d+/, { timeoutMs: 10_000 })).match(
      /2 (?:Sandboxes|sb) (\d+)/,
    )![1];
    const erroring = sim.control.list('sandboxes').filter((s) => s.status === 'ERROR').length;
    term.write('/status:error\r');
    // status: goes to the server; what comes back is only the matches, yet M is the whole list.
    await term.waitFor(`${erroring} of ${all}`);
    term.press('escape');
    await term.waitFor((s) => !s.includes(`of ${all}`));
    term.press('1');
    const disks = (await term.waitFor(/1 (Disks|dk) \d+/)).match(/1 (?:Disks|dk) (\d+)/)![1];
    term.write('/size\r');
    await term.waitFor(new RegExp(`\\d+ of ${disks}\\b`));
  });

  it('shows no spend while nothing has loaded: a bad key is not $0.00/hr', async () => {
    term = openCloudtop(sim, [], { ...SMALL, env: { PRIME_API_KEY: 'wrong-key' } });
    const screen = await term.waitFor(/PRIME_API_KEY/, { timeoutMs: 10_000 });
    expect(screen).not.toContain('$0.00');
    // The fix is read whole at 80 columns: the message wraps rather than cut.
    expect(screen.replace(/\n\s+/g, ' ')).toContain(
      'Set PRIME_API_KEY or run `prime login` (see README: Configuration).',
    );
  });
});

describe('--fresh', () => {
  it('starts without the remembered state and keeps it: the history stays, and what the run types joins it', async () => {
    const state = mkdtempSync(join(tmpdir(), 'cloudtop-fresh-'));
    const file = join(state, 'cloudtop', 'state.json');
    const history = (): string[] =>
      (JSON.parse(readFileSync(file, 'utf8')) as { commandHistory: string[] }).commandHistory;

    term = openCloudtop(sim, [], { ...SMALL, env: { XDG_STATE_HOME: state } });
    await term.waitFor(/3 (Pods|po) \d+/, { timeoutMs: 10_000 });
    term.write(':sb\r');
    await term.waitFor(/NAME.*IMAGE|NAME.*LABELS/);
    term.write(':dk\r');
    await term.waitFor(/NAME.*SIZE/);
    term.press('q');
    expect(await term.waitForExit()).toBe(0);
    expect(history()).toEqual(['sb', 'dk']);

    // A --fresh run starts on Pods with nothing recalled, and, typing nothing, leaves the file as it was.
    term = openCloudtop(sim, ['--fresh'], { ...SMALL, env: { XDG_STATE_HOME: state } });
    await term.waitFor(/NAME.*GPU/, { timeoutMs: 10_000 });
    term.press(':', 'up');
    // The prompt opens, and ↑ finds no line before it: the history was not read.
    expect(await term.waitFor(/^ :/m)).not.toMatch(/^ :\S/m);
    term.press('escape', 'q');
    expect(await term.waitForExit()).toBe(0);
    expect(history()).toEqual(['sb', 'dk']);

    // One that runs a command adds it to what was kept.
    term = openCloudtop(sim, ['--fresh'], { ...SMALL, env: { XDG_STATE_HOME: state } });
    await term.waitFor(/NAME.*GPU/, { timeoutMs: 10_000 });
    term.write(':no\r');
    await term.waitFor(/NAME.*GPUS/);
    term.press('q');
    expect(await term.waitForExit()).toBe(0);
    expect(history()).toEqual(['sb', 'dk', 'no']);
  });
});

describe('--print-config', () => {
  it('names the source of every setting, the context, the ssh key and the Dispersed URL among them', () => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'cloudtop.js'), '--print-config'], {
      env: { ...process.env, ...envFor(sim), PRIME_SSH_KEY_PATH: '/keys/id_test', CI: undefined },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const line = (name: string): string => run.stdout.split('\n').find((l) => l.trimStart().startsWith(name)) ?? '';
    expect(line('dispersed.baseUrl')).toMatch(/\s+env$/);
    expect(line('prime.sshKeyPath')).toMatch(/^prime\.sshKeyPath\s+\/keys\/id_test\s+env$/);
    expect(line('prime.context')).toMatch(/^prime\.context\s+\S+\s+default$/);
    expect(line('prime.baseUrl')).toMatch(/\s+env$/);
  });
});

describe('keys typed the moment the dashboard appears', () => {
  it('are read as keys, never echoed by the terminal over the first frame', async () => {
    term = openCloudtop(sim, ['--fresh'], SMALL);
    // The first frame: the table's header is drawn while the lists still load.
    await term.waitFor(/NAME/, { timeoutMs: 10_000 });
    term.write(':no\r');
    const screen = await term.waitFor(/NAME.*GPUS/);
    expect(screen.split('\n')[0]).toMatch(/^ cloudtop /);
    expect(term.output().toString('utf8')).not.toContain(':no\r\n');
  });
});
