/**
 * The standalone executable (`npm run package`) as someone uses it on a jump
 * host without Node: one file built into a folder outside the repository,
 * started from there with a PATH that has no `node`, in a real
 * pseudo-terminal. The demo dashboard, quitting with q, a signal, `--once`
 * against a simulator, the simulator the file itself carries, and the flags
 * that print and exit: each as `npm start` does it, and the terminal given
 * back every time.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnPty, REPO_ROOT, type PtyOptions, type PtySession } from '../e2e/pty.js';
import { simulatorForFile } from '../helpers/sim.js';

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const sim = await simulatorForFile({ seed: 11, counts: { pods: 6, disks: 5, sandboxes: 4, nodes: 3 } });

let dir = '';
let executable = '';
/** A PATH with a shell and a few everyday tools, and no `node`. */
let nodelessPath = '';

/** No key of the person running the tests, no NODE_OPTIONS of the test runner: the executable sees what a fresh login would give it. */
const BASE_ENV = {
  HOME: '/nonexistent-home-for-tests',
  PRIME_API_KEY: undefined,
  PRIME_API_BASE_URL: undefined,
  PRIME_BASE_URL: undefined,
  PRIME_TEAM_ID: undefined,
  DISPERSED_PUBLIC_KEY: undefined,
  DISPERSED_SECRET_KEY: undefined,
  DISPERSED_BASE_URL: undefined,
  NODE_OPTIONS: undefined,
  MALLOC_MMAP_THRESHOLD_: undefined,
};

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cloudtop.js')))
    throw new Error('dist/cloudtop.js is missing: run `npm run build` first (npm test does).');
  dir = mkdtempSync(join(tmpdir(), 'cloudtop-sea-'));
  // dist/ as `npm test` just built it: rebuilding it here would pull it from under the other end-to-end tests.
  const built = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'scripts', 'package.mjs'), '--bundled', '--out-dir', dir],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`npm run package failed:\n${built.stdout}${built.stderr}`);
  executable = join(dir, `cloudtop-linux-${process.arch}`);

  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const tool of ['sh', 'cat', 'ls', 'env', 'stty']) {
    const found = ['/usr/bin', '/bin'].map((folder) => join(folder, tool)).find((path) => existsSync(path));
    if (found) symlinkSync(found, join(bin, tool));
  }
  nodelessPath = bin;
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let term: PtySession | undefined;
afterEach(() => term?.kill());

/** The executable in a PTY, from its own folder, with no node on PATH. */
function open(args: string[], env: PtyOptions['env'] = {}): PtySession {
  term = spawnPty(executable, args, {
    cwd: dir,
    cols: 120,
    rows: 30,
    env: { ...BASE_ENV, ...env, PATH: nodelessPath },
  });
  return term;
}

/**
 * The executable with pipes (no terminal), from its own folder, with no node
 * on PATH. Asynchronous: the simulator it may talk to runs in this process.
 */
