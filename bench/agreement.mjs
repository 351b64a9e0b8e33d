#!/usr/bin/env node
// The agreement study (docs/agreement.md): do solvers rank the same on tasks MLE-Smith generates
// as on tasks people designed by hand? Generates tasks with `mle-smith run` from the source
// datasets of the human-designed reference set (examples/reference-tasks/), evaluates every
// solver on both sets with several seeds through `mle-smith eval`, fits Elo on each set and prints
// every agreement statistic with a bootstrap 95% interval next to the paper's values; writes the
// HTML comparison report (`mle-smith compare --out`); and prints the same study between random
// halves of the reference set (how well the human set agrees with itself: the ceiling).
//
//   node bench/agreement.mjs [--datasets iris,wine,...] [--ladder budget|families]
//     [--solvers zoo-tabular-knn,...] [--seeds 3] [--out bench/.data/agreement] [--bootstrap 1000]
//     [--halves 50] [--concurrency 2] [--no-execute]
//
// Resumable: the generated set is `run`'s output folder (run resumes there), and every
// (set, task) is one `eval` whose finished scores are kept; rerunning redoes only what is missing.
// Entrants: the zoo's solvers are modality-specific, so the k-th rung of a ladder in every
// modality plays as one entrant `rung-k` (like one agent that solves every modality). The default
// ladder is the zoo's data-budget ladder (one learner on 2% ... 100% of the training rows: an
// order known in advance); `--ladder families` runs the model families (constant ... stack).
// `--solvers` with explicit ids keeps the ids. The Elo tables and statistics go to stdout and to
// <out>/agreement.json.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agreement, compareScoreSets, elo, mulberry32, quantileSorted } from '@mle-smith/stats';
import { ZOO_LADDERS, zooSolverId } from '@mle-smith/plugin-solver-zoo';
import { createHash } from 'node:crypto';
import { referenceDatasetDir } from '../tools/reference-datasets.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'packages', 'cli', 'bin', 'mle-smith.js');
const REFERENCE_DIR = join(root, 'examples', 'reference-tasks', 'tasks');

/** The paper's values (MLE-Smith, arXiv 2510.07307: 8 LLMs, generated vs MLE-Dojo tasks). */
export const PAPER = { pearson: 0.982, spearman: 0.952, kendallTauB: 0.857, ccc: 0.958, cronbachAlpha: 0.993, icc21: 0.981 };
const STATS = ['pearson', 'r2', 'spearman', 'kendallTauB', 'ccc', 'icc21', 'cronbachAlpha', 'blandAltmanBias'];

function parseArgs(argv) {
  const flag = (name) => argv.includes(name);
  const opt = (name, fallback) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const list = (name) => opt(name)?.split(',').map((s) => s.trim()).filter(Boolean);
  const int = (name, fallback) => {
    const v = Number.parseInt(opt(name, String(fallback)), 10);
    if (!Number.isInteger(v) || v < 0) throw new Error(`${name}: expected a non-negative integer, got ${opt(name)}`);
    return v;
  };
  const ladder = opt('--ladder', 'budget');
  if (!(ladder in ZOO_LADDERS)) throw new Error(`--ladder: expected one of ${Object.keys(ZOO_LADDERS).join(', ')}, got ${ladder}`);
  return {
    datasets: list('--datasets'),
    ladder,
    solvers: list('--solvers'),
    seeds: Math.max(1, int('--seeds', 3)),
    out: resolve(opt('--out', join(root, 'bench', '.data', 'agreement'))),
    bootstrap: int('--bootstrap', 1000),
    halves: int('--halves', 50),
    concurrency: Math.max(1, int('--concurrency', 2)),
    execute: !flag('--no-execute'),
  };
}

/** Runs the mle-smith CLI; stderr streams through, stdout is returned. Throws on a non-zero exit. */
function cli(args, cwd) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolvePromise(stdout) : reject(new Error(`mle-smith ${args.slice(0, 2).join(' ')} exited with ${code}`))));
  });
}

async function readJson(path) {
  return JSON.parse(await readFile(path, 'utf8'));
}

/** Task packages (folders with task.json) directly under dir, sorted. */
async function packagesIn(dir) {
  if (!existsSync(dir)) return [];
  const names = (await readdir(dir)).sort();
  return names.map((n) => join(dir, n)).filter((p) => existsSync(join(p, 'task.json')));
}

