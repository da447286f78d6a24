/**
 * Every line whole where it matters, at the sizes people run cloudtop at
 * (issue 26, "cut exactly where it matters"): a message to act on is read
 * whole down to 80×24, a status change keeps its new status, columns share
 * the width by what they hold, the detail pane reads any value whole, and
 * the header keeps what counts on a narrow terminal.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { lineWith, openCloudtop, selectRow } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 261, counts: { pods: 30, disks: 6, sandboxes: 12, nodes: 8 } });
const SMALL = { cols: 80, rows: 24 };
const MEDIUM = { cols: 120, rows: 35 };
const LARGE = { cols: 200, rows: 50 };
let term: PtySession | undefined;
afterEach(() => term?.kill());

/** The screen with each wrapped message read as one line (continuation lines are indented under the text). */
const unwrapped = (screen: string): string => screen.replace(/\n {3}(?=\S)/g, ' ');

describe('messages a person acts on, whole at 80×24', () => {
  it('says whole why an attached disk cannot be deleted, and the disk dialog its warning', async () => {
    const pod = sim.control.list('pods').find((p) => p.status === 'ACTIVE')!;
    sim.control.add('disks', { name: 'attached-disk', pods: [pod.id] });
    sim.control.add('disks', { name: 'free-disk', pods: [] });
    term = openCloudtop(sim, ['--tab', 'disks'], SMALL);
    await term.waitFor('attached-disk', { timeoutMs: 10_000 });
    // The pods' names are known once their list is in.
    await term.waitFor(/3 (Pods|po) \d+/);
    await selectRow(term, 'attached-disk');
    term.press('D');
    const refused = unwrapped(await term.waitFor(/is attached to pod/));
    expect(refused).toContain(`is attached to pod ${pod.name} (${pod.id}): delete or detach the pod first`);
    await selectRow(term, 'free-disk');
    term.press('D');
    const dialog = await term.waitFor(/Delete disk free-disk\?/);
    expect(dialog).toContain('This destroys the disk and all its data; nothing brings it back.');
    expect(dialog).toContain("Type the disk's name to enable Delete: free-disk");
    term.press('escape');
  });

  it('shows the permissions warning with its fix whole', async () => {
    const home = mkdtempSync(join(tmpdir(), 'cloudtop-home-'));
    mkdirSync(join(home, '.prime'));
    const config = join(home, '.prime', 'config.json');
    writeFileSync(config, JSON.stringify({ api_key: sim.primeKey, base_url: sim.url }));
    chmodSync(config, 0o644);
    term = openCloudtop(sim, [], { ...SMALL, env: { HOME: home, PRIME_API_KEY: undefined } });
    // Printed before the dashboard opens, and on its flash line once it has.
    await term.waitFor(/NAME/, { timeoutMs: 10_000 });
    const screen = unwrapped(await term.waitFor(/chmod/));
    expect(screen).toContain(`fix: chmod 600 ${config}`);
  });
});

describe('a status change keeps its new status', () => {
  it('shows the new status whole in the row and the events panel at 80×24, the old one giving way first', async () => {
    const pod = sim.control.list('pods').find((p) => p.status === 'ACTIVE' && (p.name ?? '').length < 20)!;
    term = openCloudtop(sim, ['--highlight', '60', '--filter', pod.name!], SMALL);
    const row = (screen: string): string =>
      screen.split('\n').find((line) => line.startsWith('›') && line.slice(3).startsWith(`${pod.name} `)) ?? '';
    await term.waitFor((s) => row(s).includes('ACTIVE'), { timeoutMs: 10_000 });
    sim.control.setStatus('pods', pod.id, 'PROVISIONING');
    const changed = row(await term.waitFor((s) => /→ PROVISIONING/.test(row(s))));
    expect(changed).toMatch(/(ACTIVE|A\S*…) → PROVISIONING/);
    term.press('e');
    const events = await term.waitFor(/Events \d/);
    expect(events).toMatch(new RegExp(`pod +${pod.name!.replace(/\./g, '\\.')} +(ACTIVE|A\\S*…) → PROVISIONING`));
  });
});

