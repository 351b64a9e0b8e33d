#!/usr/bin/env node
// Design throughput: `mle-smith run` with no LLM over the example datasets, without the execute
// stage (--no-execute), reported as wall time per accepted task. Target: at most 2 s per task.
// Usage: node bench/design-throughput.mjs   (after `npx nx run-many -t build`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const out = mkdtempSync(join(tmpdir(), 'mls-bench-design-'));
const started = process.hrtime.bigint();
const r = spawnSync(process.execPath, [join(root, 'packages/cli/dist/bin.js'), 'run', '--no-execute', '--out', out, '--json'], { cwd: examples, encoding: 'utf8', maxBuffer: 1 << 28 });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
if (r.status !== 0) {
  console.error(r.stderr.slice(-2000));
  process.exit(1);
}
const summary = JSON.parse(r.stdout);
const accepted = summary.tasks.filter((t) => t.status !== 'rejected').length;
const stageTime = {};
for (const line of r.stderr.split('\n')) {
  const m = /^\[[^\]]+\] (\w+) (?:done|cached) ([\d.]+)s/.exec(line);
  if (m) stageTime[m[1]] = (stageTime[m[1]] ?? 0) + Number(m[2]);
}
console.log(`datasets: ${summary.datasets.length}, tasks: ${summary.tasks.length}, accepted: ${accepted}`);
console.log(`wall time: ${seconds.toFixed(1)} s (includes process start and loading ${readFileSync(join(examples, 'mle-smith.config.json'), 'utf8').match(/"plugins"/) ? 'the configured plugins' : 'plugins'})`);
console.log(`summed stage time: ${Object.entries(stageTime).map(([k, v]) => `${k} ${v.toFixed(1)}s`).join(', ')}`);
console.log(`time per accepted task: ${(seconds / Math.max(accepted, 1)).toFixed(2)} s (target <= 2 s) ${seconds / Math.max(accepted, 1) <= 2 ? 'PASS' : 'FAIL'}`);
rmSync(out, { recursive: true, force: true });
