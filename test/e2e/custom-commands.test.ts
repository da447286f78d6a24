/**
 * Your own commands on the selected resource (the config file's `commands`),
 * end to end: the built CLI in a real pseudo-terminal against the simulator,
 * running a stand-in program that writes down the arguments it was given.
 * The selected pod's id and name arrive as arguments, a hostile name as one
 * argument and no shell word (with and without a shell), the terminal is
 * lent to a command as to ssh and taken back, and a destructive one is not
 * offered under --read-only.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sanitize } from '../../src/util/text.js';
import { simulatorForFile } from '../helpers/sim.js';
import { openCloudtop, selectedLine, selectRow } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 37, counts: { pods: 4, disks: 1, sandboxes: 0, nodes: 0 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());

const dir = mkdtempSync(join(tmpdir(), 'cloudtop-commands-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const argsFile = join(dir, 'args');
const pwned = join(dir, 'pwned');
// Writes each argument it was given, NUL-terminated, so that a space or a newline inside one is seen as such.
const recorder = join(dir, 'record-args');
writeFileSync(recorder, `#!/bin/sh\nprintf '%s\\0' "$@" > '${argsFile}'\necho 'RECORDER RAN'\n`);
chmodSync(recorder, 0o755);

/** What the stand-in was last given, one entry per argument. */
const recorded = (): string[] => readFileSync(argsFile, 'utf8').split('\0').slice(0, -1);

function configHome(commands: object): string {
  const xdg = mkdtempSync(join(dir, 'xdg-'));
  mkdirSync(join(xdg, 'cloudtop'));
  const path = join(xdg, 'cloudtop', 'config.json');
  writeFileSync(path, JSON.stringify({ commands }));
  chmodSync(path, 0o600);
  return xdg;
}

// A name that would be several words, a command substitution and an option to a shell, with a newline in it too.
const HOSTILE = `qq-evil; touch '${pwned}' $(touch ${pwned}) "a b" --delete-all\nrm -rf ~`;
const hostile = sim.control.add('pods', { name: HOSTILE, status: 'ACTIVE' });
const plain = sim.control.add('pods', { name: 'qq-plain', status: 'ACTIVE' });
const footerLine = (screen: string): string => screen.trimEnd().split('\n').at(-1) ?? '';

describe('a command of the config file', () => {
  it("receives the selected pod's id and name as arguments, in the background, with its exit status on the flash line", async () => {
    const xdg = configHome({
      inspect: { key: 'i', tabs: ['pods'], command: recorder, args: ['{id}', '--name={name}'], background: true },
    });
    term = openCloudtop(sim, ['--tab', 'pods', '--filter', 'qq-'], { env: { XDG_CONFIG_HOME: xdg } });
    expect(footerLine(await term.waitFor('qq-plain', { timeoutMs: 10_000 }))).toContain('i inspect');
    await selectRow(term, 'qq-plain');
    term.press('i');
    await term.waitFor(/inspect on pod qq-plain ended/);
    expect(recorded()).toEqual([plain.id, '--name=qq-plain']);
    term.press('?');
    expect(await term.waitFor(/inspect: runs /)).toMatch(
      /^ i +inspect: runs .*record-args \{id\} --name=\{name\} \(in the background\)/m,
    );
  });

  it('passes a hostile name as one argument, never a shell word, even to a command that asks for a shell', async () => {
    const xdg = configHome({
      inspect: { key: 'i', tabs: ['pods'], command: recorder, args: ['{id}', '{name}'], background: true },
      viaShell: {
        key: 'x',
        tabs: ['pods'],
        shell: true,
        command: `'${recorder}' "$@" "$1"`,
        args: ['{name}'],
        background: true,
      },
    });
    term = openCloudtop(sim, ['--tab', 'pods', '--filter', 'qq-evil'], { env: { XDG_CONFIG_HOME: xdg } });
    await term.waitFor((screen) => selectedLine(screen).includes('qq-evil'), { timeoutMs: 10_000 });
    term.press('i');
    await term.waitFor(/inspect on pod qq-evil[\s\S]* ended/);
    // One argument, as the name reads on screen: its control characters (the newline) taken out, nothing else.
    expect(recorded()).toEqual([hostile.id, sanitize(HOSTILE)]);
    term.press('x');
    await term.waitFor(/viaShell on pod qq-evil[\s\S]* ended/);
    expect(recorded()).toEqual([sanitize(HOSTILE), sanitize(HOSTILE)]);
    expect(existsSync(pwned)).toBe(false);
  });

  it('is lent the terminal as ssh is, then the same dashboard comes back', async () => {
    const xdg = configHome({ show: { key: 'i', tabs: ['pods'], command: recorder, args: ['{name}'] } });
    term = openCloudtop(sim, ['--tab', 'pods', '--filter', 'qq-plain'], { env: { XDG_CONFIG_HOME: xdg } });
    await term.waitFor((screen) => selectedLine(screen).includes('qq-plain'), { timeoutMs: 10_000 });
    const before = term.output().length;
    term.press('i');
    await term.waitFor(/show on pod qq-plain ended/);
    const during = term.output().subarray(before).toString('utf8');
    expect(during.indexOf('\u001b[?1049l')).toBeGreaterThanOrEqual(0);
    expect(during.indexOf('RECORDER RAN')).toBeGreaterThan(during.indexOf('\u001b[?1049l'));
    expect(during.lastIndexOf('\u001b[?1049h')).toBeGreaterThan(during.indexOf('RECORDER RAN'));
    expect(term.isAlternateScreen()).toBe(true);
    expect(recorded()).toEqual(['qq-plain']);
  });

  it('is not offered under --read-only when it is destructive, and says why on its key', async () => {
    rmSync(argsFile, { force: true });
    const xdg = configHome({
      drain: { key: 'i', tabs: ['pods'], command: recorder, args: ['{id}'], destructive: true, background: true },
    });
    term = openCloudtop(sim, ['--tab', 'pods', '--read-only', '--filter', 'qq-plain'], {
      env: { XDG_CONFIG_HOME: xdg },
    });
    const shown = await term.waitFor((screen) => selectedLine(screen).includes('qq-plain'), { timeoutMs: 10_000 });
    expect(footerLine(shown)).not.toContain('drain');
    term.press('i');
    await term.waitFor(/drain is disabled: cloudtop was started with --read-only/);
    expect(existsSync(argsFile)).toBe(false);
  });
});
