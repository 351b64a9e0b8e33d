#!/usr/bin/env node
// Builds the human-designed reference task set (examples/reference-tasks/tasks/) from the
// hand-written specs and descriptions in examples/reference-tasks/specs/. Each package is
// materialized by the loaded designer of its modality — exactly what `mle-smith prepare` runs, so
// prepare rebuilds every package — and then gets its hand-written description.md. Deterministic:
// re-running reproduces the committed files byte for byte. The author's rationale for each task
// (target, split, metric) is examples/reference-tasks/RATIONALE.md.
//
//   node tools/build-reference-tasks.mjs [task-id ...]
import { copyFile, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTaskManifest, replaceDirAtomic, silentLogger, writeJsonAtomic } from '@mle-smith/core';
import { wire } from '@mle-smith/cli';
import { referenceDatasetDir } from './reference-datasets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specsDir = join(root, 'examples', 'reference-tasks', 'specs');
const outRoot = join(root, 'examples', 'reference-tasks', 'tasks');
const only = new Set(process.argv.slice(2));

const { host, profiler } = await wire({ cwd: join(root, 'examples'), log: silentLogger });
for (const file of (await readdir(specsDir)).filter((f) => f.endsWith('.json')).sort()) {
  const spec = JSON.parse(await readFile(join(specsDir, file), 'utf8'));
  if (only.size && !only.has(spec.id)) continue;
  const designer = host.designers().find((d) => d.modality === spec.modality);
  if (!designer) throw new Error(`${file}: no ${spec.modality} designer is loaded`);
  const rawDir = referenceDatasetDir(spec.dataset);
  const staging = join(outRoot, `${spec.id}.staging`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const profile = await profiler.profile(rawDir);
  const result = await designer.materialize(spec, { rawDir, outDir: staging, profile, log: silentLogger });
  await copyFile(join(specsDir, `${basename(file, '.json')}.md`), join(staging, 'description.md'));
  const manifest = await buildTaskManifest(spec, profile, 'human', staging, { ...result, agents: { author: 'human' } });
  await writeJsonAtomic(join(staging, 'task.json'), manifest);
  await replaceDirAtomic(staging, join(outRoot, spec.id));
  console.log(`${spec.id}: ${result.rows.train} train / ${result.rows.test} test`);
}
