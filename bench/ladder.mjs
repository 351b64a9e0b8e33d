#!/usr/bin/env node
// Wall time of the whole baseline ladder (trivial, simple, strong) on one breast-cancer task,
// through executor-local and, when an engine is reachable, executor-docker; with the scores,
// the verdict and the median of N ladders.
// Usage: node bench/ladder.mjs [N=3] [--docker]
//   Build first: npx nx run-many -t build (or tsc in core, data, metrics, executor-local,
//   executor-docker, solver-baselines). Docker needs DOCKER_HOST (tools/dockerd.sh start) and
//   the runner image (tools/runner-image/build.sh).
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { baselineSolvers, ladderVerdict } from '../plugins/solver-baselines/dist/index.js';
import { LocalExecutor } from '../plugins/executor-local/dist/index.js';
import { gradeSubmission } from '../packages/metrics/dist/index.js';

const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 3);
const LIMITS = { timeSec: 300, memoryMb: 2048, cpus: 2, pids: 256 };
const SEED = 42;
const RUN_ID = `bench-ladder-${process.pid}`;
const log = { info() {}, warn() {}, debug() {} };
const base = await mkdtemp(join(tmpdir(), 'mle-bench-ladder-'));

/**
 * A breast-cancer task package (binary, ROC AUC on P(malignant)) from the CSV Debian ships with
 * scikit-learn: first line "569,30,malignant,benign", then 30 numbers and the class index per row.
 */
async function makeTask(dir) {
  const lines = (await readFile('/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv', 'utf8')).trim().split('\n').slice(1);
  const features = Array.from({ length: 30 }, (_, i) => `x${String(i).padStart(2, '0')}`);
  const train = [['id', ...features, 'diagnosis'].join(',')];
  const test = [['id', ...features].join(',')];
  const answers = ['id,diagnosis'];
  const sample = ['id,malignant'];
  lines.forEach((line, i) => {
    const cells = line.split(',');
    const id = `bc-${String(i).padStart(4, '0')}`;
    const label = cells[30] === '0' ? 'malignant' : 'benign';
    if (((i * 2654435761) >>> 0) % 100 >= 20) return void train.push([id, ...cells.slice(0, 30), label].join(','));
    test.push([id, ...cells.slice(0, 30)].join(','));
    answers.push(`${id},${label}`);
    sample.push(`${id},0.5`);
  });
  await mkdir(join(dir, 'public'), { recursive: true });
  await mkdir(join(dir, 'private'), { recursive: true });
  const write = (path, rows) => writeFile(join(dir, path), rows.join('\n') + '\n');
  await Promise.all([write('public/train.csv', train), write('public/test.csv', test), write('public/sample_submission.csv', sample), write('private/answers.csv', answers)]);
  const manifest = {
    id: 'breast-cancer-bench', title: 'Breast cancer (bench)', modality: 'tabular', objective: 'binary', target: 'diagnosis',
    metric: { name: 'roc_auc', higherIsBetter: true, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'malignant', type: 'probability' }], classes: ['benign', 'malignant'] },
    split: { strategy: 'random', testFraction: 0.2, seed: 0 },
  };
  await writeFile(join(dir, 'task.json'), JSON.stringify(manifest, null, 2));
  return { taskDir: dir, publicDir: join(dir, 'public'), manifest, description: '', rows: { train: train.length - 1, test: test.length - 1 } };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function ladder(executor, task, label) {
  const rungs = [];
  const t0 = performance.now();
  for (const solver of baselineSolvers()) {
    const t = performance.now();
    const run = await solver.solve(task, { executor, runId: RUN_ID, workDir: join(base, 'work', label, solver.id), limits: LIMITS, seed: SEED, log });
    const wallMs = performance.now() - t;
    if (run.status !== 'ok') throw new Error(`${executor.id} ${solver.id}: ${run.status}: ${run.error}\n${run.exec?.logTail ?? ''}`);
    const grade = await gradeSubmission(task.taskDir, run.submissionPath);
    rungs.push({ tier: solver.tier, solver: solver.id, wallMs, execMs: run.exec.durationMs, score: grade.score ?? null, valid: grade.valid, higherIsBetter: true });
  }
  return { rungs, totalMs: performance.now() - t0 };
}

async function measure(name, executor, task) {
  await ladder(executor, task, `${name}-warm`); // warm-up: page cache, bytecode, image layers
  const runs = [];
  for (let i = 0; i < N; i++) runs.push(await ladder(executor, task, `${name}-${i}`));
  const verdict = ladderVerdict(runs[0].rungs, { minMarginFraction: 0.02, metricRange: [0, 1] });
  return {
    name,
    totalMs: median(runs.map((r) => r.totalMs)),
    tiers: runs[0].rungs.map((r, j) => ({ tier: r.tier, score: r.score, wallMs: median(runs.map((x) => x.rungs[j].wallMs)), execMs: median(runs.map((x) => x.rungs[j].execMs)) })),
    verdict,
  };
}

const task = await makeTask(join(base, 'task'));
const results = [];
const local = new LocalExecutor({ workRoot: join(base, 'jobs-local') });
results.push(await measure(`local (${local.sandbox().mode})`, local, task));
await local.dispose();

if (process.env.DOCKER_HOST || process.argv.includes('--docker')) {
  try {
    const { DockerExecutor } = await import('../plugins/executor-docker/dist/index.js');
    const docker = new DockerExecutor({ workRoot: join(base, 'jobs-docker') });
    try {
      await docker.cleanup(RUN_ID);
      results.push(await measure('docker', docker, task));
    } finally {
      await docker.dispose();
    }
  } catch (err) {
    console.log(`docker: skipped (${String(err.message ?? err).split('\n')[0]})`);
  }
} else {
  console.log('docker: skipped (DOCKER_HOST not set; run tools/dockerd.sh start)');
}
await rm(base, { recursive: true, force: true });

console.log(`baseline ladder on breast cancer (${task.rows.train} train / ${task.rows.test} test rows, roc_auc), median of N=${N} after a warm-up;`);
console.log(`limits ${LIMITS.cpus} cpu / ${LIMITS.memoryMb} MB; host ${cpus().length} cpus, load average ${loadavg()[0].toFixed(1)}`);
for (const r of results) {
  console.log(`  ${r.name}: ladder total ${(r.totalMs / 1000).toFixed(2)} s — verdict ordered=${r.verdict.ordered} saturated=${r.verdict.saturated} difficulty=${r.verdict.difficulty}`);
  for (const t of r.tiers) {
    console.log(`    ${t.tier.padEnd(8)} score ${t.score.toFixed(4)}  solve ${(t.wallMs / 1000).toFixed(2).padStart(6)} s  (in executor ${(t.execMs / 1000).toFixed(2)} s)`);
  }
}
