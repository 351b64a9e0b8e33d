#!/usr/bin/env node
// Seed study: how often does a corpus table's task publish when only the run seed changes?
// The seed decides the split (which rows are test rows) and the bootstrap's resamples, so on a
// small table it decides whether a weak but real effect shows on the test rows. Runs
// `mle-smith run` (offline, with execution, the quality bench's config) once per seed over the
// chosen tables and prints, per task, in how many seeds it was published, why it was rejected
// otherwise, and the signal intervals.
//
//   node bench/quality/seed-study.mjs --tables Baumann,olive [--set corpus|holdout|holdout2|holdout3|holdout4|holdout5|holdout6] [--seeds 1-20] [--out dir] [--parallel 2]
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMleSmith } from '../quality.mjs';
import { corpusDir, loadTruth, missingTables } from './build-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const o = { set: 'corpus', tables: undefined, seeds: range('1-20'), out: resolve(here, '..', '.data', 'quality', 'seed-study'), parallel: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (argv[i + 1] === undefined) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--set') o.set = next();
    else if (a === '--tables') o.tables = next().split(',').filter(Boolean);
    else if (a === '--seeds') o.seeds = range(next());
    else if (a === '--out') o.out = resolve(next());
    else if (a === '--parallel') o.parallel = Number(next());
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.tables?.length) throw new Error('--tables a,b is required');
  if (!(o.parallel >= 1)) throw new Error('--parallel needs a positive number');
  return o;
}

/** "1-20" or "1,5,9" → numbers. */
function range(text) {
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (m) return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, k) => Number(m[1]) + k);
  const seeds = text.split(',').map(Number);
  if (seeds.some((s) => !Number.isInteger(s))) throw new Error(`--seeds: "${text}" is not a range (1-20) or a list (1,5,9)`);
  return seeds;
}

async function runSeed(seed, o) {
  const dir = join(o.out, `seed-${seed}`);
  const config = join(o.out, `seed-${seed}.config.json`);
  const base = JSON.parse(readFileSync(join(here, 'mle-smith.config.json'), 'utf8'));
  delete base.$schema;
  writeFileSync(config, JSON.stringify({ ...base, seed }, null, 2));
  rmSync(dir, { recursive: true, force: true });
  const res = await runMleSmith({ dirs: o.tables.map((t) => join(corpusDir(o.set), t)), runDir: dir, concurrency: 1, execute: true, config });
  if (!existsSync(join(dir, 'report.json'))) throw new Error(`seed ${seed}: mle-smith run exited ${res.code} without report.json:\n${res.errTail.join('\n')}`);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  return report.tasks.map((t) => ({ seed, task: t.taskId, status: t.status, reasons: t.reasons ?? [], signal: signalOf(t) }));
}

function signalOf(task) {
  const f = (task.findings ?? []).find((x) => x.ruleId === 'execution/no-learnable-signal' || x.ruleId === 'execution/signal');
  return f?.data && { lo: f.data.lo, hi: f.data.hi, gain: f.data.difference, confidence: f.data.confidence, rows: f.data.rows };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const truth = loadTruth(o.set);
  const unknown = o.tables.filter((t) => !truth.tables.some((x) => x.name === t));
  if (unknown.length) throw new Error(`not in ${truth.file}: ${unknown.join(', ')}`);
  const missing = missingTables(corpusDir(o.set), o.tables);
  if (missing.length) throw new Error(`corpus tables missing (node bench/quality/build-corpus.mjs --set ${o.set}): ${missing.join(', ')}`);
  mkdirSync(o.out, { recursive: true });
  const rows = [];
  const queue = [...o.seeds];
  const worker = async () => {
    for (let seed = queue.shift(); seed !== undefined; seed = queue.shift()) {
      const r = await runSeed(seed, o);
      rows.push(...r);
      console.error(`seed ${seed}: ${r.map((t) => `${t.task} ${published(t.status) ? 'published' : 'rejected'}`).join(', ')}`);
    }
  };
  await Promise.all(Array.from({ length: o.parallel }, worker));
  writeFileSync(join(o.out, 'seed-study.json'), JSON.stringify(rows.sort((a, b) => a.seed - b.seed || a.task.localeCompare(b.task)), null, 2) + '\n');
  print(rows, o.seeds.length);
}

/** A repaired task is published too: its last attempt passed. */
const published = (status) => status === 'accepted' || status === 'repaired';

function print(rows, seeds) {
  const tasks = [...new Set(rows.map((r) => r.task))].sort();
  console.log(`seed study: ${seeds} seeds (${Math.min(...rows.map((r) => r.seed))}…${Math.max(...rows.map((r) => r.seed))})`);
  for (const task of tasks) {
    const mine = rows.filter((r) => r.task === task);
    const accepted = mine.filter((r) => published(r.status)).length;
    const why = {};
    for (const r of mine.filter((x) => !published(x.status))) {
      const rule = (r.reasons[0] ?? r.status).split(':')[0];
      why[rule] = (why[rule] ?? 0) + 1;
    }
    const gains = mine.filter((r) => r.signal).map((r) => r.signal.gain).sort((a, b) => a - b);
    const median = gains.length ? gains[Math.floor(gains.length / 2)] : undefined;
    const reasons = Object.entries(why).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`  ${task}: published in ${accepted}/${mine.length} seeds${reasons ? `; rejected: ${reasons}` : ''}${median === undefined ? '' : `; median gain over trivial ${median.toPrecision(3)}`}`);
  }
}

main().catch((err) => {
  console.error(`seed study: ${err.message}`);
  process.exit(1);
});
