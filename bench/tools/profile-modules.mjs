// Self time per source module of a .cpuprofile taken of the bundled CLI: each
// sample's leaf frame is mapped to the module esbuild's `// path` comments
// name at that line of dist/cloudtop.js (or to the node: internal it is in).
// usage: node bench/tools/profile-modules.mjs FILE [skip-first-seconds] [N]
import { readFileSync } from 'node:fs';
const [file, skip = '0', n = '40'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const bundle = readFileSync(new URL('../../dist/cloudtop.js', import.meta.url), 'utf8').split('\n');
const moduleAt = [];
let current = '(bundle prelude)';
bundle.forEach((line, i) => {
  const m = /^\/\/ (\S+\.(?:js|mjs|cjs|ts|tsx|json))$/.exec(line);
  if (m) current = m[1].replace(/^node_modules\//, '').replace(/\/(build|dist|distribution|lib)\/.*/, '');
  moduleAt[i] = current;
});
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const group = (node) => {
  const { url, lineNumber, functionName } = node.callFrame;
  if (!url) return functionName ? `(${functionName.replace(/[()]/g, '')})` : '(native)';
  if (url.startsWith('node:internal/deps/undici')) return 'node: undici (fetch)';
  if (url.startsWith('node:')) return `node: ${url.replace(/^node:(internal\/)?/, '').split('/')[0]}`;
  if (url.endsWith('dist/cloudtop.js')) return moduleAt[lineNumber] ?? '?';
  return url;
};
const start = profile.startTime + Number(skip) * 1e6;
const self = new Map();
let t = profile.startTime;
let all = 0;
profile.samples.forEach((id, i) => {
  t += profile.timeDeltas[i] ?? 0;
  if (t < start) return;
  const dt = profile.timeDeltas[i + 1] ?? 0;
  const key = group(byId.get(id));
  if (key === '(idle)') return;
  all += dt;
  self.set(key, (self.get(key) ?? 0) + dt);
});
console.log(`busy ${(all / 1000).toFixed(0)} ms after ${skip} s, of ${((profile.endTime - start) / 1e6).toFixed(0)} s`);
[...self]
  .sort((a, b) => b[1] - a[1])
  .slice(0, Number(n))
  .forEach(([k, us]) => console.log(`${(us / 1000).toFixed(1).padStart(9)} ms  ${k}`));
