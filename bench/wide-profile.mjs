#!/usr/bin/env node
// Wide tables: profileDataset on 1,000 / 2,000 / 5,000 columns × 300 rows, each in its own
// process. Prints seconds, seconds per million cells and peak RSS, and the 5k/1k time ratio
// (≈ 5 when the profile is linear in cells). Issue 18 saw 70 s at 1,000 columns, 175 s at 2,000
// and a 976 MiB allocation failure at 5,000.
// Usage: node bench/wide-profile.mjs [--columns 1000,2000,5000] [--rows 300]   (build packages/data first)
//        node bench/wide-profile.mjs --child <dir>   (one profile; MLE_SMITH_DATA_TRACE=1 traces it)
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure } from './prepare.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};

/** Deterministic columns: floats, small integers and short categories in turn, a target last. */
export function wideCsv(columns, rows) {
  let seed = 7;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const names = Array.from({ length: columns - 1 }, (_, j) => `f${j}`).concat('target');
  const lines = [names.join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = [];
    for (let j = 0; j < columns - 1; j++) {
      const kind = j % 3;
      cells.push(kind === 0 ? next().toFixed(4) : kind === 1 ? String(Math.floor(next() * 50)) : `c${Math.floor(next() * 8)}`);
    }
    cells.push(next() < 0.5 ? 'yes' : 'no');
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function ensureWide(columns, rows) {
  const dir = join(here, '.data', `wide-${columns}x${rows}`);
  if (!existsSync(join(dir, 'wide.csv'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'wide.csv'), wideCsv(columns, rows));
  }
  return dir;
}

async function child(dir) {
  const { profileDataset } = await import('@mle-smith/data');
  const t0 = Date.now();
  const p = await profileDataset(dir);
  const t = p.tables[0];
  console.log(`profiled ${t.columns.length} columns × ${t.rowCount} rows in ${((Date.now() - t0) / 1000).toFixed(2)} s; ${t.candidateTargets.length} candidates`);
}

const direct = process.argv[1] === fileURLToPath(import.meta.url);
if (direct && process.argv[2] === '--child') {
  await child(process.argv[3]);
} else if (direct) {
  const rows = Number(arg('--rows', '300'));
  const sizes = arg('--columns', '1000,2000,5000').split(',').map(Number);
  const results = [];
  for (const columns of sizes) {
    const dir = ensureWide(columns, rows);
    const r = await measure(process.execPath, [fileURLToPath(import.meta.url), '--child', dir]).catch((e) => ({ error: e.message.split('\n').slice(0, 3).join(' ') }));
    if (r.error) {
      console.log(`${String(columns).padStart(5)} columns: FAILED ${r.error}`);
      continue;
    }
    const cells = (columns * rows) / 1e6;
    console.log(
      `${String(columns).padStart(5)} columns × ${rows} rows: ${r.seconds.toFixed(2).padStart(7)} s   ${(r.seconds / cells).toFixed(2).padStart(7)} s per M cells   peak RSS ${r.rssMb.toFixed(0).padStart(5)} MB   CPU ${r.cpuSeconds.toFixed(1)} s`,
    );
    results.push({ columns, ...r });
  }
  const first = results.find((r) => r.columns === sizes[0]);
  const last = results.find((r) => r.columns === sizes[sizes.length - 1]);
  if (first && last && first !== last) {
    console.log(`time ratio ${last.columns}/${first.columns} columns = ${(last.seconds / first.seconds).toFixed(2)} (linear in cells: ${(last.columns / first.columns).toFixed(1)})`);
  }
}
