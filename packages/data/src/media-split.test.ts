import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, type TaskSpec } from '@mle-smith/core';
import { materializeMediaSplit } from './media-split.js';
import { checksumTree } from './checksum.js';

async function folderDataset(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'media-split-'));
  await writeFile(join(dir, 'SOURCE.md'), '# x\n');
  for (const c of ['cat', 'dog']) {
    await mkdir(join(dir, c));
    for (let i = 0; i < 6; i++) await writeFile(join(dir, c, `${c}-${i}.png`), `${c} ${i}`);
  }
  return dir;
}

const spec: TaskSpec = {
  specVersion: 1, id: 't', title: 't', dataset: 'd', table: 'images', modality: 'image', objective: 'binary',
  target: { name: 'label', expression: '"label"', sourceColumns: ['label'] }, rowKey: ['path'], features: ['path'], derivedFeatures: [], dropColumns: [],
  metric: { name: 'accuracy' }, split: { strategy: 'stratified', testFraction: 0.25, seed: 1 },
  submission: { idColumn: 'id', predictionColumns: [{ name: 'label', type: 'string' }] }, media: { column: 'path', kind: 'image' }, description: { overview: '' },
};

describe('materializeMediaSplit', () => {
  it('splits class folders, renames files by id, and is byte-identical on rebuild', async () => {
    const raw = await folderDataset();
    const build = async () => {
      const out = await mkdtemp(join(tmpdir(), 'media-out-'));
      const result = await materializeMediaSplit(spec, { rawDir: raw, outDir: out, kind: 'image', folder: 'images', column: 'image' });
      return { out, result, sums: await checksumTree(out) };
    };
    const a = await build();
    const b = await build();
    expect(a.result).toEqual({ rows: { train: 8, test: 4 }, classes: ['cat', 'dog'] });
    expect(b.sums).toEqual(a.sums);
    const train = (await readFile(join(a.out, 'public/train.csv'), 'utf8')).trim().split('\n');
    expect(train[0]).toBe('id,image,label');
    const [id, image, label] = train[1].split(',');
    expect(image).toBe(`images/${id}.png`);
    expect(await readFile(join(a.out, 'public', image), 'utf8')).toMatch(new RegExp(`^${label} \\d$`));
    expect((await readdir(join(a.out, 'public/images'))).length).toBe(12);
  });

  it('a failing file check stops everything before a file is written', async () => {
    const raw = await folderDataset();
    const out = join(await mkdtemp(join(tmpdir(), 'media-out-')), 'pkg');
    const validate = async (_abs: string, rel: string) => {
      if (rel === 'dog/dog-3.png') throw new DatasetError('corrupt', { file: rel });
    };
    await expect(materializeMediaSplit(spec, { rawDir: raw, outDir: out, kind: 'image', folder: 'images', column: 'image', validate })).rejects.toThrow('dog/dog-3.png: corrupt');
    await expect(readdir(out)).rejects.toThrow();
  });
});