async function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number; stdout: string; stderr: string }> {
  const options = {
    cwd: dir,
    encoding: 'utf8' as const,
    timeout: 20_000,
    env: { HOME: BASE_ENV.HOME, LANG: 'C.UTF-8', ...env, PATH: nodelessPath },
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(executable, args, options);
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { status: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const keysFor = (url: string, prime: string, dispersed: { publicKey: string; secretKey: string }) => ({
  PRIME_API_KEY: prime,
  PRIME_API_BASE_URL: url,
  DISPERSED_PUBLIC_KEY: dispersed.publicKey,
  DISPERSED_SECRET_KEY: dispersed.secretKey,
  DISPERSED_BASE_URL: url,
});

const expectRestored = (session: PtySession): void => {
  expect(session.isAlternateScreen()).toBe(false);
  expect(session.cursorHidden()).toBe(false);
  expect(session.terminalModesAfterExit()).toEqual({ echo: true, canonical: true });
};

describe('the standalone executable, where there is no node', () => {
  it('is one file that runs with no node on PATH, and prints its version, its help and usage errors as the command does', async () => {
    const probe = spawnSync('/bin/sh', ['-c', 'command -v node'], { env: { PATH: nodelessPath }, encoding: 'utf8' });
    expect(probe.status, `node found on the test PATH: ${probe.stdout}`).not.toBe(0);

    const shown = await run(['--version']);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toBe(`cloudtop ${version}\n`);
    // No "experimental" notice or other warning from the Node inside. Nor "Code cache data
    // rejected": the cache was made under bin/cloudtop's Node flags, so they are in force.
    expect(shown.stderr).toBe('');
    const flags = readFileSync(join(REPO_ROOT, 'bin', 'cloudtop'), 'utf8')
      .trimEnd()
      .split('\n')
      .pop()!
      .split(/\s+/)
      .filter((word) => word.startsWith('--'));
    expect(flags.length).toBeGreaterThan(0);
    expect(
      (JSON.parse(readFileSync(`${executable}.sea-config.json`, 'utf8')) as { execArgv: string[] }).execArgv,
    ).toEqual(flags);

    const help = await run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cloudtop \[options\]\n\s+cloudtop sim/);

    const wrong = await run(['--tab', 'gpus']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toBe(
      'cloudtop: --tab must be one of disks, sandboxes, pods, nodes, history, availability (got "gpus")\n',
    );
  });

  it('shows the demo dashboard with no key, and q quits with status 0 and the terminal restored', async () => {
    // The demo world is the same in every run: its pods as `--once` prints them, names that fit the column.
    const printed = await run(['--once', '--tab', 'pods']);
    expect(printed.status, printed.stderr).toBe(0);
    const pods = printed.stdout
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/)[0]!)
      .filter((name) => name.length > 0 && name.length < 24);
    expect(pods.length).toBeGreaterThan(5);

    const session = open([]);
    const screen = await session.waitFor((s) => s.includes('● live') && /3 Pods \d+/.test(s), { timeoutMs: 15_000 });
    expect(screen).toContain('DEMO');
    expect(screen).toContain('simulated data');
    for (const name of pods.slice(0, 8))
      expect(screen).toMatch(new RegExp(`^[› ]\\s+${name.replace(/[.]/g, '\\.')}\\s+[A-Z]+\\s`, 'm'));
    expect(session.isAlternateScreen()).toBe(true);
    session.press('q');
    expect(await session.waitForExit(10_000)).toBe(0);
    expectRestored(session);
  });

  it('prints a tab once against the simulator, row for row', async () => {
    const printed = await run(
      ['--once', '--tab', 'disks', '--all', '--output', 'json'],
      keysFor(sim.url, sim.primeKey, sim.dispersedKeys),
    );
    expect(printed.status, printed.stderr).toBe(0);
    const ids = (JSON.parse(printed.stdout) as { id: string }[]).map((disk) => disk.id).sort();
    expect(ids).toEqual((sim.control.list('disks') as { id: string }[]).map((disk) => disk.id).sort());
  });

  it('carries the simulator: `sim` serves, the dashboard shows its pods, SIGTERM restores the terminal, and the simulator stops on Ctrl-C', async () => {
    const server = spawn(executable, ['sim', '--port', '0', '--seed', '3'], {
      cwd: dir,
      env: { HOME: BASE_ENV.HOME, PATH: nodelessPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      server.stdout.setEncoding('utf8');
      const env = await new Promise<Record<string, string>>((resolve, reject) => {
        server.once('exit', (code) => reject(new Error(`cloudtop sim exited with ${String(code)}: ${out}`)));
        server.stdout.on('data', (text: string) => {
          out += text;
          // The line it prints for pointing a client at it: NAME=value … cloudtop
          const line = out
            .split('\n')
            .find((l) => l.trim().startsWith('PRIME_API_KEY=') && l.trim().endsWith(' cloudtop'));
          if (line)
            resolve(
              Object.fromEntries(
                line
                  .trim()
                  .split(/\s+/)
                  .slice(0, -1)
                  .map((pair) => pair.split('=', 2) as [string, string]),
              ),
            );
        });
      });
      expect(env.PRIME_API_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

      const session = open(['--interval', '1'], env);
      const screen = await session.waitFor((s) => s.includes('● live') && /3 Pods \d+/.test(s), { timeoutMs: 15_000 });
      expect(screen).not.toContain('DEMO');
      expect(screen).toContain(new URL(env.PRIME_API_BASE_URL!).host);
      session.signal('SIGTERM');
      expect(await session.waitForExit(10_000)).toBe(143);
      expectRestored(session);

      const stopped = new Promise<number | null>((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      expect(await stopped).toBe(0);
      expect(out).toContain('simulator stopped');
    } finally {
      server.kill('SIGKILL');
    }
  });
});
