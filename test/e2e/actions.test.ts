/**
 * SSH, copy, logs and the new deletions, end to end: the built CLI in a
 * real pseudo-terminal against the simulator, keys typed, the screen read,
 * and what the simulator received (or a stand-in `ssh` recorded) checked.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulatorForFile } from '../helpers/sim.js';
import { lineWith, nextPoll, openCloudtop, selectRow, selectedLine } from './helpers.js';
import type { PtySession } from './pty.js';

const sim = await simulatorForFile({ seed: 5, counts: { pods: 6, disks: 0, sandboxes: 0, nodes: 2 } });
let term: PtySession | undefined;
afterEach(() => term?.kill());
beforeEach(() => {
  sim.control.clearRequests();
  sim.control.clearFaults();
});

// A stand-in `ssh` first on PATH: it records its arguments, writes to the terminal it was given, and fails as ssh does.
const bin = mkdtempSync(join(tmpdir(), 'cloudtop-ssh-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));
const argsFile = join(bin, 'ssh-args');
const keyFile = join(bin, 'id_test');
writeFileSync(keyFile, 'not a real key\n');
writeFileSync(
  join(bin, 'ssh'),
  `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\n[ -n "$FAKE_SSH_HANG" ] && exec sleep 30\necho 'FAKE SSH SESSION'\necho 'ssh: connect to host 10.9.8.7 port 2222: Connection refused' >&2\nexit 255\n`,
);
chmodSync(join(bin, 'ssh'), 0o755);
const sshEnv = { PATH: `${bin}:${process.env.PATH ?? ''}`, PRIME_SSH_KEY_PATH: keyFile };

const minutesAgo = (minutes: number) => new Date(sim.control.now() - minutes * 60_000).toISOString();
const deletes = () => sim.control.requests().filter((r) => r.method === 'DELETE');
/** The table as a person reads it: every line but the clock in the header and the flash line. */
const table = (screen: string) => screen.split('\n').slice(1, -2).join('\n');

async function open(args: string[], ready: RegExp, env: Record<string, string> = sshEnv): Promise<PtySession> {
  term = openCloudtop(sim, args, { env });
  await term.waitFor(ready, { timeoutMs: 10_000 });
  await term.waitFor((s) => selectedLine(s) !== '');
  // Every tab loaded (the offers, many pages, come last), so the tab line stays as it is.
  await term.waitFor(/6 Availability \d/, { timeoutMs: 10_000 });
  return term;
}

describe('ssh (s)', () => {
  it('hands the terminal to ssh as `prime pods ssh` runs it, then comes back to the same dashboard with the exit and last error', async () => {
    sim.control.add('pods', {
      name: 'aaa-ssh-target',
      status: 'ACTIVE',
      sshConnection: 'root@10.9.8.7 -p 2222',
      createdAt: minutesAgo(30),
    });
    const session = await open(['--tab', 'pods', '--filter', 'aaa-'], /aaa-ssh-target/);
    session.press('space');
    await session.waitFor((s) => selectedLine(s).startsWith('›✓'));
    const before = table(session.screen());
    const bytesBefore = session.output().length;
    session.press('s');
    const after = await session.waitFor(
      /ssh exited with 255: ssh: connect to host 10\.9\.8\.7 port 2222: Connection refused/,
    );
    expect(readFileSync(argsFile, 'utf8').trim().split('\n')).toEqual([
      '-i',
      keyFile,
      '-o',
      'StrictHostKeyChecking=no',
      '-p',
      '2222',
      'root@10.9.8.7',
    ]);
    // It left the alternate screen for ssh, which wrote to the terminal, and came back to it.
    const during = session.output().subarray(bytesBefore).toString('utf8');
    expect(during.indexOf('\u001b[?1049l')).toBeGreaterThanOrEqual(0);
    expect(during.indexOf('FAKE SSH SESSION')).toBeGreaterThan(during.indexOf('\u001b[?1049l'));
    expect(during.lastIndexOf('\u001b[?1049h')).toBeGreaterThan(during.indexOf('FAKE SSH SESSION'));
    expect(session.isAlternateScreen()).toBe(true);
    // Same tab, filter, selection and mark.
    expect(table(after)).toBe(before);
    // Keys work again.
    session.press('?');
    await session.waitFor(/SSH into the selected pod/);
  });

  it('Ctrl-C while ssh hangs stops ssh, not the dashboard', async () => {
    sim.control.add('pods', {
      name: 'aaa-ssh-hang',
      status: 'ACTIVE',
      sshConnection: 'root@10.9.8.5 -p 22',
      createdAt: minutesAgo(30),
    });
    const session = await open(['--tab', 'pods', '--filter', 'aaa-ssh-hang'], /aaa-ssh-hang/, {
      ...sshEnv,
      FAKE_SSH_HANG: '1',
    });
    rmSync(argsFile, { force: true });
    session.press('s');
    // Once ssh runs (it wrote its arguments), Ctrl-C.
    await vi.waitFor(() => expect(existsSync(argsFile)).toBe(true), { timeout: 10_000, interval: 50 });
    session.press('ctrlC');
    await session.waitFor(/ssh was stopped \(SIGINT\)/);
    expect(session.exitStatus()).toBeUndefined();
    session.press('q');
    expect(await session.waitForExit()).toBe(0);
  });

  it('a pod still provisioning gets a reason with its progress; a missing key names the path and the setting', async () => {
    sim.control.add('pods', {
      name: 'aaa-provisioning',
      status: 'PROVISIONING',
      sshConnection: null,
      installationProgress: 35,
      createdAt: minutesAgo(2),
    });
    const session = await open(['--tab', 'pods', '--filter', 'aaa-provisioning'], /aaa-provisioning/);
    session.press('s');
    await session.waitFor(/Pod aaa-provisioning has no SSH connection yet: it is PROVISIONING/);
    session.kill();
    sim.control.add('pods', {
      name: 'aaa-no-key',
      status: 'ACTIVE',
      sshConnection: 'root@10.9.8.6 -p 22',
      createdAt: minutesAgo(30),
    });
    const noKey = await open(['--tab', 'pods', '--filter', 'aaa-no-key'], /aaa-no-key/, {
      ...sshEnv,
      PRIME_SSH_KEY_PATH: join(bin, 'missing-key'),
    });
    noKey.press('s');
    await noKey.waitFor(
      `SSH key ${join(bin, 'missing-key')} not found: set ssh_key_path in ~/.prime/config.json or PRIME_SSH_KEY_PATH`,
    );
  });
});

