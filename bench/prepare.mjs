#!/usr/bin/env node
// Benchmark: profile + split + write of a 5,000,000-row × 20-column CSV through @mle-smith/data,
// against the same work in pandas (bench/prepare_pandas.py), side by side in one run.
// Usage: node bench/prepare.mjs [--rows N]   (build packages/data first)
// Prints wall time and peak RSS of each, and the ratios (targets: ≥4× faster, ≤¼ the memory).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = join(here, '.data');
const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const ROWS = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 5_000_000;
const PYTHON = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';

/** The dataset folder for N rows, generated once (deterministic values, via DuckDB COPY). */
export async function ensureDataset(rows) {
  const dir = join(dataDir, `raw-${rows}`);
  const file = join(dir, 'data.csv');
  if (existsSync(file)) return dir;
  mkdirSync(dir, { recursive: true });
  const { withDuckDb } = await import('@mle-smith/data');
  const u = (k) => `((hash(range * 7919 + ${k}) % 1000003) / 1000003.0)`;
  const cols = ['range AS id'];
  for (let k = 1; k <= 15; k++) cols.push(`round(${u(k)} * ${k * 10} - ${k * 3}, 4) AS f${k}`);
  cols.push(`CAST(${u(16)} * 1000 AS INTEGER) AS n1`, `CAST(${u(17)} * 50 AS INTEGER) AS n2`);
  cols.push(`'c' || CAST(floor(${u(18)} * 12) AS INTEGER) AS cat`);
  cols.push(`CASE WHEN ${u(1)} + ${u(2)} * 0.5 + ${u(19)} * 0.6 > 1.05 THEN 1 ELSE 0 END AS label`);
  const tmp = `${file}.tmp`;
  await withDuckDb(async (db) => {
    await db.run(`COPY (SELECT ${cols.join(', ')} FROM range(${rows}) ORDER BY range) TO '${tmp}' (FORMAT csv, HEADER true)`);
  });
  const { renameSync } = await import('node:fs');
  renameSync(tmp, file);
  return dir;
}

/** Runs a command under /usr/bin/time -v when available: wall seconds and peak RSS in MB. */
export function measure(cmd, argv, env = {}) {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  const [bin, list] = timeBin ? [timeBin, ['-v', cmd, ...argv]] : [cmd, argv];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(bin, list, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) return reject(new Error(`${cmd} exited ${code}\n${err.slice(-2000)}`));
      const fromTime = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1];
      const fromSelf = /maxrss_kb=(\d+)/.exec(out)?.[1];
      const user = Number(/User time \(seconds\): ([\d.]+)/.exec(err)?.[1] ?? NaN);
      const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(err)?.[1] ?? NaN);
      resolve({ seconds, cpuSeconds: user + sys, rssMb: Number(fromTime ?? fromSelf ?? NaN) / 1024, out: out.trim() });
    });
  });
}

async function child(rawDir, outDir) {
  const { profileDataset, materializeSplit } = await import('@mle-smith/data');
  const t0 = Date.now();
  const profile = await profileDataset(rawDir);
  const t1 = Date.now();
  const spec = {
    specVersion: 1, id: 'bench', title: 'bench', dataset: 'bench', table: profile.tables[0].name, modality: 'tabular', objective: 'binary',
    target: { name: 'label', expression: 'label', sourceColumns: ['label'] },
    rowKey: ['id'], features: [], derivedFeatures: [], dropColumns: ['id'],
    metric: { name: 'roc_auc' }, split: { strategy: 'random', testFraction: 0.2, seed: 42 },
    submission: { idColumn: 'row_id', predictionColumns: [{ name: 'label', type: 'probability' }] }, description: { overview: '' },
  };
  const split = await materializeSplit(spec, { rawDir, outDir });
  const t2 = Date.now();
  console.log(
    `mle-smith: rows=${profile.tables[0].rowCount} train=${split.rows.train} test=${split.rows.test} ` +
      `profile=${((t1 - t0) / 1000).toFixed(2)}s split=${((t2 - t1) / 1000).toFixed(2)}s maxrss_kb=${process.resourceUsage().maxRSS}`,
  );
}

async function main() {
  if (args[0] === '--child') return child(args[1], args[2]);
  const rawDir = await ensureDataset(ROWS);
  const outRoot = join(dataDir, 'out');
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  console.log(`dataset: ${rawDir}/data.csv (${ROWS} rows × 20 columns)`);
  const ours = await measure(process.execPath, [fileURLToPath(import.meta.url), '--child', rawDir, join(outRoot, 'mle-smith')], {
    MLE_SMITH_DUCKDB_MEMORY: process.env.MLE_SMITH_DUCKDB_MEMORY ?? '256MB',
  });
  console.log(`  ${ours.out}`);
  const pandas = await measure(PYTHON, [join(here, 'prepare_pandas.py'), join(rawDir, 'data.csv'), join(outRoot, 'pandas')], {});
  console.log(`  ${pandas.out}`);
  const row = (name, r) =>
    `${name.padEnd(10)} wall ${r.seconds.toFixed(2).padStart(7)} s   cpu ${r.cpuSeconds.toFixed(2).padStart(7)} s   peak RSS ${r.rssMb.toFixed(0).padStart(6)} MB`;
  console.log(row('mle-smith', ours));
  console.log(row('pandas', pandas));
  const speed = pandas.seconds / ours.seconds;
  const mem = ours.rssMb / pandas.rssMb;
  console.log(`speed-up ${speed.toFixed(2)}× (target ≥ 4×)   memory ratio ${mem.toFixed(3)} (target ≤ 0.25)   cpu-time ratio ${(pandas.cpuSeconds / ours.cpuSeconds).toFixed(2)}×`);
  const load = (await import('node:os')).loadavg()[0];
  console.log(`load average ${load.toFixed(2)} on ${(await import('node:os')).cpus().length} cores (wall times are only comparable on an idle machine)`);
  rmSync(outRoot, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