async function referenceTasks(datasets) {
  const tasks = [];
  for (const dir of await packagesIn(REFERENCE_DIR)) {
    const manifest = await readJson(join(dir, 'task.json'));
    if (!datasets || datasets.includes(manifest.spec.dataset)) tasks.push({ dir, id: manifest.id, dataset: manifest.spec.dataset, modality: manifest.modality });
  }
  if (!tasks.length) throw new Error(`no reference task uses the datasets ${datasets?.join(', ')}`);
  return tasks;
}

/** The bench's config: default plugins (the zoo included), the local executor, its concurrency for run and eval. */
async function writeConfig(workDir, concurrency) {
  await mkdir(workDir, { recursive: true });
  // `concurrency` is run's (datasets at once), `eval.concurrency` eval's (solver runs at once; its default is 1).
  const config = { concurrency, eval: { concurrency }, executor: { backend: 'local' }, llm: { backend: 'none' }, report: ['json', 'markdown', 'html'] };
  await writeFile(join(workDir, 'mle-smith.config.json'), JSON.stringify(config, null, 2) + '\n');
}

/** `mle-smith run` over the datasets; its published tasks, untouched, are the generated set. */
async function generate(datasets, opts) {
  const runDir = join(opts.out, 'generated');
  const args = ['run', ...datasets.map(referenceDatasetDir), '--out', runDir, '--concurrency', String(opts.concurrency)];
  if (!opts.execute) args.push('--no-execute');
  await cli(args, opts.out);
  const tasks = [];
  for (const dir of await packagesIn(join(runDir, 'tasks'))) {
    const manifest = await readJson(join(dir, 'task.json'));
    tasks.push({ dir, id: manifest.id, dataset: manifest.spec?.dataset ?? manifest.source?.dataset, modality: manifest.modality });
  }
  return tasks;
}

/** One `eval` per task, kept once finished (scores.json renamed into place last): resumable. */
async function evaluate(set, tasks, solvers, opts) {
  const rows = [];
  const todo = [];
  for (const task of tasks) {
    const done = join(evalRoot(opts, solvers), set, task.id, 'scores.done.json');
    if (!existsSync(done)) todo.push({ task, done });
  }
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const { task, done } = todo[next++];
      const evalDir = join(evalRoot(opts, solvers), set, task.id, 'out');
      const playing = solvers.filter((s) => solverModality(s) === undefined || solverModality(s) === task.modality);
      await cli(['eval', '--tasks', task.dir, '--solvers', playing.join(','), '--seeds', String(opts.seeds), '--out', evalDir, '--json'], opts.out);
      await writeFile(`${done}.tmp`, await readFile(join(evalDir, 'scores.json')));
      await rename(`${done}.tmp`, done);
      console.error(`[agreement] ${set}: ${task.id} evaluated`);
    }
  };
  // Each eval already runs its solvers `concurrency` at a time; tasks go one after another.
  await worker();
  for (const task of tasks) rows.push(...(await readJson(join(evalRoot(opts, solvers), set, task.id, 'scores.done.json'))));
  return rows;
}

/** Where one entrant list's evaluations are kept: a ladder's name, or a hash of explicit solvers. */
function evalRoot(opts, solvers) {
  const key = opts.solvers ? `solvers-${createHash('sha256').update(solvers.join(',')).digest('hex').slice(0, 10)}` : opts.ladder;
  return join(opts.out, 'eval', key);
}

function solverModality(id) {
  return /^zoo-(tabular|text|image|audio)-/.exec(id)?.[1];
}

/** zoo-<modality>-<k-th rung of the ladder> → rung-<k>: one entrant across modalities. */
function rungEntrant(ladder) {
  return (id) => {
    const modality = solverModality(id);
    if (!modality) return id;
    const k = ZOO_LADDERS[ladder][modality].findIndex((r) => zooSolverId(modality, r.rung) === id);
    return `rung-${k + 1}`;
  };
}

/** Score rows as the stats package reads them; unsupported runs did not play. */
function scoreRows(rows, entrant) {
  return rows.filter((r) => r.status !== 'unsupported').map((r) => ({
    task: r.task, solver: entrant(r.solver), seed: r.seed, score: r.score ?? null, valid: r.valid, higherIsBetter: r.higherIsBetter,
  }));
}

