/**
 * The npm package as someone installs it: `npm pack`, then
 * `npm install -g ./cloudtop-<version>.tgz` (into a temporary prefix, offline
 * with an empty cache, so nothing can come from the registry), then the
 * `cloudtop` command it gives: version, `--once` in demo mode, the dashboard.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, spawnPty, type PtySession } from '../e2e/pty.js';

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
/** This Node (the pinned one) first, then the system's tools: npm and the installed command run on it. */
const PATH = `${dirname(process.execPath)}:/usr/bin:/bin`;
const DEMO_ENV = {
  HOME: '/nonexistent-home-for-tests',
  PATH,
  PRIME_API_KEY: undefined,
  PRIME_API_BASE_URL: undefined,
  DISPERSED_PUBLIC_KEY: undefined,
  DISPERSED_SECRET_KEY: undefined,
  DISPERSED_BASE_URL: undefined,
};

let dir = '';
let packed: { filename: string; files: { path: string }[] };
let command = '';

function npm(args: string[], cwd: string) {
  const result = spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
    // Its own empty cache and no user config: what it installs comes from the tarball or not at all.
    env: {
      ...process.env,
      PATH,
      npm_config_cache: join(dir, 'npm-cache'),
      npm_config_userconfig: join(dir, 'npmrc'),
      npm_config_update_notifier: 'false',
    },
  });
  if (result.status !== 0)
    throw new Error(`npm ${args.join(' ')} failed (${String(result.status)}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  if (!existsSync(join(REPO_ROOT, 'dist', 'cloudtop.js')))
    throw new Error('dist/cloudtop.js is missing: run `npm run build` first (npm test does).');
  dir = mkdtempSync(join(tmpdir(), 'cloudtop-pack-'));
  // --ignore-scripts: `prepare` would rebuild dist/, which `npm test` has just built and other tests are reading.
  const [result] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], REPO_ROOT)) as [
    typeof packed,
  ];
  packed = result!;
  const prefix = join(dir, 'prefix');
  npm(
    ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)],
    dir,
  );
  command = join(prefix, 'bin', 'cloudtop');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let term: PtySession | undefined;
afterEach(() => term?.kill());

describe('the npm package', () => {
  it('holds only what runs: the command, the loader and the bundle (no sources, tests, bench or source map)', () => {
    expect(packed.filename).toBe(`cloudtop-${version}.tgz`);
    expect(packed.files.map((file) => file.path).sort()).toEqual([
      'README.md',
      'bin/cloudtop',
      'bin/cloudtop.js',
      'dist/cli.js',
      'dist/cloudtop.js',
      'package.json',
    ]);
  });

  it('installs with `npm install -g` from the tarball alone and gives a `cloudtop` that prints its version and a tab once', async () => {
    // Installed offline from an empty cache: it needs nothing from the registry.
    const run = promisify(execFile);
    const env = { HOME: DEMO_ENV.HOME, PATH };
    expect((await run(command, ['--version'], { env, encoding: 'utf8' })).stdout).toBe(`cloudtop ${version}\n`);
    // Demo mode: no key, the embedded simulator. A pipe, so it prints once.
    const { stdout, stderr } = await run(command, ['--once', '--tab', 'pods'], {
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(stderr).toBe('');
    const [header, ...rows] = stdout.trimEnd().split('\n');
    expect(header).toMatch(/^NAME\s+STATUS\s+GPU\s+\$\/HR\s+AGE$/);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row).toMatch(/^\S+\s+[A-Z_]+\s+\S+\s+\$[\d,.]+\s+\S+$/);
  });

  it('gives a `cloudtop` whose dashboard starts in a terminal and quits cleanly', async () => {
    term = spawnPty(command, [], { cwd: dir, cols: 120, rows: 30, env: DEMO_ENV });
    await term.waitFor((s) => s.includes('DEMO') && /3 Pods \d+/.test(s), { timeoutMs: 15_000 });
    term.press('q');
    expect(await term.waitForExit(10_000)).toBe(0);
    expect(term.isAlternateScreen()).toBe(false);
    expect(term.cursorHidden()).toBe(false);
  });
});
