/**
 * Seen and said, and what a k9s user reaches for (issue 26): the read-only
 * mode shows, marks can be counted and cleared, a log search typed in one
 * burst waits for the log, a non-UTF-8 terminal gets ASCII only, messages
 * are sentences, one way to write a duration, an order that holds still,
 * one key to sort by a column, and Enter on an event goes to its resource.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { envFor, lineWith, openCloudtop, selectRow, selectedLine } from './helpers.js';
import { REPO_ROOT, type PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 262, counts: { pods: 8, disks: 4, sandboxes: 14, nodes: 4 } });
const SMALL = { cols: 80, rows: 24 };
const MEDIUM = { cols: 120, rows: 35 };
const CTRL_SPACE = '\u0000';
const CTRL_BACKSLASH = '\u001c';
let term: PtySession | undefined;
afterEach(() => term?.kill());

const rows = (screen: string): string[] =>
  screen.split('\n').filter((line) => /^[ ›][ ✓•+✗] \S/.test(line) && !/^ +NAME/.test(line));
const footer = (screen: string): string => screen.split('\n').at(-1) ?? '';

describe('--read-only shows', () => {
  it('a badge in the header, and neither the footer nor ? offers delete; ? says why', async () => {
    term = openCloudtop(sim, ['--read-only'], SMALL);
    const screen = await term.waitFor(/NAME.*GPU/, { timeoutMs: 10_000 });
    expect(screen.split('\n')[0]).toMatch(/^ cloudtop {2}READ-ONLY /);
    expect(footer(screen)).not.toMatch(/D delete/);
    term.press('?');
    const help = await term.waitFor(/Keys: Pods/);
    expect(help).not.toMatch(/^ D \/ Ctrl-D +Delete/m);
    // The help lists what is withheld, and why, after the keys: scroll to it.
    term.press('G');
    expect(await term.waitFor(/--read-only/)).toMatch(/Delete.*--read-only|--read-only.*[Dd]elet/);
  });
});

describe('marks you can check', () => {
  it('counts the marks on the tab line, marks a range with Ctrl-Space, clears them all, and says how many the filter hides', async () => {
    term = openCloudtop(sim, ['--tab', 'sandboxes'], SMALL);
    await term.waitFor(/NAME.*LABELS/, { timeoutMs: 10_000 });
    await term.waitFor((s) => rows(s).length > 5);
    term.press('space');
    await term.waitFor(/✓ 1 marked/);
    term.press('down', 'down', 'down');
    term.write(CTRL_SPACE);
    // The first marked row through the selected one: four in all.
    await term.waitFor(/✓ 4 marked/);
    term.write(CTRL_BACKSLASH);
    await term.waitFor((s) => !/marked/.test(s) && !rows(s).some((line) => line[1] === '✓'));
    // Two marked, then a filter that shows one of them: the dialog counts the other as hidden.
    const first = rows(term.screen())[0]!.slice(3).split(' ')[0]!;
    term.press('g', 'space', 'down', 'space');
    await term.waitFor(/✓ 2 marked/);
    term.write(`/${first}\r`);
    await term.waitFor(new RegExp(`/${first} `));
    term.press('D');
    expect(await term.waitFor(/Delete 2 sandboxes\?/)).toContain('Delete 2 sandboxes? (1 hidden by the filter)');
    term.press('escape');
  });
});

describe('logs', () => {
  it('runs a search typed in the same burst as l once the log is there, and stops following', async () => {
    term = openCloudtop(sim, ['--tab', 'pods'], MEDIUM);
    await term.waitFor(/NAME.*GPU/, { timeoutMs: 10_000 });
    const running = sim.control.list('pods').find((p) => p.status === 'ACTIVE' && p.name)!;
    await selectRow(term, running.name!);
    term.write('l/ckpt\r');
    const screen = await term.waitFor((s) => s.includes('[ckpt]') || /No line contains/.test(s), { timeoutMs: 10_000 });
    expect(screen).not.toMatch(/No line contains/);
    expect(screen).toMatch(/ [\d,]+ lines · not following \(f follows\) · \/ckpt/);
    term.press('f');
    await term.waitFor((s) => !s.includes('not following'));
  });
});

describe('a terminal outside a UTF-8 locale', () => {
  it('gets ASCII only, from the dashboard and from --once', async () => {
    term = openCloudtop(sim, [], { ...SMALL, env: { LANG: 'C', LC_ALL: 'C' } });
    await term.waitFor(/NAME/, { timeoutMs: 10_000 });
    await term.waitFor(/3 (Pods|po) \d+/);
    term.press('enter');
    await term.waitFor(/Field/);
    term.press('escape', 'q');
    await term.waitForExit();
    const bytes = term.output();
    const nonAscii = [...bytes].filter((byte) => byte > 0x7f);
    expect(nonAscii).toEqual([]);

    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'cloudtop.js'), '--once', '--tab', 'pods'], {
      env: { ...process.env, ...envFor(sim), LANG: 'C', LC_ALL: 'C', CI: undefined },
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const out = Buffer.concat(chunks);
    expect(out.length).toBeGreaterThan(100);
    expect([...out].filter((byte) => byte > 0x7f)).toEqual([]);
  });
});

describe('sentences and one way to say a thing', () => {
  it('says where an action is in a sentence, and hints only where the hint would show something', async () => {
    term = openCloudtop(sim, ['--tab', 'disks'], SMALL);
    await term.waitFor(/NAME.*SIZE/, { timeoutMs: 10_000 });
    term.press('s');
    expect(await term.waitFor(/SSH is for/)).toContain('SSH is for pods: press 3 for Pods');
    term.press('l');
    expect(await term.waitFor(/Logs are for/)).toContain('Logs are for sandboxes and pods: press 2 for Sandboxes');
    term.press('5');
    term.write('/zzz-nothing\r');
    const empty = await term.waitFor(/No ended pods match the filter/);
    expect(lineWith(empty, 'No ended pods')).not.toMatch(/terminated/);
  });

  it('writes every duration one way: two units, no space', async () => {
    term = openCloudtop(sim, ['--tab', 'pods'], MEDIUM);
    const screen = await term.waitFor(/NAME.*AGE/, { timeoutMs: 10_000 });
    await term.waitFor((s) => rows(s).length >= 4);
    const ages = rows(term.screen()).map((line) => line.trimEnd().split(/\s+/).at(-1)!);
    for (const age of ages) expect(age).toMatch(/^(\d+[smhd]){1,2}$/);
    expect(screen).not.toMatch(/\b\d+[dh] \d+[hm]\b/);
    term.press('5');
    await term.waitFor(/RAN/);
    const history = rows(term.screen());
    expect(history.length).toBeGreaterThan(0);
    for (const line of history) expect(line).not.toMatch(/\b\d+[dh] \d+[hm]\b/);
  });
});

describe('an order that holds still', () => {
  it('puts decimal suffixes in numeric order and hex words after them, and breaks ties by name', async () => {
    for (const name of ['bench-3f11', 'bench-35c6', 'bench-3303', 'bench-42', 'bench-7'])
      sim.control.add('sandboxes', { name, status: 'RUNNING', labels: ['order-test'] });
    term = openCloudtop(sim, ['--tab', 'sandboxes', '--filter', 'label:order-test'], MEDIUM);
    await term.waitFor('bench-3f11', { timeoutMs: 10_000 });
    const names = (): string[] => rows(term!.screen()).map((line) => line.slice(3).split(' ')[0]!);
    expect(names()).toEqual(['bench-7', 'bench-42', 'bench-3303', 'bench-35c6', 'bench-3f11']);
    // Sorted by a column with ties (all RUNNING): by name within them, poll after poll.
    term.press('S');
    await term.waitFor(/STATUS▲/);
    expect(names()).toEqual(['bench-7', 'bench-42', 'bench-3303', 'bench-35c6', 'bench-3f11']);
    term.press('r');
    await term.waitFor(/STATUS▲/);
    expect(names()).toEqual(['bench-7', 'bench-42', 'bench-3303', 'bench-35c6', 'bench-3f11']);
  });
});

describe('what a k9s user reaches for', () => {
  it('sorts by a column with one key, and the same key again reverses it', async () => {
    term = openCloudtop(sim, ['--tab', 'pods'], MEDIUM);
    await term.waitFor(/NAME▲/, { timeoutMs: 10_000 });
    term.press('P');
    await term.waitFor(/\$\/HR▲/);
    term.press('P');
    await term.waitFor(/\$\/HR▼/);
    term.press('A');
    await term.waitFor(/AGE▲/);
    term.press('N');
    await term.waitFor(/NAME▲/);
  });

  it('goes from an event to its resource with Enter, switching tab and clearing a filter that hides it', async () => {
    const sandbox = sim.control
      .list('sandboxes')
      .find((s) => s.status === 'RUNNING' && !s.labels.includes('order-test'))!;
    term = openCloudtop(sim, ['--tab', 'pods', '--highlight', '60'], MEDIUM);
    await term.waitFor(/2 Sandboxes \d+/, { timeoutMs: 10_000 });
    // A filter on Sandboxes that hides the one about to change.
    term.press('2');
    term.write('/zzz-hides-it\r');
    await term.waitFor(/zzz-hides-it · 0 of/);
    term.press('3');
    await term.waitFor(/NAME.*GPU/);
    sim.control.setStatus('sandboxes', sandbox.id, 'ERROR');
    term.press('e');
    await term.waitFor(new RegExp(`sandbox +${sandbox.name} +RUNNING → ERROR`), { timeoutMs: 10_000 });
    term.press('E');
    await term.waitFor(/↑↓ choose/);
    const events = term.screen().split('\n');
    const top = events.findIndex((line) => /↑↓ choose/.test(line));
    const at = events.findIndex((line) => line.includes(`${sandbox.name} `) && /RUNNING → ERROR/.test(line));
    for (let i = top + 1; i < at; i++) term.press('down');
    term.press('enter');
    const screen = await term.waitFor((s) => selectedLine(s).includes(sandbox.name));
    expect(screen).toMatch(/NAME.*IMAGE|NAME.*LABELS/);
    expect(screen).not.toContain('zzz-hides-it');
  });
});
