// Sums a .cpuprofile's self time by function and by module (file), top 25 each: `node bench/cpuprofile-summary.js FILE`.
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const fns = new Map();
const files = new Map();
let total = 0;
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const file = (url || '(native)').replace(/^.*node_modules\//, 'nm/').replace(/^file:\/\/.*\/wt\/[^/]+\//, '');
  const fn = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
  fns.set(fn, (fns.get(fn) ?? 0) + us);
  const mod = file.startsWith('nm/') ? file.split('/').slice(0, file.startsWith('nm/@') ? 3 : 2).join('/') : file;
  files.set(mod, (files.get(mod) ?? 0) + us);
  total += us;
}
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
console.log(`total ${(total / 1000).toFixed(0)} ms\n-- by module --\n${top(files)}\n-- by function --\n${top(fns)}`);

// Inclusive time of named functions (`node bench/cpuprofile-summary.js FILE renderEmail loadMonth …`), each counted once per stack.
const names = process.argv.slice(3);
if (names.length) {
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const incl = new Map(names.map((n) => [n, 0]));
  for (const [id, us] of self) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at).callFrame.functionName;
      if (incl.has(name) && !seen.has(name)) {
        seen.add(name);
        incl.set(name, incl.get(name) + us);
      }
    }
  }
  console.log(`-- inclusive --\n${[...incl].map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`).join('\n')}`);
}
