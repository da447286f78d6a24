/**
 * Filtering as a person does it (`/`, type, Enter, Esc) and cloudtop's output
 * for scripts, piped through a real shell.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { envFor, openCloudtop } from './helpers.js';
import { REPO_ROOT, type PtySession } from './pty.js';

const run = promisify(execFile);
const sim = await simulatorForFile({ seed: 31, counts: { pods: 20, disks: 4, sandboxes: 60, nodes: 8 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());

type SandboxWire = { id: string; name: string; status: string; labels: string[] };
const sandboxes = () => sim.control.list('sandboxes') as SandboxWire[];
const listed = (rows: SandboxWire[]) => rows.filter((s) => s.status !== 'TERMINATED' && s.status !== 'TIMEOUT');
const rowsOnScreen = (screen: string) =>
  screen.split('\n').filter((line) => /^[ ›][ ✓•+✗] \S/.test(line) && !/^ +NAME/.test(line));

describe('the filter prompt', () => {
  it('narrows to a label as you type, applies on Enter with the right counts, and Esc clears it', async () => {
    term = openCloudtop(sim, ['--tab', 'sandboxes'], { rows: 80 });
    const all = listed(sandboxes());
    await term.waitFor(new RegExp(`2 Sandboxes ${all.length}`), { timeoutMs: 10_000 });
    const label = 'eval';
    const matching = all.filter((s) => s.labels.includes(label));
    expect(matching.length).toBeGreaterThan(0);
    expect(matching.length).toBeLessThan(all.length);

    term.press('/');
    await term.waitFor(/words · status:A,B/);
    term.write(`label:${label}`);
    // Live: the list narrows before Enter.
    await term.waitFor(`${matching.length} of ${all.length}`);
    term.press('enter');
    const screen = await term.waitFor(
      (s) =>
        // M is the whole list, though the label went to the server and the list it sent back is only the matches.
        s.includes(`/label:${label} · ${matching.length} of ${all.length}`) && !s.includes('words · status:A,B'),
    );
    const rows = rowsOnScreen(screen);
    expect(rows).toHaveLength(matching.length);
    for (const sandbox of matching) expect(screen).toContain(sandbox.name);
    // The label went to the server too; the whole list's count was asked apart, without it.
    const sandboxRequests = sim.control.requests().filter((r) => r.path === '/api/v1/sandbox');
    expect(sandboxRequests.filter((r) => r.query.labels !== undefined).at(-1)?.query.labels).toEqual([label]);
    expect(sandboxRequests.some((r) => r.query.labels === undefined && String(r.query.per_page) === '1')).toBe(true);

    term.press('escape');
    const cleared = await term.waitFor(new RegExp(`2 Sandboxes ${all.length}`));
    expect(cleared).not.toContain(`/label:${label}`);
    expect(rowsOnScreen(cleared)).toHaveLength(all.length);
  });

  it('Esc and a digit in one read (a slow link) clear the filter and switch tab, as typed apart', async () => {
    term = openCloudtop(sim, ['--tab', 'sandboxes', '--filter', 'label:eval'], { rows: 40 });
    await term.waitFor('/label:eval', { timeoutMs: 10_000 });
    // One write, so the terminal hands both keys over in one read: Ink sees ESC 4, which is Alt+4.
    term.write('\u001b4');
    await term.waitFor((s) => /4 Nodes \d+/.test(s) && /^ +NAME/m.test(s) && !s.includes('/label:eval'));
    term.press('2');
    const back = await term.waitFor(/2 Sandboxes \d+/);
    expect(back).not.toContain('/label:eval');
  });

  it('explains a filter that cannot apply and changes nothing', async () => {
    term = openCloudtop(sim, ['--tab', 'disks']);
    const disks = (sim.control.list('disks') as { status: string }[]).filter((d) => d.status !== 'TERMINATED').length;
    await term.waitFor(new RegExp(`1 Disks ${disks}`), { timeoutMs: 10_000 });
    term.press('/');
    term.write('label:x');
    term.press('enter');
    await term.waitFor(/label: filters don't apply to Disks/);
    term.write('"unclosed');
    await term.waitFor(/unclosed quote/);
    term.press('escape');
    const screen = await term.waitFor((s) => !s.includes('unclosed quote'));
    expect(rowsOnScreen(screen)).toHaveLength(disks);
  });

  it('shows terminated sandboxes with a, and says they are hidden otherwise', async () => {
    term = openCloudtop(sim, ['--tab', 'sandboxes'], { rows: 80 });
    const all = sandboxes();
    await term.waitFor(/terminated hidden \(a\)/, { timeoutMs: 10_000 });
    term.press('a');
    const screen = await term.waitFor(new RegExp(`2 Sandboxes ${all.length}\\b`));
    expect(screen).not.toContain('terminated hidden');
  });
});

describe('output for scripts', () => {
  const shell = (command: string) =>
    run('bash', ['-c', command], { cwd: REPO_ROOT, env: { ...process.env, ...envFor(sim) } as NodeJS.ProcessEnv });

  it('prints the filtered rows once when piped, one line each plus a header', async () => {
    const active = (sim.control.list('pods') as { status: string }[]).filter((p) => p.status === 'ACTIVE').length;
    const { stdout } = await shell(`node bin/cloudtop.js --once --tab pods --filter "status:active" | wc -l`);
    expect(Number(stdout.trim())).toBe(active + 1);
    const table = await shell(`node bin/cloudtop.js --tab pods --filter "status:active" | head -3`);
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+GPU\s+\$\/HR\s+AGE$/);
    expect(table.stdout).not.toMatch(/\u001b/);
  });

  it('prints every column with --output wide and the full objects with --output json, secrets masked', async () => {
    const wide = await shell('node bin/cloudtop.js --once --tab pods --output wide | head -1');
    expect(wide.stdout).toMatch(/NAME\s+STATUS\s+GPU\s+INSTALL\s+PROVIDER\s+\$\/HR\s+SSH\s+AGE/);
    const { stdout } = await shell('node bin/cloudtop.js --once --tab pods --output json');
    const pods = JSON.parse(stdout) as { id: string; jupyterPassword?: string }[];
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods)
      if (pod.jupyterPassword !== undefined && pod.jupyterPassword !== null)
        expect(pod.jupyterPassword).toMatch(/^•+$/);
    expect(stdout).not.toContain(sim.primeKey);
  });

  it('fails with one line on stderr and a non-zero status when the API fails', async () => {
    sim.control.injectFault({ path: '/api/v1/disks', count: 10, fault: { status: 401 } });
    const failure = await shell('node bin/cloudtop.js --once --tab disks').then(
      () => null,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    sim.control.clearFaults();
    expect(failure?.code).toBe(1);
    expect(failure?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failure?.stderr).toMatch(/^cloudtop: Prime Intellect API rejected the API key \(401\)/);
    expect(failure?.stderr).not.toContain(sim.primeKey);
  });

  it('rejects bad flags with one line and status 2', async () => {
    for (const args of ['--tab volumes', '--interval 0', '--bogus', '--filter "\\"open"', '--output xml --once']) {
      const failure = await shell(`node bin/cloudtop.js ${args}`).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code, args).toBe(2);
      expect(failure?.stderr.trim().split('\n'), args).toHaveLength(1);
    }
  });
});