describe('columns shared by what they hold', () => {
  it('gives names their width before optional columns at 80×24, and keeps the position at the right end', async () => {
    term = openCloudtop(sim, ['--tab', 'pods'], SMALL);
    await term.waitFor(/NAME.*GPU/, { timeoutMs: 10_000 });
    await term.waitFor(/\d+\/\d+\s*$/m);
    const shown = term.screen();
    const names = sim.control
      .list('pods')
      .map((p) => p.name)
      .filter((name): name is string => typeof name === 'string' && name.length <= 24);
    const onScreen = names.filter((name) => shown.includes(name.slice(0, 8)));
    expect(onScreen.length).toBeGreaterThan(5);
    for (const name of onScreen) expect(shown, name).toContain(name);
    const header = shown.split('\n').find((line) => /^ +NAME/.test(line))!;
    // The position is the header's last word, at the right edge: never inside the NAME title.
    expect(header).toMatch(/\s\d+\/30$/);
    expect(header.length).toBe(SMALL.cols);
  });

  it('at 200×50 the image is whole and NAME keeps no blank room; at 120×35 the GPU is whole', async () => {
    for (const size of [MEDIUM, LARGE]) {
      term = openCloudtop(sim, ['--tab', 'sandboxes'], size);
      await term.waitFor(/NAME.*STATUS/, { timeoutMs: 10_000 });
      await term.waitFor(/\d+[smhd]\s/);
      const shown = term.screen();
      for (const sandbox of sim.control.list('sandboxes').filter((s) => s.status !== 'TERMINATED')) {
        const row = lineWith(shown, sandbox.name);
        if (!row) continue;
        if (sandbox.gpuCount > 0) expect(row, `${size.cols}: GPU of ${sandbox.name}`).toContain(sandbox.gpuType!);
        if (size === LARGE) expect(row, `image of ${sandbox.name}`).toContain(sandbox.dockerImage);
      }
      const header = shown.split('\n').find((line) => /^ +NAME/.test(line))!;
      const widest = Math.max(...sim.control.list('sandboxes').map((s) => s.name.length));
      expect(header.indexOf('STATUS') - header.indexOf('NAME')).toBeLessThanOrEqual(widest + 2);
      term.kill();
    }
  });

  it('starts every node sparkline in one column, and names a disk by its pod', async () => {
    term = openCloudtop(sim, ['--tab', 'nodes'], MEDIUM);
    await term.waitFor(/GPU%/, { timeoutMs: 10_000 });
    const screen = await term.waitFor((s) => (s.match(/[▁▂▃▄▅▆▇█]/g) ?? []).length >= 4);
    const starts = screen
      .split('\n')
      .map((line) => line.search(/[▁▂▃▄▅▆▇█]/))
      .filter((column) => column >= 0);
    expect(new Set(starts).size).toBe(1);
    term.press('1');
    const pod = sim.control.list('pods').find((p) => p.status === 'ACTIVE' && p.name)!;
    sim.control.add('disks', { name: 'named-attach', pods: [pod.id] });
    term.press('r');
    const disks = await term.waitFor((s) => lineWith(s, 'named-attach').includes(pod.name!.slice(0, 12)));
    expect(lineWith(disks, 'named-attach')).not.toContain(pod.id);
  });
});

describe('the detail pane', () => {
  it('reads a long value whole, field names uncut, in a pane whose columns hold still while it scrolls', async () => {
    const long = `a-${'very-long-name-'.repeat(20)}end`;
    sim.control.add('pods', { name: long, status: 'ACTIVE' });
    term = openCloudtop(sim, ['--filter', 'very-long-name'], SMALL);
    await term.waitFor(/1 of \d+/, { timeoutMs: 10_000 });
    term.press('enter');
    // Once the pod's ports have been asked for (the list has none): the fields they add may widen the key column once.
    const top = await term.waitFor((s) => /Field +Value/.test(s) && !s.includes('Fetching the whole pod'));
    const valueColumn = (screen: string): number =>
      screen
        .split('\n')
        .find((line) => /Field +Value/.test(line))!
        .indexOf('Value');
    // The name, wrapped under its field (the summary's first, as `prime pods status` shows it), reads whole.
    const lines = top.split('\n');
    const first = lines.findIndex((line) => /^ Name /.test(line));
    let last = first + 1;
    while (/^ +\S/.test(lines[last] ?? '') && lines[last]!.slice(0, valueColumn(top)).trim() === '') last++;
    const read = lines
      .slice(first, last)
      .map((line) => line.slice(valueColumn(top)).trim())
      .join('');
    expect(read).toContain(long);
    const column = valueColumn(top);
    let screen = top;
    // To the last page (`lines 55–71 of 71`), a page at a time.
    const atEnd = (s: string): boolean => /lines \d+–(\d+) of \1 /.test(s);
    for (let i = 0; i < 40 && !atEnd(screen); i++) {
      term.press('pageDown');
      screen = await term.waitFor((s) => s !== screen);
      expect(valueColumn(screen)).toBe(column);
    }
    expect(atEnd(screen)).toBe(true);
    expect(screen.split('\n').at(-1)).toMatch(/^ ↑↓ scroll {2}esc close/);
    // No hint starts with a separator left over from a part that is not there.
    expect(screen).not.toMatch(/^ ·/m);
  });
});

describe('the header on a narrow terminal', () => {
  it('keeps the burn rate at 60 columns, where the demo label gives way', async () => {
    term = openCloudtop(sim, ['--demo'], { cols: 60, rows: 20 });
    const screen = await term.waitFor(/\$[\d,.]+\/hr .*● live/, { timeoutMs: 10_000 });
    expect(screen.split('\n')[0]).toMatch(/^ cloudtop {2}DEMO +\$[\d,.]+\/hr/);
    expect(screen.split('\n')[0]).not.toContain('simulated data');
  });

  it('cuts the empty events panel cleanly at 25×8', async () => {
    term = openCloudtop(sim, [], { cols: 25, rows: 8 });
    await term.waitFor(/NAME/, { timeoutMs: 10_000 });
    term.press('e');
    const screen = await term.waitFor(/No changes yet/);
    const line = lineWith(screen, 'No changes yet');
    expect(line).toMatch(/^ No changes yet: \S.*…$/);
    expect(screen).not.toMatch(/^\S/m);
  });
});
