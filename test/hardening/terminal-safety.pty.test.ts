/**
 * The built CLI in a real pseudo-terminal, fed resources whose every string
 * field carries a terminal takeover payload (see helpers.ts): names, ids,
 * statuses, GPU and provider names, SSH strings, labels, images, error
 * messages, node names, and an API error body. Through the table of every
 * tab, the detail pane (Enter), the delete dialog (D), a transition into a
 * hostile status, the events panel (e) and an error on the message line,
 * the raw bytes must hold nothing but Ink's own sequences, the window title
 * must never change, and the screen must show the tags with the payload gone.
 *
 * Then `--once` (a pipe) in every output format, and the layout with wide
 * characters: CJK and emoji names keep every column in place, and no row
 * ever wraps.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResourceKind } from '../../src/views/index.js';
import { simulatorForFile } from '../helpers/sim.js';
import { envFor, lineWith, openCloudtop, selectRow, selectedLine } from '../e2e/helpers.js';
import { REPO_ROOT, type PtySession } from '../e2e/pty.js';
import { evil, expectCleanOutput, expectNoWrap, shown } from './helpers.js';

const sim = await simulatorForFile({ seed: 5, counts: { pods: 3, disks: 2, sandboxes: 2, nodes: 2 } });
const add = (kind: Exclude<ResourceKind, 'history' | 'availability'>, overrides: Record<string, unknown>) =>
  sim.control.add(kind, overrides as never);

const HOSTILE_ID = evil('PI');
add('pods', {
  id: 'evil-pod',
  name: evil('PA'),
  status: 'ACTIVE',
  gpuName: evil('PG'),
  gpuCount: 1,
  providerType: evil('PP'),
  sshConnection: evil('PS'),
  installationFailure: evil('PF'),
  jupyterPassword: 'pw-never-shown-77',
});
add('pods', { id: HOSTILE_ID, name: 'AA-hostile-id', status: 'ACTIVE' });
// Not hostile, just surprising: an unknown status, nulls and strings where numbers belong, a list with nulls, no id at all.
add('pods', {
  id: 'odd-pod',
  name: null,
  status: 'HIBERNATING',
  gpuName: null,
  gpuCount: '2',
  priceHr: '3.5',
  createdAt: 'garbage',
  sshConnection: [null, 'root@203.0.113.5 -p 2200'],
  attachedResources: null,
});
add('pods', { id: null, name: 'no-id-at-all' });
add('disks', { name: evil('DA'), providerType: evil('DP'), pods: [evil('DX')] });
add('sandboxes', {
  name: evil('SA'),
  status: 'RUNNING',
  dockerImage: evil('SI'),
  labels: [evil('SL')],
  errorMessage: evil('SE'),
  gpuType: evil('SG'),
  gpuCount: 1,
});
add('nodes', {
  uuid: 'evil-node',
  name: evil('NA'),
  status: evil('NS'),
  gpus: [{ name: evil('NG'), vram_gb_max: 24 }],
});

let term: PtySession | undefined;
afterEach(() => term?.kill());

describe('hostile strings in a real terminal', () => {
  it('never reach the terminal as control sequences, in any view', async () => {
    const session = openCloudtop(sim, ['--tab', 'pods', '--highlight', '60']);
    term = session;
    const first = await session.waitFor(shown('PA'), { timeoutMs: 10_000 });
    for (const tag of ['PG', 'PP', 'PS']) expect(first).toContain(shown(tag));
    expectNoWrap(session);
    // The surprising pod as well as it can be shown; the one without an id counted, not shown.
    expect(lineWith(first, 'odd-pod')).toMatch(/odd-pod\s+HIBERNATING\s+-\s.*\$3\.50 root@203\.0\.113\.5 -p 2200\s+-$/);
    expect(first).toMatch(/! 1 of the pods could not be read and is not shown/);
    expect(first).not.toContain('no-id-at-all');

    // An API error body with the payload: one line, stale marker, rows kept.
    sim.control.injectFault({
      path: '/api/v1/pods',
      count: 3,
      fault: { status: 500, body: JSON.stringify({ detail: evil('ER') }) },
    });
    const failed = await session.waitFor((s) => s.includes('(stale)') && s.includes(shown('ER')), { timeoutMs: 8000 });
    expect(failed).toContain(shown('PA'));
    session.press('r');
    await session.waitFor((s) => !s.includes('(stale)'), { timeoutMs: 8000 });

    // The detail pane: title (name and id) and every field.
    await selectRow(session, shown('PA'));
    session.press('enter');
    const detail = await session.waitFor(shown('PF'));
    expect(detail).toContain(`pod ${shown('PA')} (evil-pod)`);
    expectNoWrap(session);
    session.press('pageDown', 'pageDown');
    expect(await session.waitFor('jupyterPassword')).toMatch(/jupyterPassword\s+••••••••/);
    session.press('escape');
    await session.waitFor((s) => !s.includes(shown('PF')));

    // The delete dialog, cancelled.
    session.press('D');
    const dialog = await session.waitFor(/Delete pod/);
    expect(dialog).toContain(shown('PA'));
    session.press('escape');
    await session.waitFor((s) => !s.includes('Delete pod'));

    // A transition into a hostile status, on the row and in the events panel.
    sim.control.setStatus('pods', 'evil-pod', evil('pt'));
    await session.waitFor((s) => lineWith(s, shown('PA')).includes(`ACTIVE → ${shown('PT')}`), { timeoutMs: 6000 });
    session.press('e');
    const events = await session.waitFor(/Events/);
    expect(
      lineWith(
        events
          .split('\n')
          .slice(events.split('\n').findIndex((l) => l.includes('Events')))
          .join('\n'),
        shown('PA'),
      ),
    ).toContain(`ACTIVE → ${shown('PT')}`);
    session.press('e');

    // A hostile id, in the detail title and the dialog.
    session.press('g'); // it sorts first
    await session.waitFor((s) => selectedLine(s).includes('AA-hostile-id'));
    session.press('enter');
    expect(await session.waitFor(/pod AA-hostile-id/)).toContain(shown('PI'));
    session.press('escape');
    await session.waitFor((s) => selectedLine(s).includes('AA-hostile-id'));
    session.press('D');
    expect(await session.waitFor(/Delete pod/)).toContain(shown('PI'));
    session.press('escape');
    await session.waitFor((s) => !s.includes('Delete pod'));

    // The other tabs, and a sandbox's error message in its detail pane.
    session.press('1');
    expect(await session.waitFor(shown('DA'))).toContain(shown('DP'));
    session.press('2');
    const sandboxes = await session.waitFor(shown('SA'));
    for (const tag of ['SI', 'SL', 'SG']) expect(sandboxes).toContain(shown(tag));
    await selectRow(session, shown('SA'));
    session.press('enter');
    await session.waitFor(shown('SE'));
    session.press('escape');
    session.press('4');
    const nodes = await session.waitFor(shown('NA'));
    expect(nodes).toContain(shown('NS'));
    expect(nodes).toContain('NG<');
    expectNoWrap(session);

    // Nothing from the data ever acted on the terminal while it ran.
    expect(session.isAlternateScreen()).toBe(true);
    expect(session.screenLines()[0]).toMatch(/^ cloudtop /);
    expectCleanOutput(session);
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
    expectCleanOutput(session, { exited: true });
    expect(sim.control.requests().filter((r) => r.method === 'DELETE')).toEqual([]);
  });

  it('keeps columns aligned with CJK and emoji names, and never wraps a long one', async () => {
    const names = [
      '日本語のポッド',
      '🚀-rocket-pod',
      'ｆｕｌｌｗｉｄｔｈ',
      'mixed-日本-🔥-abc',
      `${'長'.repeat(80)}-end`,
      'plain-ascii-pod',
    ];
    for (const [index, name] of names.entries())
      add('pods', {
        id: `wide-${index}`,
        name,
        status: 'ACTIVE',
        gpuName: 'H100_80GB',
        gpuCount: 8,
        providerType: 'runpod',
        priceHr: 1,
      });
    const session = openCloudtop(sim, ['--tab', 'pods'], { cols: 100, rows: 30, unicode: 'modern' });
    term = session;
    const screen = await session.waitFor((s) => s.includes('plain-ascii-pod') && s.includes('🚀'), {
      timeoutMs: 10_000,
    });
    expectNoWrap(session);

    // Find each wide-named row, and the terminal column where its GPU and $/HR cells start.
    const cells = session.screenCells();
    const columnOf = (row: string[], needle: string): number => {
      const joined = row.map((cell) => (cell === '' ? '\u0000' : cell));
      for (let x = 0; x < joined.length; x++)
        if (joined.slice(x).join('').replaceAll('\u0000', '').startsWith(needle)) return x;
      return -1;
    };
    const rows = cells.filter((row) => row.join('').includes('H100_80GB×8') && row.join('').includes('$1.00'));
    expect(rows.length, screen).toBe(names.length);
    const gpuColumns = new Set(rows.map((row) => columnOf(row, 'H100_80GB×8')));
    const priceColumns = new Set(rows.map((row) => columnOf(row, '$1.00')));
    expect([...gpuColumns], screen).toHaveLength(1);
    expect([...priceColumns], screen).toHaveLength(1);
    // The header's GPU title sits over the same column.
    const header = cells.find((row) => row.join('').includes('NAME'))!;
    expect(columnOf(header, 'GPU')).toBe([...gpuColumns][0]);
    // The very long name is cut with an ellipsis inside its column.
    expect(lineWith(screen, '長長')).toMatch(/長…/);
    for (const line of session.screenLines()) expect(stringWidth(line)).toBeLessThanOrEqual(100);
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });
});

/** `cloudtop --once` with stdout a pipe, as a script would run it. */
function runOnce(args: string[]): Promise<{ status: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'cloudtop.js'), '--once', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...envFor(sim), CI: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr: err }));
  });
}

