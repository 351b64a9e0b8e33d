import { mkdir, readFile, writeFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, checksumTree, silentLogger, validateTaskSpec, type Designer, type PluginApi, type Solver } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createTabularDesigner } from '@mle-smith/plugin-designer-tabular';
import plugin, { createImageDesigner } from './index.js';
import { DIGITS, EXAMPLES, designContext, digitsSubset, filesOf, tempDir } from './__fixtures__/helpers.js';

/** A labels table (path, label) next to an images/ folder of digit PNGs with neutral names. */
async function labelsTableDataset(rows: Array<[string, string]>, extraMissing?: string): Promise<string> {
  const dir = join(await tempDir(), 'digit-table');
  await mkdir(join(dir, 'images'), { recursive: true });
  const lines = ['file,digit'];
  for (const [i, [src, label]] of rows.entries()) {
    const name = `img${String(i).padStart(3, '0')}.png`;
    await cp(src, join(dir, 'images', name));
    lines.push(`images/${name},${label}`);
  }
  if (extraMissing) lines.push(`${extraMissing},1`);
  await writeFile(join(dir, 'labels.csv'), lines.join('\n') + '\n');
  return dir;
}

function digitRows(perClass: number, classes: number[]): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const c of classes) for (let k = 0; k < perClass; k++) rows.push([join(DIGITS, String(c), FIRST[c][k]), String(c)]);
  return rows;
}
const FIRST: Record<number, string[]> = {};
import { readdirSync } from 'node:fs';
for (let c = 0; c < 10; c++) FIRST[c] = readdirSync(join(DIGITS, String(c))).sort();

