// The Node flags the `cloudtop` command runs with, read from the last line of
// bin/cloudtop (`exec node --flag … cloudtop.js "$@"`), so that the shell
// command, the standalone executable (scripts/package.mjs) and the benchmark
// (bench/run.mjs) cannot drift apart: the script is the one place they are set.
import { readFile } from 'node:fs/promises';

export async function cliNodeFlags() {
  const script = await readFile(new URL('../bin/cloudtop', import.meta.url), 'utf8');
  const flags = script
    .trimEnd()
    .split('\n')
    .pop()
    .split(/\s+/)
    .filter((word) => word.startsWith('--'));
  if (flags.length === 0) throw new Error('bin/cloudtop: no Node flags found on its last line');
  return flags;
}
