#!/usr/bin/env node
// Grader benchmark: 10M-row binary-probability (roc_auc) and float (rmse) tasks, graded by
// @mle-smith/metrics and by pandas.read_csv + scikit-learn (bench/grade_sklearn.py), side by side.
// Peak RSS comes from /usr/bin/time -v ("Maximum resident set size"), which covers every thread
// of the process (DuckDB's included).
// Usage: node bench/grade.mjs [--rows N] [--repeat R]   (build packages/metrics first)
// Env: MLE_SMITH_PYTHON (default /usr/bin/python3).
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '@mle-smith/core';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const ROWS = opt('--rows', 10_000_000);
const REPEAT = opt('--repeat', 1);
const PYTHON = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
const dataDir = join(here, '.data', String(ROWS));

async function writeLines(path, header, rowFn) {
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = (s) => (out.write(s) ? undefined : new Promise((r) => out.once('drain', r)));
  await write(header + '\n');
  const BATCH = 50_000;
  for (let start = 0; start < ROWS; start += BATCH) {
    let chunk = '';
    for (let i = start; i < Math.min(ROWS, start + BATCH); i++) chunk += rowFn(i) + '\n';
    await write(chunk);
  }
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  renameSync(tmp, path);
}

const TASKS = {
  roc_auc: { objective: 'binary', target: 'y', pred: 'p', predType: 'probability', classes: ['0', '1'] },
  rmse: { objective: 'regression', target: 'y', pred: 'y', predType: 'number' },
};

async function prepare(metric) {
  const t = TASKS[metric];
  const dir = join(dataDir, metric);
  const answers = join(dir, 'private', 'answers.csv');
  const submission = join(dir, 'submission.csv');
  if (existsSync(answers) && existsSync(submission)) return { dir, answers, submission };
  mkdirSync(join(dir, 'private'), { recursive: true });
  const manifest = {
    id: `bench-${metric}`, title: `bench ${metric}`, modality: 'tabular', objective: t.objective, target: t.target,
    metric: { name: metric, higherIsBetter: metric === 'roc_auc', params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: t.pred, type: t.predType }], ...(t.classes ? { classes: t.classes } : {}) },
  };
  writeFileSync(join(dir, 'task.json'), JSON.stringify(manifest, null, 2));
  const rand = mulberry32(metric === 'roc_auc' ? 1 : 2);
  const truth = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) truth[i] = metric === 'roc_auc' ? (rand() < 0.3 ? 1 : 0) : Math.round((rand() * 1000 - 200) * 1e4) / 1e4;
  console.log(`generating ${ROWS} rows for ${metric} in ${dir} ...`);
  await writeLines(answers, `id,${t.target}`, (i) => `${i + 1},${truth[i]}`);
  await writeLines(submission, `id,${t.pred}`, (i) =>
    metric === 'roc_auc'
      ? `${i + 1},${Math.min(1, Math.max(0, 0.35 * truth[i] + 0.65 * rand())).toFixed(6)}`
      : `${i + 1},${(truth[i] + (rand() - 0.5) * 50).toFixed(4)}`,
  );
  return { dir, answers, submission };
}

function timed(cmd, argv) {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const wallSec = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const cpuSec = Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1]) + Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1]);
  const inner = JSON.parse(r.stdout.trim().split('\n').pop());
  return { score: inner.score, seconds: inner.seconds, wallSec, cpuSec, rssMb: rssKb / 1024 };
}

const best = (runs, key) => Math.min(...runs.map((r) => r[key]));
const rows = [];
for (const metric of Object.keys(TASKS)) {
  const { dir, answers, submission } = await prepare(metric);
  const t = TASKS[metric];
  const ours = [];
  const theirs = [];
  for (let i = 0; i < REPEAT; i++) {
    ours.push(timed(process.execPath, [join(here, 'grade_ours.mjs'), dir, submission]));
    theirs.push(timed(PYTHON, [join(here, 'grade_sklearn.py'), metric, answers, submission, t.target, t.pred]));
  }
  const agree = Math.abs(ours[0].score - theirs[0].score) <= 1e-9 * Math.max(1, Math.abs(theirs[0].score));
  rows.push({
    metric,
    rows: ROWS,
    oursWall: best(ours, 'wallSec'),
    sklearnWall: best(theirs, 'wallSec'),
    oursCpu: best(ours, 'cpuSec'),
    sklearnCpu: best(theirs, 'cpuSec'),
    oursGrade: best(ours, 'seconds'),
    sklearnGrade: best(theirs, 'seconds'),
    oursRssMb: best(ours, 'rssMb'),
    sklearnRssMb: best(theirs, 'rssMb'),
    oursScore: ours[0].score,
    sklearnScore: theirs[0].score,
    agree,
  });
}

const f = (x, d = 2) => x.toFixed(d);
console.log(`\n${ROWS.toLocaleString('en')} rows, best of ${REPEAT}; wall = whole process (start-up included), grade = inside the process`);
console.log('metric    | ours wall | sklearn wall | speed-up | ours CPU | sklearn CPU | CPU ratio | ours grade | sklearn grade | ours RSS MB | sklearn RSS MB | RSS ratio | scores agree');
for (const r of rows) {
  console.log(
    `${r.metric.padEnd(9)} | ${f(r.oursWall).padStart(8)}s | ${f(r.sklearnWall).padStart(11)}s | ${f(r.sklearnWall / r.oursWall).padStart(7)}x | ` +
      `${f(r.oursCpu).padStart(7)}s | ${f(r.sklearnCpu).padStart(10)}s | ${f(r.sklearnCpu / r.oursCpu).padStart(8)}x | ` +
      `${f(r.oursGrade).padStart(9)}s | ${f(r.sklearnGrade).padStart(12)}s | ${f(r.oursRssMb, 0).padStart(11)} | ${f(r.sklearnRssMb, 0).padStart(14)} | ` +
      `${f(r.oursRssMb / r.sklearnRssMb).padStart(9)} | ${r.agree} (${r.oursScore} vs ${r.sklearnScore})`,
  );
}
const ok = rows.every((r) => r.sklearnWall / r.oursWall >= 3 && r.oursRssMb <= r.sklearnRssMb / 2);
console.log(`targets (>= 3x faster, <= 1/2 peak RSS): ${ok ? 'met' : 'NOT met'}`);
console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')} (wall times are only comparable on an idle machine; CPU time is steadier)`);
console.log(JSON.stringify(rows));