describe('copy (c, C)', () => {
  it('puts the full ssh command (c) or the id (C) on the clipboard with OSC 52, and says so', async () => {
    const pod = sim.control.add('pods', {
      name: 'aaa-copy',
      status: 'ACTIVE',
      sshConnection: 'root@10.1.1.1 -p 2200',
      createdAt: minutesAgo(30),
    });
    const session = await open(['--tab', 'pods', '--filter', 'aaa-copy'], /aaa-copy/);
    session.press('c');
    await session.waitFor('Copied the ssh command for pod aaa-copy');
    session.press('C');
    await session.waitFor(`Copied the pod's id: ${pod.id}`);
    const copied = session
      .oscs()
      .filter((osc) => osc.id === 52)
      .map((osc) => Buffer.from(osc.data.replace(/^c;/, ''), 'base64').toString('utf8'));
    expect(copied).toEqual([`ssh -i ${keyFile} -o StrictHostKeyChecking=no -p 2200 root@10.1.1.1`, pod.id]);
  });
});

describe('logs (l)', () => {
  it('shows the newest lines, follows new ones, searches, and Esc goes back where the table was', async () => {
    sim.control.add('pods', { name: 'aaa-logs', status: 'ACTIVE', createdAt: minutesAgo(20) });
    const session = await open(['--tab', 'pods', '--filter', 'aaa-logs'], /aaa-logs/);
    const before = table(session.screen());
    session.press('l');
    const count = (s: string) => Number(/Logs · pod aaa-logs · ([\d,]+) lines/.exec(s)?.[1]?.replace(/,/g, '') ?? 0);
    // Twenty minutes at 30 lines a minute.
    let screen = await session.waitFor((s) => count(s) === 601 && s.includes('following'));
    const first = count(screen);
    sim.control.advance(60_000);
    screen = await session.waitFor((s) => count(s) > first, { timeoutMs: 5000 });
    expect(count(screen) - first).toBe(30);
    session.press('/');
    session.write('train]');
    session.press('enter');
    // The prompt shows what was typed before Enter is read: wait for the match it finds, not for the text.
    const found = (s: string) => s.split('\n').some((line) => line.startsWith('› ') && line.includes('[train]'));
    screen = await session.waitFor(found);
    expect(screen).toMatch(/\/train\]/);
    session.press('escape');
    screen = await session.waitFor((s) => !s.includes('Logs ·'));
    expect(table(screen)).toBe(before);
    expect(sim.control.requests().some((r) => r.path.endsWith('/log') && r.query.tail?.[0] === '1000')).toBe(true);
  });
});