describe('--once with hostile strings', () => {
  it.each([
    ['pods', 'table'],
    ['pods', 'wide'],
    ['sandboxes', 'wide'],
    ['nodes', 'wide'],
  ])('%s as %s prints them harmlessly', async (tab, output) => {
    const { status, stdout, stderr } = await runOnce(['--tab', tab, '--output', output, '--all']);
    expect(status, stderr).toBe(0);
    const text = stdout.toString('utf8');
    expect(text).not.toContain('\u001b');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|pwned/iu);
    expect(text).toContain(tab === 'pods' ? shown('PA') : tab === 'nodes' ? shown('NA') : shown('SA'));
  });

  it('as json keeps every value but escapes what a terminal would act on, and masks secrets', async () => {
    const { status, stdout, stderr } = await runOnce(['--tab', 'pods', '--output', 'json', '--all']);
    expect(status, stderr).toBe(0);
    const text = stdout.toString('utf8');
    // JSON escapes C0 controls (ESC becomes \u001b); C1 controls and bidi overrides must be escaped too.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    const pods = JSON.parse(text) as { id: string; name: unknown; jupyterPassword?: string }[];
    expect(pods.find((pod) => pod.id === 'evil-pod')?.name).toBe(evil('PA'));
    expect(text).not.toContain('pw-never-shown-77');
    expect(pods.find((pod) => pod.id === 'evil-pod')?.jupyterPassword).toBe('••••••••');
  });
});
