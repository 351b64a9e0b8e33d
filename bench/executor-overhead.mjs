#!/usr/bin/env node
// Per-job overhead of each executor: median wall time of a no-op job (`python3 -c pass`)
// through executor.run(), against the same command spawned bare.
// Usage: node bench/executor-overhead.mjs [N=20]   (build the plugins first; docker needs
// DOCKER_HOST, e.g. from tools/dockerd.sh start, and the runner image)
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalExecutor } from '../plugins/executor-local/dist/index.js';
import { spawnProcess } from '../packages/sandbox/dist/index.js';
import { DockerExecutor } from '../plugins/executor-docker/dist/index.js';

const N = Number(process.argv[2] ?? 20);
const log = { info() {}, warn() {}, debug() {} };
const base = await mkdtemp(join(tmpdir(), 'mle-bench-'));
const publicDir = join(base, 'public');
await mkdir(publicDir);
await writeFile(join(publicDir, 'train.csv'), 'id,x\n1,2\n');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

async function measure(name, once) {
  await once();
  await once(); // warm-up: page cache, image layers
  const wall = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await once();
    wall.push(performance.now() - t);
  }
  return { name, median: median(wall), p90: p90(wall) };
}

let i = 0;
const job = () => ({
  runId: 'bench', jobId: `noop-${i++}`, command: ['python3', '-c', 'pass'], publicDir, files: [], outputs: [],
  outputDir: join(base, 'out'), network: false, limits: { timeSec: 60, memoryMb: 512, cpus: 1, pids: 64 },
});
const python = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
const rows = [];
rows.push(await measure('bare spawn (no sandbox)', async () => {
  const r = await spawnProcess({ command: python, args: ['-c', 'pass'] });
  if (r.exitCode !== 0) throw new Error(r.log);
}));
const local = new LocalExecutor();
rows.push(await measure(`local (${local.sandbox().mode})`, async () => {
  const r = await local.run(job(), { log });
  if (r.exitCode !== 0) throw new Error(r.logTail || r.error);
}));
if (process.env.DOCKER_HOST || process.argv.includes('--docker')) {
  const docker = new DockerExecutor();
  rows.push(await measure('docker', async () => {
    const r = await docker.run(job(), { log });
    if (r.exitCode !== 0) throw new Error(r.logTail || r.error);
  }));
} else {
  console.log('docker: skipped (DOCKER_HOST not set; run tools/dockerd.sh start)');
}
await rm(base, { recursive: true, force: true });

const bare = rows[0].median;
console.log(`no-op job (python3 -c pass), N=${N}, wall time of run():`);
for (const r of rows) {
  const over = r === rows[0] ? '' : `  overhead vs bare ${(r.median - bare).toFixed(0)} ms`;
  console.log(`  ${r.name.padEnd(26)} median ${r.median.toFixed(0).padStart(5)} ms  p90 ${r.p90.toFixed(0).padStart(5)} ms${over}`);
}