function flatStats(s) {
  return { ...s, blandAltmanBias: s.blandAltman.bias };
}

/** Rows of a random resample of the tasks (with replacement); a task drawn twice plays twice. */
function resampleTasks(rows, rand) {
  const byTask = new Map();
  for (const r of rows) byTask.set(r.task, [...(byTask.get(r.task) ?? []), r]);
  const tasks = [...byTask.keys()];
  const out = [];
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[Math.floor(rand() * tasks.length)];
    for (const r of byTask.get(t)) out.push({ ...r, task: `${t}#${i}` });
  }
  return out;
}

function eloMap(rows) {
  return new Map(elo(rows, { bootstrap: 0 }).ratings.map((r) => [r.solver, r.elo]));
}

/** Percentile bootstrap 95% interval of every statistic, resampling the tasks of both sets. */
function bootstrapIntervals(a, b, solvers, count, seed) {
  const rand = mulberry32(seed);
  const draws = Object.fromEntries(STATS.map((s) => [s, []]));
  for (let i = 0; i < count; i++) {
    const ea = eloMap(resampleTasks(a, rand));
    const eb = eloMap(resampleTasks(b, rand));
    const both = solvers.filter((s) => ea.has(s) && eb.has(s));
    if (both.length < 3) continue;
    const stats = flatStats(agreement(both.map((s) => ea.get(s)), both.map((s) => eb.get(s))));
    for (const s of STATS) if (Number.isFinite(stats[s])) draws[s].push(stats[s]);
  }
  return Object.fromEntries(STATS.map((s) => {
    const sorted = draws[s].sort((x, y) => x - y);
    return [s, sorted.length ? [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)] : null];
  }));
}

/** Elo on each set and every statistic, with intervals. */
export function study(a, b, labels, opts) {
  const comparison = compareScoreSets(a, b, { labels, bootstrap: Math.min(opts.bootstrap, 200), seed: 1 });
  const stats = flatStats(comparison.agreement.elo.stats);
  const intervals = opts.bootstrap > 0 ? bootstrapIntervals(a, b, comparison.solvers, opts.bootstrap, 7) : {};
  return { comparison, stats, intervals };
}

/** Random halves of one set's tasks, `count` times: the distribution of each statistic. */
function splitHalves(rows, count, seed) {
  const rand = mulberry32(seed);
  const tasks = [...new Set(rows.map((r) => r.task))].sort();
  const draws = Object.fromEntries(STATS.map((s) => [s, []]));
  for (let i = 0; i < count; i++) {
    const shuffled = tasks.map((t) => [rand(), t]).sort((x, y) => x[0] - y[0]).map(([, t]) => t);
    const first = new Set(shuffled.slice(0, Math.floor(tasks.length / 2)));
    const ea = eloMap(rows.filter((r) => first.has(r.task)));
    const eb = eloMap(rows.filter((r) => !first.has(r.task)));
    const both = [...ea.keys()].filter((s) => eb.has(s));
    if (both.length < 3) continue;
    const stats = flatStats(agreement(both.map((s) => ea.get(s)), both.map((s) => eb.get(s))));
    for (const s of STATS) if (Number.isFinite(stats[s])) draws[s].push(stats[s]);
  }
  return Object.fromEntries(STATS.map((s) => {
    const sorted = draws[s].sort((x, y) => x - y);
    if (!sorted.length) return [s, null];
    return [s, { median: quantileSorted(sorted, 0.5), interval: [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)], n: sorted.length }];
  }));
}

const f = (x, d = 4) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(d));

