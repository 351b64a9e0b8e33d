#!/usr/bin/env node
// Builds the human-designed reference task set (examples/reference-tasks/tasks/) from the
// hand-written specs and descriptions in examples/reference-tasks/specs/. The split files are
// written by @mle-smith/data from each spec, exactly as for generated tasks, so `mle-smith prepare`
// can rebuild them. Deterministic: re-running reproduces the committed files byte for byte.
import { copyFile, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTaskManifest, replaceDirAtomic, writeJsonAtomic } from '@mle-smith/core';
import { materializeSplit, profileDataset } from '@mle-smith/data';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specsDir = join(root, 'examples', 'reference-tasks', 'specs');
const outRoot = join(root, 'examples', 'reference-tasks', 'tasks');

for (const file of (await readdir(specsDir)).filter((f) => f.endsWith('.json')).sort()) {
  const spec = JSON.parse(await readFile(join(specsDir, file), 'utf8'));
  const rawDir = join(root, 'examples', 'datasets', spec.dataset);
  const staging = join(outRoot, `${spec.id}.staging`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const result = await materializeSplit(spec, { rawDir, outDir: staging });
  await copyFile(join(specsDir, `${basename(file, '.json')}.md`), join(staging, 'description.md'));
  const profile = await profileDataset(rawDir);
  const manifest = await buildTaskManifest(spec, profile, 'human', staging, { rows: result.rows, classes: result.classes, agents: { author: 'human' } });
  await writeJsonAtomic(join(staging, 'task.json'), manifest);
  await replaceDirAtomic(staging, join(outRoot, spec.id));
  console.log(`${spec.id}: ${result.rows.train} train / ${result.rows.test} test`);
}
