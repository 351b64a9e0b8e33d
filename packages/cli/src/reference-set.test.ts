// The human-designed reference set of the agreement study (examples/reference-tasks/, docs/agreement.md):
// its coverage, every package's verification and rebuild, and the baseline ladder on one task per
// modality. `verify --execute` over all of them is the bench's (bench/agreement-verify.mjs): it
// takes long for the suite.
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
/** One small task per modality, for the ladder. */
const EXECUTED = ['ref-wine-cultivar', 'ref-spam-filter', 'ref-digits-odd', 'ref-spoken-yes-no'];
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

  it.each(ids)('%s passes verify and rebuilds with prepare', async (id) => {
    const dir = join(tasksDir, id);
    const verified = await cli(['verify', dir, '--json']);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ task: id, passed: true });
    const raw = referenceDatasetDir(manifests.get(id)!.spec!.dataset);
    const rebuilt = await cli(['prepare', join(dir, 'task.json'), '--raw', raw, '--out', join(scratch, id)]);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/files match their recorded checksums/);
  }, 300_000); // the largest (attrition, 1,470 rows × 35 columns) took 92 s at load 12

  it.each(EXECUTED)('%s passes verify --execute (the baseline ladder)', async (id) => {
    // A copy: the ladder writes baselines/ into the package it verifies.
    const dir = join(scratch, 'executed', id);
    await cp(join(tasksDir, id), dir, { recursive: true });
    const r = await cli(['verify', dir, '--execute', '--json']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ task: id, passed: true });
  });
});
