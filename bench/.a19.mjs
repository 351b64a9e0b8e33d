import { readFileSync, readdirSync } from 'node:fs';
import { elo, agreement } from '@mle-smith/stats';
const base = '/tmp/agree8-out/eval';
const load = (set) => readdirSync(`${base}/${set}`).flatMap((t) => { try { return JSON.parse(readFileSync(`${base}/${set}/${t}/scores.done.json`, 'utf8')); } catch { return []; } });
const gen = load('generated'), ref = load('reference');
const mod = (id) => id.split('-')[1];
for (const [name, rows] of [['gen', gen], ['ref', ref]]) {
  const tasks = new Map();
  for (const r of rows) tasks.set(r.task, mod(r.solver));
  const c = {}; for (const m of tasks.values()) c[m] = (c[m] ?? 0) + 1;
  let ms = {}; for (const r of rows) ms[r.solver] = (ms[r.solver] ?? 0) + (r.durationMs ?? 0);
  console.log(name, JSON.stringify(c), 'total min', (Object.values(ms).reduce((a, b) => a + b, 0) / 60000).toFixed(1));
  console.log(Object.entries(ms).sort((a,b)=>b[1]-a[1]).slice(0,10).map(([s,v])=>`${s} ${(v/60000).toFixed(1)}`).join('; '));
}
// per modality Elo of each zoo solver
for (const m of ['tabular', 'text', 'image', 'audio']) {
  const e = (rows) => new Map(elo(rows.filter((r) => mod(r.solver) === m && r.status !== 'unsupported'), { bootstrap: 0 }).ratings.map((r) => [r.solver, r.elo]));
  const a = e(gen), b = e(ref);
  console.log(m, [...a.keys()].map((s) => `${s.replace('zoo-' + m + '-', '')} ${a.get(s)?.toFixed(0)}/${b.get(s)?.toFixed(0)}`).join('  '));
}
