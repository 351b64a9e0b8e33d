#!/usr/bin/env node
// `mle-smith verify --execute` and `mle-smith prepare` over every task of the human-designed
// reference set (examples/reference-tasks/tasks/). The suite verifies all of them without the
// ladder and executes one per modality (packages/cli/src/reference-set.test.ts); this runs the
// ladder on all of them. Prints one line per task and exits 1 when any fails.
//
//   node bench/agreement-verify.mjs [task-id ...]
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceDatasetDir } from '../tools/reference-datasets.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'packages', 'cli', 'bin', 'mle-smith.js');
const examples = join(root, 'examples');
const tasksDir = join(examples, 'reference-tasks', 'tasks');

function cli(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: examples, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

const only = process.argv.slice(2);
const ids = (await readdir(tasksDir)).filter((id) => !only.length || only.includes(id)).sort();
const scratch = await mkdtemp(join(tmpdir(), 'agreement-verify-'));
const started = Date.now();
let failed = 0;
try {
  for (const id of ids) {
    const t0 = Date.now();
    const dir = join(tasksDir, id);
    // A copy: the ladder writes baselines/ into the package it verifies.
    const copy = join(scratch, 'verified', id);
    await cp(dir, copy, { recursive: true });
    const verified = await cli(['verify', copy, '--execute', '--json']);
    let errors = [];
    try {
      errors = JSON.parse(verified.stdout).findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);
    } catch {
      errors = [verified.stderr.trim().split('\n').pop() ?? 'no output'];
    }
    const { spec } = JSON.parse(await readFile(join(dir, 'task.json'), 'utf8'));
    const rebuilt = await cli(['prepare', join(dir, 'task.json'), '--raw', referenceDatasetDir(spec.dataset), '--out', join(scratch, id)]);
    if (rebuilt.code !== 0) errors.push(`prepare: ${rebuilt.stderr.trim().split('\n').pop()}`);
    const ok = verified.code === 0 && rebuilt.code === 0;
    if (!ok) failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${id.padEnd(32)} ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s ${errors.join('; ')}`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
console.log(`${ids.length - failed}/${ids.length} reference tasks pass verify --execute and prepare (${((Date.now() - started) / 60000).toFixed(1)} min)`);
process.exit(failed ? 1 : 0);