function printStudy(title, result, labels) {
  const { comparison, stats, intervals } = result;
  console.log(`\n== ${title}`);
  console.log(`Elo tables (${comparison.solvers.length} solvers; ${labels.a} = generated set, ${labels.b} = reference set):`);
  console.log(`  ${'solver'.padEnd(28)} ${labels.a.padStart(12)} ${labels.b.padStart(12)}`);
  const get = (set, s) => comparison.elo[set].ratings.find((r) => r.solver === s)?.elo;
  for (const s of comparison.solvers) console.log(`  ${s.padEnd(28)} ${f(get('a', s), 3).padStart(12)} ${f(get('b', s), 3).padStart(12)}`);
  console.log('Agreement of the two Elo tables (bootstrap 95% interval over tasks; the paper):');
  for (const s of STATS) {
    const ci = intervals[s] ? `[${f(intervals[s][0])}, ${f(intervals[s][1])}]` : '';
    const paper = PAPER[s] !== undefined ? `paper ${PAPER[s].toFixed(3)}` : '';
    console.log(`  ${s.padEnd(16)} ${f(stats[s]).padStart(9)}  ${ci.padEnd(20)} ${paper}`);
  }
  const ba = stats.blandAltman;
  console.log(`  Bland-Altman limits of agreement [${f(ba.lower, 1)}, ${f(ba.upper, 1)}]; top-${stats.topK.k} overlap ${stats.topK.overlap}/${stats.topK.k}`);
}

function printHalves(title, halves) {
  console.log(`\n== ${title}`);
  for (const s of STATS) {
    const h = halves[s];
    console.log(`  ${s.padEnd(16)} ${h ? `median ${f(h.median)}  95% of splits [${f(h.interval[0])}, ${f(h.interval[1])}]  (${h.n} splits)` : 'n/a'}`);
  }
}

async function writeScores(path, rows) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(rows, null, 2) + '\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  await writeConfig(opts.out, opts.concurrency);
  const reference = await referenceTasks(opts.datasets);
  const datasets = [...new Set(reference.map((t) => t.dataset))].sort();
  const solvers = opts.solvers ?? Object.entries(ZOO_LADDERS[opts.ladder]).flatMap(([m, rungs]) => rungs.map((r) => zooSolverId(m, r.rung)));
  const entrant = opts.solvers ? (id) => id : rungEntrant(opts.ladder);
  console.log(`agreement study: ${datasets.length} datasets, ${reference.length} reference tasks, ${solvers.length} solvers` +
    `${opts.solvers ? '' : ` (the ${opts.ladder} ladder)`}, ${opts.seeds} seed(s)`);

  const generated = await generate(datasets, opts);
  console.log(`generated set: ${generated.length} tasks published by mle-smith run (${datasets.length} datasets)`);
  if (!generated.length) throw new Error('mle-smith run published no task: nothing to compare');
  const rowsGen = scoreRows(await evaluate('generated', generated, solvers, opts), entrant);
  const rowsRef = scoreRows(await evaluate('reference', reference, solvers, opts), entrant);
  const labels = { a: 'generated', b: 'reference' };
  const result = study(rowsGen, rowsRef, labels, opts);
  printStudy('generated vs human-designed (reference) tasks', result, labels);

  const scoresGen = join(opts.out, 'scores-generated.json');
  const scoresRef = join(opts.out, 'scores-reference.json');
  await writeScores(scoresGen, rowsGen);
  await writeScores(scoresRef, rowsRef);
  await cli(['compare', '--a', scoresGen, '--b', scoresRef, '--labels', 'generated,reference', '--out', join(opts.out, 'report')], opts.out);
  console.log(`\nreport: ${join(opts.out, 'report', 'report.html')}`);

  const halves = splitHalves(rowsRef, opts.halves, 11);
  printHalves(`ceiling: random halves of the reference set (${new Set(rowsRef.map((r) => r.task)).size} tasks, ${opts.halves} splits)`, halves);
  const gap = result.stats.kendallTauB - (halves.kendallTauB?.median ?? NaN);
  console.log(`\ntargets: Kendall τb ≥ 0.9: ${f(result.stats.kendallTauB)}; Pearson r ≥ 0.95: ${f(result.stats.pearson)}; ` +
    `τb within 0.05 of the split-half median: ${f(gap)}; wall time ${((Date.now() - started) / 60000).toFixed(1)} min`);

  const summary = {
    datasets, solvers, seeds: opts.seeds, generatedTasks: generated.map((t) => t.id), referenceTasks: reference.map((t) => t.id),
    elo: { generated: result.comparison.elo.a.ratings, reference: result.comparison.elo.b.ratings },
    stats: result.stats, intervals: result.intervals, paper: PAPER, splitHalves: halves, wallMs: Date.now() - started,
  };
  await writeFile(join(opts.out, 'agreement.json'), JSON.stringify(summary, null, 2) + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`agreement: ${err.message}`);
    process.exit(1);
  });
}
