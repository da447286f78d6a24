// Summarises a .cpuprofile (from `node --cpu-prof`): self and total time per function, top N.
// usage: node bench/tools/profile-top.mjs FILE [N] [filter-substring]
import { readFileSync } from 'node:fs';
const [file, n = '30', filter = ''] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const self = new Map();
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
const repoRoot = new URL('../../', import.meta.url).href;
const label = (node) =>
  `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.replace(/^.*node_modules\//, '').replace(repoRoot, '')}:${node.callFrame.lineNumber + 1}`;
const selfBy = new Map();
const totalBy = new Map();
for (const [id, us] of self) {
  const node = byId.get(id);
  const key = label(node);
  selfBy.set(key, (selfBy.get(key) ?? 0) + us);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = label(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    totalBy.set(k, (totalBy.get(k) ?? 0) + us);
  }
}
const all = [...self.values()].reduce((a, b) => a + b, 0);
const show = (map, title) => {
  console.log(`\n${title} (of ${(all / 1000).toFixed(0)} ms)`);
  [...map]
    .filter(([k]) => k.includes(filter))
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(n))
    .forEach(([k, us]) => console.log(`${(us / 1000).toFixed(1).padStart(9)} ms  ${k}`));
};
show(selfBy, 'self');
show(totalBy, 'total');
