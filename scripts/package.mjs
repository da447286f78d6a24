// `npm run package`: cloudtop as one file that runs where Node is not
// installed, build/cloudtop-linux-<arch> (README "Install").
//
// A Node single executable application: the project's pinned Node binary
// (the `node` devDependency, not whatever `node` is on PATH) with the CLI
// bundle injected by `node --build-sea`. The bundle already holds everything
// cloudtop loads at run time (every dependency, Yoga's and llhttp's
// WebAssembly as base64, no dynamic import, no file read beside itself), so
// it needs no assets.
//
// What differs from `bin/cloudtop`:
// - The entry is dist/cloudtop.js, not the dist/cli.js loader: the loader's
//   Node version check cannot fail here, and its compile cache needs the
//   bundle as a file. The executable carries V8's code cache instead.
// - The Node flags of bin/cloudtop are the blob's `execArgv`. Its glibc
//   setting, MALLOC_MMAP_THRESHOLD_, cannot be: glibc reads it before Node
//   starts. It still applies when set in the environment (README "Install").
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCli } from './build.mjs';
import { cliNodeFlags } from './cli-flags.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUILD_DIR = `${root}build`;
/** The executable's file name; `npm run package` writes it to build/. */
export const EXECUTABLE_NAME = `cloudtop-linux-${process.arch}`;

/** The Node binary the project pins (package.json devDependencies.node), as npm installed it. */
async function pinnedNode() {
  const binary = `${root}node_modules/node/bin/node`;
  const { version } = JSON.parse(await readFile(`${root}node_modules/node/package.json`, 'utf8'));
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.stdout.trim() !== `v${version}`) {
    throw new Error(
      `package: the pinned Node ${version} is not at ${binary} (run \`npm ci\`): ${probe.error?.message ?? probe.stdout.trim()}`,
    );
  }
  return { binary, version };
}

/** Runs a command, failing with its own output when it fails. */
function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(
      `package: \`${command} ${args.join(' ')}\` failed: ${result.error?.message ?? (result.stderr || result.stdout).trim()}`,
    );
  }
}

/**
 * Builds the executable into `outDir`: the CLI bundle (unless `bundled`, when
 * dist/ is already built: the tests say so, as other tests are reading it),
 * then the blob injected into a copy of the pinned Node.
 * Returns its path, its size and that of the Node it holds, in bytes, and
 * how long it took.
 */
export async function buildExecutable({ bundled = false, outDir = BUILD_DIR } = {}) {
  // A Linux ELF executable: macOS would need the result re-signed and
  // Windows an .exe, neither of which is built or tested here.
  if (process.platform !== 'linux')
    throw new Error(`package: builds the Linux executable, on Linux (this is ${process.platform})`);
  const started = Date.now();
  const node = await pinnedNode();
  if (!bundled) await buildCli();
  const main = `${root}dist/cloudtop.js`;
  if (!existsSync(main))
    throw new Error('package: dist/cloudtop.js is missing; run `npm run build` (or leave out --bundled)');
  await mkdir(outDir, { recursive: true });
  const output = join(resolve(outDir), EXECUTABLE_NAME);

  // The pinned binary carries 33 MB of symbols and debug information that
  // nothing at run time reads; stripped, the file is 120 MB rather than 154.
  // Without binutils' strip, the binary as it is.
  let base = `${output}.node-${node.version}`;
  const stripped = spawnSync('strip', ['-o', base, node.binary], { encoding: 'utf8' });
  if (stripped.error || stripped.status !== 0) {
    console.warn(
      `package: not stripped (${stripped.error?.message ?? stripped.stderr.trim()}); the file is about 33 MB larger`,
    );
    base = node.binary;
  }

  const nodeBytes = (await stat(base)).size;
  const flags = await cliNodeFlags();
  const config = {
    main,
    mainFormat: 'module',
    executable: base,
    output,
    disableExperimentalSEAWarning: true,
    // V8's code cache of the bundle, made at build time: what the compile
    // cache gives `npm start` from its second run on, from the first run.
    useCodeCache: true,
    execArgv: flags,
  };
  const configPath = `${output}.sea-config.json`;
  await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
  // Built under the flags it will run with: V8 rejects a code cache made
  // under other flags (and says so on stderr at every start).
  run(node.binary, [...flags, '--build-sea', configPath]);
  if (base !== node.binary) await rm(base, { force: true });
  await chmod(output, 0o755);
  const { size } = await stat(output);
  return { path: output, bytes: size, nodeBytes, ms: Date.now() - started, node: node.version, execArgv: flags };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // --out-dir DIR: elsewhere than build/; --bundled: dist/ is already built.
  const { values } = parseArgs({ options: { 'out-dir': { type: 'string' }, bundled: { type: 'boolean' } } });
  const built = await buildExecutable({ bundled: values.bundled, outDir: values['out-dir'] });
  const relative = built.path.startsWith(root) ? built.path.slice(root.length) : built.path;
  console.log(
    `${relative}: ${(built.bytes / 1e6).toFixed(1)} MB, Node ${built.node} with ${built.execArgv.join(' ')}, built in ${(built.ms / 1000).toFixed(1)} s`,
  );
  console.log(`Copy it anywhere on a Linux ${process.arch} machine, chmod +x, run; it needs no Node.`);
}
