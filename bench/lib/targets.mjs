// What `npm run bench` measures: this tree, and with `--against REV` a git
// revision built beside it. A target says how to run its CLI the way that
// revision runs it (its `cloudtop` command, its Node flags and glibc setting,
// the Node it pins) and where its own benchmark bundle is.
//
// REV is checked out with `git worktree add --detach` into a temporary
// directory, removed when the run ends. Its node_modules are this tree's when
// the two package-lock.json files are the same bytes; otherwise `npm ci` of
// REV's lockfile, once, into node_modules/.cache/cloudtop-bench/modules/<hash>
// (REV's package.json without its scripts, so that only the dependencies'
// install scripts run: the pinned Node's download), linked into the worktree.
// REV's own scripts/build.mjs builds its CLI and bundles its bench/scenarios.tsx
// with its own Node, as `npm run bench` at that revision would.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The Node flags and glibc setting a revision's `cloudtop` command runs with, read from its launcher. */
function launcherOf(root) {
  const shell = join(root, 'bin/cloudtop');
  if (existsSync(shell)) {
    const script = readFileSync(shell, 'utf8');
    const last = script.trimEnd().split('\n').pop();
    return {
      command: shell,
      flags: last.split(/\s+/).filter((word) => word.startsWith('--')),
      // bin/cloudtop sets it itself (if unset); the scenarios run the app under it too.
      env: { MALLOC_MMAP_THRESHOLD_: script.includes('MALLOC_MMAP_THRESHOLD_') ? '131072' : undefined },
    };
  }
  // Before issue 16: bin/cloudtop.js with `#!/usr/bin/env -S node --flag …`.
  const js = join(root, 'bin/cloudtop.js');
  const shebang = readFileSync(js, 'utf8').split('\n')[0];
  return {
    command: js,
    flags: shebang.split(/\s+/).filter((word) => word.startsWith('--')),
    env: { MALLOC_MMAP_THRESHOLD_: undefined },
  };
}

function nodeOf(root) {
  const pinned = join(root, 'node_modules/node/bin/node');
  return existsSync(pinned) ? pinned : process.execPath;
}

function versionOf(node) {
  return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

/** This tree: `out` holds the bench bundle run.mjs built. */
export function currentTarget(root, out) {
  const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' });
  return {
    label: dirty.trim() ? `this tree (${sha}+)` : `this tree (${sha})`,
    root,
    node: process.execPath,
    nodeVersion: process.version,
    launcher: launcherOf(root),
    bundle: out,
    own: true,
    cleanup() {},
  };
}

/** REV built in a temporary worktree. `cacheRoot` is this tree's node_modules/.cache/cloudtop-bench. */
export function revisionTarget(root, rev, cacheRoot, log) {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), `cloudtop-bench-${sha.slice(0, 7)}-`));
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  git('worktree', 'add', '--detach', dir, sha);
  const cleanup = () => {
    try {
      git('worktree', 'remove', '--force', dir);
    } catch {
      rmSync(dir, { recursive: true, force: true });
      git('worktree', 'prune');
    }
  };
  try {
    linkModules(root, dir, cacheRoot, log);
    const node = nodeOf(dir);
    const bundle = join(dir, '.bench-bundle/');
    log(`bench: building ${rev} (${sha.slice(0, 7)}) in ${dir} with Node ${versionOf(node)}`);
    // REV's own build of its CLI and of its benchmark, as its run.mjs builds them.
    const script = `
      import { build } from 'esbuild';
      import { copyFile, mkdir } from 'node:fs/promises';
      import { buildCli, bundleOptions } from './scripts/build.mjs';
      await buildCli();
      await mkdir(${JSON.stringify(bundle)}, { recursive: true });
      const options = bundleOptions({ entryPoints: ['bench/scenarios.tsx', 'bench/lib/sim-worker.ts'], outfile: 'unused', sourcemap: 'inline' });
      delete options.outfile;
      await build({ ...options, outdir: ${JSON.stringify(bundle)}, entryNames: '[name]' });
      await copyFile('test/e2e/pty-driver.py', ${JSON.stringify(`${bundle}pty-driver.py`)});
    `;
    const built = spawnSync(node, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    if (built.status !== 0)
      throw new Error(`building ${rev} failed: ${built.stderr.trim().split('\n').slice(-5).join(' | ')}`);
    return {
      label: `${rev} (${sha.slice(0, 7)})`,
      root: dir,
      node,
      nodeVersion: versionOf(node),
      launcher: launcherOf(dir),
      bundle,
      own: false,
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

function linkModules(root, dir, cacheRoot, log) {
  const lock = readFileSync(join(dir, 'package-lock.json'));
  if (lock.equals(readFileSync(join(root, 'package-lock.json')))) {
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return;
  }
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 16);
  const cached = join(cacheRoot, 'modules', hash);
  if (!existsSync(join(cached, 'node_modules/.package-lock.json'))) {
    log(`bench: npm ci of that revision's lockfile into ${cached} (once)`);
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    delete pkg.scripts;
    writeFileSync(join(cached, 'package.json'), JSON.stringify(pkg, null, 2));
    writeFileSync(join(cached, 'package-lock.json'), lock);
    const ci = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: cached, encoding: 'utf8' });
    if (ci.status !== 0) throw new Error(`npm ci failed: ${ci.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  }
  symlinkSync(join(cached, 'node_modules'), join(dir, 'node_modules'), 'dir');
}
