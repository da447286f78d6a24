// Bundles the CLI into dist/cli.js. Dependencies stay external (loaded from
// node_modules); only our own modules are bundled, which keeps start-up to
// one file read for our code and keeps the build to a few hundred ms.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/app/cli.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  jsx: 'automatic',
  sourcemap: 'linked',
  define: { __CLOUDTOP_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
});
