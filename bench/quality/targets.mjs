#!/usr/bin/env node
// The fast loop for target choice: profiles every corpus table and runs the tabular designer's
// deterministic brainstorm (no verification, no execution), then scores the proposals against
// bench/quality/corpus.json — recall (a documented target among the proposals) and precision
// (proposals on a documented target or alternative). A minute or two for the whole corpus; the
// numbers of issue 12 come from `node bench/quality.mjs`, which publishes and executes.
//
//   node bench/quality/targets.mjs [--set corpus|holdout|holdout2|holdout3|holdout4|holdout5|holdout6] [--tables a,b] [--verbose [--top N]]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCorpus, corpusDir, loadTruth, missingTables } from './build-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// MLE_SMITH_ROOT: score another checkout's build with this script (a before/after comparison).
const root = process.env.MLE_SMITH_ROOT ? resolve(process.env.MLE_SMITH_ROOT) : resolve(here, '..', '..');
const load = (pkg) => import(pathToFileURL(join(root, pkg, 'dist', 'index.js')).href);
const norm = (s) => String(s).toLowerCase().replace(/[^a-z0-9]+/g, '');

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const verbose = args.includes('--verbose');
// --verbose prints the best N candidate targets of each table with their reasons
const top = Number(opt('--top') ?? 4);
const set = opt('--set') ?? 'corpus';
const truth = loadTruth(set);
const corpus = corpusDir(set);
const wanted = opt('--tables')?.split(',').filter(Boolean);
const tables = truth.tables.filter((t) => !wanted || wanted.includes(t.name));
const missing = missingTables(corpus, tables.map((t) => t.name));
if (missing.length) buildCorpus({ set, tables: missing });

const { profileDataset } = await load('packages/data');
const { createTabularDesigner } = await load('plugins/designer-tabular');
const designer = createTabularDesigner({});
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const ctx = { runId: 'targets', seed: 42, maxProposals: 3, defects: [], history: [], attempt: 0, log: quiet };

const offTarget = [];
let hits = 0, hitsBig = 0, big = 0, onTarget = 0, proposals = 0;
// tables with two sensible targets: how many get two *different* sensible columns proposed
const twoTables = [];
for (const t of tables) {
  const dir = join(corpus, t.name);
  let line;
  try {
    const profile = await profileDataset(dir);
    const props = (await designer.brainstorm(profile, ctx)).slice(0, ctx.maxProposals);
    const good = new Set([...t.targets, ...(t.alternatives ?? [])].map(norm));
    const sources = props.map((p) => (p.target?.sourceColumns ?? [p.target?.name]).map(norm));
    const hit = sources.some((s) => s.some((c) => t.targets.map(norm).includes(c)));
    const ok = sources.filter((s) => s.some((c) => good.has(c))).length;
    hits += hit; proposals += props.length; onTarget += ok;
    props.forEach((p, i) => { if (!sources[i].some((c) => good.has(c))) offTarget.push(`${t.name}: ${p.target?.name}`); });
    if (t.rows >= 150) { big++; hitsBig += hit; }
    if (t.two_sensible_targets) {
      const distinct = new Set(sources.flat().filter((c) => good.has(c)));
      twoTables.push({ name: t.name, ok: distinct.size >= 2, columns: [...distinct] });
    }
    line = `${hit ? 'D' : ' '} ${t.name.padEnd(20)} doc: ${t.targets.join('/').padEnd(22)} proposed: ${props.map((p) => p.target?.name).join(', ')}`;
    if (verbose) {
      const table = profile.tables[0];
      line += `\n     responses: ${JSON.stringify(table?.documentation?.responses ?? profile.documentation?.responses ?? [])}`;
      for (const c of table?.candidateTargets?.slice(0, top) ?? []) line += `\n     ${c.score.toFixed(3)} ${c.column}: ${c.reason}`;
    }
  } catch (err) {
    if (t.rows >= 150) big++;
    if (t.two_sensible_targets) twoTables.push({ name: t.name, ok: false, columns: [] });
    line = `  ${t.name.padEnd(20)} failed: ${err.message.split('\n')[0]}`;
  }
  console.log(line);
}
const pct = (a, b) => `${(100 * a / b).toFixed(1)} % (${a}/${b})`;
console.log(`\nproposal-level recall: ${pct(hitsBig, big)} of tables >= 150 rows, ${pct(hits, tables.length)} of all`);
console.log(`proposal-level precision: ${pct(onTarget, proposals)}`);
if (twoTables.length) {
  const ok = twoTables.filter((t) => t.ok);
  console.log(`two sensible targets, two different sensible columns proposed: ${pct(ok.length, twoTables.length)}; missing: ${twoTables.filter((t) => !t.ok).map((t) => `${t.name} (${t.columns.join(', ') || 'none'})`).join('; ')}`);
}
console.log(`  not on a documented outcome: ${offTarget.join('; ')}`);
