// The human-designed reference set of the agreement study (examples/reference-tasks/, docs/agreement.md):
// its coverage, and every package's verification with the baseline ladder (`verify --execute`) and
// its rebuild with `prepare`.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskManifest } from '@mle-smith/core';
import { main } from './main.js';

const examples = resolve(process.cwd(), '..', '..', 'examples');
const setDir = join(examples, 'reference-tasks');
const tasksDir = join(setDir, 'tasks');
const ids = (await readdir(tasksDir)).sort();
const manifests = new Map<string, TaskManifest>(
  await Promise.all(ids.map(async (id) => [id, JSON.parse(await readFile(join(tasksDir, id, 'task.json'), 'utf8'))] as const)),
);
/** The lookup the builder and the bench use: the set's own datasets, then the demo's. */
const { referenceDatasetDir } = (await import(pathToFileURL(join(examples, '..', 'tools', 'reference-datasets.mjs')).href)) as { referenceDatasetDir: (name: string) => string };

const scratch = await mkdtemp(join(tmpdir(), 'mls-reference-set-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd: examples, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe('the reference set', () => {
  it('has at least 24 hand-written tasks covering tabular classification and regression, text, image and audio', async () => {
    expect(ids.length).toBeGreaterThanOrEqual(24);
    const kinds = new Set([...manifests.values()].map((m) => `${m.modality}/${m.objective === 'regression' ? 'regression' : 'classification'}`));
    for (const kind of ['tabular/classification', 'tabular/regression', 'text/classification', 'image/classification', 'audio/classification']) {
      expect(kinds).toContain(kind);
    }
    const specs = (await readdir(join(setDir, 'specs'))).sort();
    expect(specs).toEqual(ids.flatMap((id) => [`${id}.json`, `${id}.md`]));
    const rationale = await readFile(join(setDir, 'RATIONALE.md'), 'utf8');
    for (const [id, m] of manifests) {
      expect(m.generator?.designer, id).toBe('human');
      expect(rationale, `RATIONALE.md has no section for ${id}`).toContain(`## ${id}\n`);
      expect(await readFile(join(tasksDir, id, 'description.md'), 'utf8')).toBe(await readFile(join(setDir, 'specs', `${id}.md`), 'utf8'));
    }
  });

  it.each(ids)('%s passes verify --execute and rebuilds with prepare', async (id) => {
    // A copy: the ladder writes baselines/ into the package it verifies.
    const dir = join(scratch, 'executed', id);
    await cp(join(tasksDir, id), dir, { recursive: true });
    const verified = await cli(['verify', dir, '--execute', '--json']);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ task: id, passed: true });
    const raw = referenceDatasetDir(manifests.get(id)!.spec!.dataset);
    const rebuilt = await cli(['prepare', join(tasksDir, id, 'task.json'), '--raw', raw, '--out', join(scratch, id)]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/files match their recorded checksums/);
  }, 400_000); // the largest (attrition, 1,470 rows × 35 columns) took 92 s without the ladder at load 12
});