describe('image designer', () => {
  it('supports folder-per-class images and labels tables with image paths, not numeric tables', async () => {
    const designer = createImageDesigner();
    const digits = await profileDataset(DIGITS);
    // The profiler presents class folders as the virtual table images(path, label).
    expect(digits.tables.map((t) => [t.name, t.mediaColumns])).toEqual([['images', [{ column: 'path', kind: 'image' }]]]);
    expect(designer.supports(digits)).toBe(true);

    const table = await profileDataset(await labelsTableDataset(digitRows(6, [1, 7])));
    expect(table.tables[0].mediaColumns).toEqual([{ column: 'file', kind: 'image' }]);
    expect(createTabularDesigner().supports(table)).toBe(false);
    expect(designer.supports(table)).toBe(true);

    const iris = await profileDataset(join(EXAMPLES, 'datasets', 'iris'));
    expect(designer.supports(iris)).toBe(false);
  });

  it('designs digits: multiclass accuracy, stratified, a valid spec', async () => {
    const designer = createImageDesigner();
    const profile = await profileDataset(DIGITS);
    const [p] = await designer.brainstorm(profile, designContext());
    expect(p).toMatchObject({ id: 'digits-label-multiclass', modality: 'image', objective: 'multiclass', metric: { name: 'accuracy' }, split: { strategy: 'stratified', seed: 42 } });
    const spec = await designer.design(p, profile, designContext());
    expect(validateTaskSpec(spec).errors).toEqual([]);
    expect(spec.media).toEqual({ column: 'path', kind: 'image', folder: 'images' });
    expect(spec.submission.classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('materializes renamed images and identical bytes twice (prepare relies on it)', async () => {
    const raw = await digitsSubset(8, 4);
    const run = async () => {
      const designer = createImageDesigner();
      const profile = await profileDataset(raw);
        const [p] = await designer.brainstorm(profile, designContext());
      const spec = await designer.design(p, profile, designContext());
      const outDir = join(await tempDir(), 'task');
      const result = await designer.materialize(spec, { rawDir: raw, outDir, profile, log: silentLogger });
      return { spec, result, outDir, files: await filesOf(outDir), sums: await checksumTree(outDir) };
    };
    const a = await run();
    const b = await run();
    expect(b.sums).toEqual(a.sums);
    expect(b.files).toEqual(a.files);
    expect(a.result).toMatchObject({ rows: { train: 24, test: 8 }, classes: ['0', '1', '2', '3'], agents: { refactor: 'deterministic' } });
    const train = (await readFile(join(a.outDir, 'public/train.csv'), 'utf8')).trim().split('\n');
    const test = (await readFile(join(a.outDir, 'public/test.csv'), 'utf8')).trim().split('\n');
    expect(train[0]).toBe('id,image,label');
    expect(test[0]).toBe('id,image');
    for (const line of [...train.slice(1), ...test.slice(1)]) expect(line).toMatch(/^(\d+),images\/\1\.png(,\d)?$/);
    const images = Object.keys(a.files).filter((f) => f.startsWith('public/images/'));
    expect(images).toHaveLength(32);
    expect(Object.keys(a.files).filter((f) => !f.startsWith('public/images/')).sort()).toEqual(
      ['description.md', 'private/answers.csv', 'public/sample_submission.csv', 'public/test.csv', 'public/train.csv'],
    );
    const md = await readFile(join(a.outDir, 'description.md'), 'utf8');
    expect(md.split('\n').filter((l) => l.startsWith('## '))).toEqual(['## Overview', '## Data files', '## Evaluation', '## Submission format']);
    expect(md).toContain('license: CC BY 4.0');
  });

  it('a labels table: the label column is the target, other columns are dropped', async () => {
    const raw = await labelsTableDataset(digitRows(10, [3, 8]));
    const designer = createImageDesigner();
    const profile = await profileDataset(raw);
    expect(designer.supports(profile)).toBe(true);
    const [p] = await designer.brainstorm(profile, designContext());
    expect(p).toMatchObject({ table: 'labels', objective: 'binary', target: { name: 'digit' } });
    const spec = await designer.design(p, profile, designContext());
    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(spec, { rawDir: raw, outDir, profile, log: silentLogger });
    expect(result.classes).toEqual(['3', '8']);
    expect((await readFile(join(outDir, 'public/train.csv'), 'utf8')).split('\n')[0]).toBe('id,image,digit');
  });

  it('a numeric label with many values gives a regression task (rmse, numeric submission)', async () => {
    const raw = await labelsTableDataset(digitRows(12, [0, 1, 2, 3, 4]));
    // Replace the digit by a continuous value (here: a made-up ink amount per image), in no
    // particular row order: a value that only grows with the row is an identifier (row order).
    const lines = (await readFile(join(raw, 'labels.csv'), 'utf8')).trim().split('\n');
    await writeFile(join(raw, 'labels.csv'), ['file,ink', ...lines.slice(1).map((l, i) => `${l.split(',')[0]},${(10 + ((i * 37) % 60) * 0.37).toFixed(2)}`)].join('\n') + '\n');
    const designer = createImageDesigner();
    const profile = await profileDataset(raw);
    const [p] = await designer.brainstorm(profile, designContext());
    expect(p).toMatchObject({ objective: 'regression', target: { name: 'ink' }, metric: { name: 'rmse', higherIsBetter: false }, split: { strategy: 'random' } });
    const spec = await designer.design(p, profile, designContext());
    expect(spec.submission).toEqual({ idColumn: 'id', predictionColumns: [{ name: 'ink', type: 'number' }] });
    const outDir = join(await tempDir(), 'task');
    const result = await designer.materialize(spec, { rawDir: raw, outDir, profile, log: silentLogger });
    expect(result.classes).toBeUndefined();
    expect(result.rows.train + result.rows.test).toBe(60);
  });

  it('a corrupt PNG is a DatasetError naming the file, in brainstorm and in materialize', async () => {
    const raw = await digitsSubset(6, 3);
    const good = await readFile(join(raw, '1', FIRST[1][0]));
    await writeFile(join(raw, '1', 'broken.png'), good.subarray(0, good.length - 15));
    const designer = createImageDesigner();
    const profile = await profileDataset(raw);
    expect(designer.supports(profile)).toBe(true);
    const err = await designer.brainstorm(profile, designContext()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(/^1\/broken\.png: truncated PNG/);

    const clean = await digitsSubset(6, 3);
    const cleanProfile = await profileDataset(clean);
    const [p] = await designer.brainstorm(cleanProfile, designContext());
    const spec = await designer.design(p, cleanProfile, designContext());
    const outDir = join(await tempDir(), 'task');
    const failed = await designer.materialize(spec, { rawDir: raw, outDir, profile: cleanProfile, log: silentLogger }).catch((e: unknown) => e);
    expect((failed as Error).message).toMatch(/^1\/broken\.png: /);
    expect(await filesOf(outDir).catch(() => ({}))).toEqual({});
  });

  it('a labels table referencing a missing file is a DatasetError naming the file', async () => {
    const raw = await labelsTableDataset(digitRows(12, [1, 7]), 'images/zz-missing.png');
    const designer = createImageDesigner();
    const profile = await profileDataset(raw);
    expect(designer.supports(profile)).toBe(true);
    const err = await designer.brainstorm(profile, designContext()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(/^images\/zz-missing\.png: file not found \(referenced by labels\.csv/);
  });

  it('registers the designer and three image baselines', () => {
    const designers: Designer[] = [];
    const solvers: Solver[] = [];
    const api = { addDesigner: (d: Designer) => designers.push(d), addSolver: (s: Solver) => solvers.push(s) } as unknown as PluginApi;
    const instance = plugin({});
    expect(instance).toMatchObject({ name: 'designer-image', apiVersion: 1 });
    instance.setup!(api);
    expect(designers.map((d) => [d.id, d.modality])).toEqual([['image', 'image']]);
    expect(solvers.map((s) => [s.id, s.tier, s.modalities])).toEqual([
      ['image-trivial', 'trivial', ['image']], ['image-simple', 'simple', ['image']], ['image-strong', 'strong', ['image']],
    ]);
  });
});
