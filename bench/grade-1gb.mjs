#!/usr/bin/env node
// A 1 GB submission of valid rows graded by @mle-smith/metrics (issue 18 saw > 120 s and > 5 GB):
// 10M-row regression answers (~90 MB, so the cap of 16 MiB + 64 × answers bytes admits 1 GB) and a
// submission of the same ids with ~100-byte predictions, shuffled in two halves (no in-order fast
// path). Prints wall seconds and peak RSS of the grading process (/usr/bin/time -v).
// Usage: node bench/grade-1gb.mjs [--rows N]   (build packages/metrics first)
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './prepare.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf('--rows');
const ROWS = i > 0 ? Number(process.argv[i + 1]) : 10_000_000;
const dir = join(here, '.data', `grade-1gb-${ROWS}`);

async function write(path, header, order, line) {
  if (existsSync(path)) return;
  const out = createWriteStream(`${path}.tmp`);
  const put = (s) => (out.write(s) ? undefined : new Promise((r) => out.once('drain', r)));
  await put(`${header}\n`);
  for (let start = 0; start < ROWS; start += 50_000) {
    let chunk = '';
    for (let k = start; k < Math.min(ROWS, start + 50_000); k++) chunk += `${line(order(k))}\n`;
    await put(chunk);
  }
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  renameSync(`${path}.tmp`, path);
}

async function child(taskDir, submission) {
  const { createGrader } = await import('@mle-smith/metrics');
  const r = await createGrader().grade(taskDir, submission);
  console.log(JSON.stringify({ valid: r.valid, score: r.score, error: r.error }));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const taskDir = join(dir, 'task');
  mkdirSync(join(taskDir, 'private'), { recursive: true });
  const manifest = {
    id: 'grade-1gb', title: 'grade 1 GB', modality: 'tabular', objective: 'regression', target: 'y',
    metric: { name: 'rmse', higherIsBetter: false, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] },
    split: { strategy: 'random', testFraction: 0.2, seed: 0 }, source: { dataset: 'bench', files: [] },
    files: [{ path: 'private/answers.csv', sha256: '0'.repeat(64) }],
  };
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(taskDir, 'task.json'), JSON.stringify(manifest));
  await write(join(taskDir, 'private', 'answers.csv'), 'id,y', (k) => k, (k) => `${k + 1},${k % 1000}`);
  const half = Math.floor(ROWS / 2);
  const pad = '0'.repeat(88);
  await write(join(dir, 'submission.csv'), 'id,y', (k) => (k < ROWS - half ? k + half : k - (ROWS - half)), (k) => `${k + 1},${k % 1000}.${pad}1`);
  const { statSync } = await import('node:fs');
  const bytes = statSync(join(dir, 'submission.csv')).size;
  const r = await measure(process.execPath, [fileURLToPath(import.meta.url), '--child', taskDir, join(dir, 'submission.csv')]);
  console.log(`submission ${(bytes / 1e9).toFixed(2)} GB, ${ROWS} rows: ${r.seconds.toFixed(1)} s wall, ${r.cpuSeconds.toFixed(1)} s CPU, peak RSS ${r.rssMb.toFixed(0)} MB; ${r.out}`);
}