describe('deleting sandboxes and disks (D)', () => {
  it('marked sandboxes: one dialog listing them, then one bulk DELETE with their ids', async () => {
    const ids = ['one', 'two', 'three'].map(
      (word) =>
        sim.control.add('sandboxes', { name: `aaa-bulk-${word}`, status: 'RUNNING', startedAt: minutesAgo(5) }).id,
    );
    const session = await open(['--tab', 'sandboxes', '--filter', 'aaa-bulk'], /aaa-bulk-two/);
    for (const name of ['aaa-bulk-one', 'aaa-bulk-three', 'aaa-bulk-two']) {
      await selectRow(session, name);
      session.press('space');
      await session.waitFor((s) => selectedLine(s).startsWith('›✓'));
    }
    session.press('D');
    const dialog = await session.waitFor(/Delete 3 sandboxes\?/);
    expect(dialog).toMatch(/IMAGE/);
    session.press('y', 'y');
    await session.waitFor('Deleted 3 sandboxes');
    await nextPoll(sim, '/api/v1/sandbox');
    expect(deletes()).toEqual([
      expect.objectContaining({
        path: '/api/v1/sandbox',
        body: expect.objectContaining({ sandbox_ids: expect.arrayContaining(ids) }),
      }),
    ]);
    expect((deletes()[0]!.body as { sandbox_ids: string[] }).sandbox_ids).toHaveLength(3);
  });

  it('one sandbox: DELETE /sandbox/{id} after a dialog with its image, status and labels', async () => {
    const sandbox = sim.control.add('sandboxes', {
      name: 'aaa-single',
      status: 'RUNNING',
      labels: ['team-x'],
      startedAt: minutesAgo(5),
    });
    const session = await open(['--tab', 'sandboxes', '--filter', 'aaa-single'], /aaa-single/);
    session.press('D');
    const dialog = await session.waitFor(/Delete sandbox aaa-single\?/);
    expect(dialog).toContain('team-x');
    expect(dialog).toMatch(/› \[ Cancel \]/);
    session.press('y');
    await session.waitFor('Deleted sandbox aaa-single');
    expect(deletes().map((r) => r.path)).toEqual([`/api/v1/sandbox/${sandbox.id}`]);
  });

  it('a disk attached to a pod is refused naming the pod; a free one needs its name typed before Delete', async () => {
    const attached = sim.control.add('disks', { name: 'aaa-disk-busy', status: 'ACTIVE' });
    const pod = sim.control.add('pods', {
      name: 'aaa-disk-owner',
      status: 'ACTIVE',
      attachedResources: [
        {
          id: attached.id,
          type: 'DISK',
          status: 'ACTIVE',
          createdAt: attached.createdAt,
          size: 10,
          mountPath: '/data',
          resourcePath: '',
          isDetachable: true,
          resourceType: 'DISK',
        },
      ],
    });
    const free = sim.control.add('disks', { name: 'aaa-disk-free', status: 'ACTIVE' });
    // Once the pods are in too (a hidden tab loads a moment later), the message names the pod; before, its id alone.
    const session = await open(
      ['--tab', 'disks', '--filter', 'aaa-disk'],
      /aaa-disk-free[\s\S]*3 Pods \d+|3 Pods \d+[\s\S]*aaa-disk-free/,
    );
    await selectRow(session, 'aaa-disk-busy');
    session.press('D');
    await session.waitFor(
      `Disk aaa-disk-busy is attached to pod aaa-disk-owner (${pod.id}): delete or detach the pod first`,
    );
    await selectRow(session, 'aaa-disk-free');
    session.press('D');
    await session.waitFor("Type the disk's name to enable Delete: aaa-disk-free");
    // y is a letter here, and Enter does nothing until the name is whole.
    session.write('aaa-disk-fre');
    session.press('y', 'enter');
    await session.waitFor('› aaa-disk-frey');
    session.press('backspace');
    session.write('e');
    await session.waitFor('› [ Delete ]');
    session.press('enter');
    await session.waitFor('Deleted disk aaa-disk-free');
    expect(deletes().map((r) => r.path)).toEqual([`/api/v1/disks/${free.id}`]);
    expect(lineWith(session.screen(), 'aaa-disk-busy')).toContain('ACTIVE');
  });

  it('--read-only: deletion is refused with a reason, while ssh, logs and copy still work', async () => {
    sim.control.add('pods', {
      name: 'aaa-readonly',
      status: 'ACTIVE',
      sshConnection: 'root@10.2.2.2 -p 22',
      createdAt: minutesAgo(30),
    });
    const session = await open(['--tab', 'pods', '--filter', 'aaa-readonly', '--read-only'], /aaa-readonly/);
    session.press('D');
    await session.waitFor(/Deleting is disabled: cloudtop was started with --read-only/);
    session.press('C');
    await session.waitFor("Copied the pod's id");
    session.press('s');
    await session.waitFor(/ssh exited with 255/);
    session.press('l');
    await session.waitFor(/Logs · pod aaa-readonly/);
    expect(deletes()).toEqual([]);
  });
});
