/**
 * The config file, end to end: the built CLI in a real pseudo-terminal
 * against the simulator. A remapped delete (D → X, Ctrl-D and ssh removed)
 * acts only on its new key, and the footer and help say so; a bad value stops
 * start-up in one line with exit status 2, before the terminal is touched.
 */
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { nextPoll, openCloudtop, selectedLine } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 21, counts: { pods: 6, disks: 2, sandboxes: 2, nodes: 2 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());
beforeEach(() => sim.control.clearRequests());

/** A fresh XDG_CONFIG_HOME with `content` as cloudtop/config.json, private to the user. */
function configHome(content: object | string): string {
  const xdg = mkdtempSync(join(tmpdir(), 'cloudtop-e2e-xdg-'));
  mkdirSync(join(xdg, 'cloudtop'));
  const path = join(xdg, 'cloudtop', 'config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  chmodSync(path, 0o600);
  return xdg;
}

const deletes = () => sim.control.requests().filter((request) => request.method === 'DELETE');
const footer = (screen: string): string => screen.trimEnd().split('\n').at(-1) ?? '';

describe('the config file', () => {
  it('moves delete from D to X: D and Ctrl-D do nothing, X opens the dialog, and the footer and help show X', async () => {
    const xdg = configHome({ keys: { delete: ['X'], ssh: null } });
    term = openCloudtop(sim, [], { env: { XDG_CONFIG_HOME: xdg } });
    const session = term;
    const screen = await session.waitFor((s) => /3 Pods \d+/.test(s) && selectedLine(s) !== '', { timeoutMs: 10_000 });
    expect(footer(screen)).toContain('X delete');
    expect(footer(screen)).not.toMatch(/D delete|s ssh/);

    session.press('D');
    session.press('ctrlD');
    session.press('s');
    // Keys are handled in order: once the events pane that e opens is drawn, the three before it have had
    // their effect (a dialog they had opened would have taken the e).
    session.press('e');
    const after = await session.waitFor(/Events \d/);
    expect(after).not.toMatch(/Delete pod|Deleting|ssh exited|SSH into|is for pods/);
    session.press('e');
    await session.waitFor((s) => !/Events \d/.test(s));
    expect(session.exitStatus()).toBeUndefined();

    session.press('X');
    const dialog = await session.waitFor(/Delete pod \S+\?/);
    expect(dialog).toMatch(/› \[ Cancel \]/);
    session.press('escape');
    await session.waitFor((s) => !s.includes('Delete pod'));

    session.press('?');
    const help = await session.waitFor(/Delete the selected \(or marked\) pods/);
    expect(help).toMatch(/^ X +Delete the selected \(or marked\) pods/m);
    expect(help).not.toContain('D / Ctrl-D');
    await nextPoll(sim, '/api/v1/pods');
    expect(deletes()).toEqual([]);
  });

  it('stops on a bad value with one line naming the field, exit status 2, and the terminal untouched', async () => {
    const xdg = configHome({ interval: 'fast', keys: { delete: 'X' } });
    term = openCloudtop(sim, [], { env: { XDG_CONFIG_HOME: xdg } });
    expect(await term.waitForExit(10_000)).toBe(2);
    const output = term.output().toString('utf8');
    const lines = output.split(/\r?\n/).filter((line) => line.trim() !== '');
    expect(lines).toEqual([
      `cloudtop: ${join(xdg, 'cloudtop', 'config.json')}: interval must be a number of seconds from 1 to 3600 (got "fast")`,
    ]);
    // Nothing but that line: no alternate screen, no hidden cursor, no raw mode left behind.
    expect(output).not.toContain('\u001b[');
    expect(term.isAlternateScreen()).toBe(false);
    expect(sim.control.requests()).toEqual([]);
  });
});
