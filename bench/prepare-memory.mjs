#!/usr/bin/env node
// Memory scaling of @mle-smith/data's prepare step (profile + split + write): peak RSS at 1M and
// 5M rows of the same 20-column table. DuckDB streams and spills, so the ratio should stay
// near 1 (target ≤ 1.5), where an in-memory tool grows 5×.
// Usage: node bench/prepare-memory.mjs   (build packages/data first)
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDataset, measure } from './prepare.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outRoot = join(here, '.data', 'out-memory');
const results = [];
for (const rows of [1_000_000, 5_000_000]) {
  const rawDir = await ensureDataset(rows);
  rmSync(outRoot, { recursive: true, force: true });
  mkdirSync(outRoot, { recursive: true });
  const r = await measure(process.execPath, [join(here, 'prepare.mjs'), '--child', rawDir, join(outRoot, 'task')], {
    MLE_SMITH_DUCKDB_MEMORY: process.env.MLE_SMITH_DUCKDB_MEMORY ?? '256MB',
  });
  console.log(`${String(rows).padStart(9)} rows: wall ${r.seconds.toFixed(2).padStart(7)} s   peak RSS ${r.rssMb.toFixed(0).padStart(6)} MB   (${r.out})`);
  results.push(r);
}
rmSync(outRoot, { recursive: true, force: true });
console.log(`peak RSS ratio 5M / 1M = ${(results[1].rssMb / results[0].rssMb).toFixed(3)} (target ≤ 1.5)`);
