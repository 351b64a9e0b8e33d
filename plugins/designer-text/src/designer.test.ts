import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, silentLogger, validateTaskSpec, type PluginApi } from '@mle-smith/core';
import { checksumTree, profileDataset } from '@mle-smith/data';
import plugin, { createTextDesigner } from './index.js';
import { designContext, exampleDir, filesOf, reviewCorpus, tempDir, writeDataset } from './__fixtures__/helpers.js';

const designer = createTextDesigner();

async function designFirst(dir: string) {
  const profile = await profileDataset(dir);
  const [proposal] = await designer.brainstorm(profile, designContext());
  return { profile, proposal, spec: await designer.design(proposal, profile, designContext()) };
}

async function materialize(dir: string) {
  const { spec, profile } = await designFirst(dir);
  const outDir = join(await tempDir(), 'task');
  const result = await createTextDesigner().materialize(spec, { rawDir: dir, outDir, profile, log: silentLogger });
  return { spec, outDir, result };
}

describe('supports()', () => {
  it('takes a table with a long free-text column and a label', async () => {
    expect(designer.supports(await profileDataset(exampleDir('spam')))).toBe(true);
    expect(designer.supports(await profileDataset(exampleDir('sotu')))).toBe(true);
  });

  it('declines a purely numeric table', async () => {
    expect(designer.supports(await profileDataset(exampleDir('iris')))).toBe(false);
    expect(designer.supports(await profileDataset(exampleDir('diabetes')))).toBe(false);
  });

  it('takes a folder-per-class corpus, whose label is the folder name', async () => {
    const profile = await profileDataset(await writeDataset('reviews', reviewCorpus()));
    expect(profile.media[0]).toMatchObject({ kind: 'text', classes: { neg: 30, pos: 30 } });
    expect(designer.supports(profile)).toBe(true);
    const [p] = await designer.brainstorm(profile, designContext());
    expect(p).toMatchObject({ table: 'documents', objective: 'binary', target: { name: 'label' }, metric: { name: 'roc_auc', params: { pos_label: 'pos' } } });
  });

  it('registers the designer and the three text baselines', () => {
    const added: string[] = [];
    const api = { addDesigner: (d: { id: string }) => added.push(`designer:${d.id}`), addSolver: (s: { id: string; tier?: string }) => added.push(`solver:${s.id}:${s.tier}`) } as unknown as PluginApi;
    plugin({}).setup!(api);
    expect(added).toEqual(['designer:text', 'solver:text-trivial:trivial', 'solver:text-simple:simple', 'solver:text-strong:strong']);
  });
});

describe('brainstorm and design', () => {
  it('spam: spam vs ham, roc_auc on P(spam), only the text is public', async () => {
    const { proposal, spec } = await designFirst(exampleDir('spam'));
    expect(proposal.id).toBe('spam-label-binary');
    expect(validateTaskSpec(spec).errors).toEqual([]);
    expect(spec).toMatchObject({ modality: 'text', features: ['text'], media: { column: 'text', kind: 'text' }, split: { strategy: 'stratified' } });
    expect(spec.submission).toEqual({ idColumn: 'id', predictionColumns: [{ name: 'label', type: 'probability' }], classes: ['ham', 'spam'] });
  });

  it('sotu: party (rare parties filtered out), not the year (a time index), split by president, text files by opaque name', async () => {
    const profile = await profileDataset(exampleDir('sotu'));
    const proposals = await designer.brainstorm(profile, designContext());
    expect(proposals.map((p) => p.id)).toEqual(['sotu-party-multiclass']);
    const spec = await designer.design(proposals[0], profile, designContext());
    expect(spec.split).toMatchObject({ strategy: 'group', by: 'president' });
    expect(spec.dropColumns).toEqual(['file', 'president', 'year']);
    expect(spec.filter).toBe(`CAST("party" AS VARCHAR) IN ('Democratic', 'Democratic-Republican', 'Republican')`);
    expect(spec.derivedFeatures).toEqual([{ name: 'text_file', expression: expect.stringContaining('md5(CAST("file" AS VARCHAR)') }]);
    expect(spec.media).toEqual({ column: 'file', kind: 'text', folder: 'texts' });
  });
});

describe('materialize', () => {
  it('is deterministic: two builds give identical checksums (inline text)', async () => {
    const a = await materialize(exampleDir('spam'));
    const b = await materialize(exampleDir('spam'));
    expect(await checksumTree(b.outDir)).toEqual(await checksumTree(a.outDir));
    expect(b.result).toEqual(a.result);
  });

  it('folder-per-class: copies every document under an opaque name, deterministically', async () => {
    const dir = await writeDataset('reviews', reviewCorpus());
    const a = await materialize(dir);
    const b = await materialize(dir);
    expect(await checksumTree(b.outDir)).toEqual(await checksumTree(a.outDir));
    const texts = await readdir(join(a.outDir, 'public', 'texts'));
    expect(texts).toHaveLength(60);
    const files = await filesOf(a.outDir);
    expect(files['public/test.csv'].split('\n')[0]).toBe('id,text_file');
    // No public file name or column names a class.
    for (const [path, content] of Object.entries(files)) {
      if (!path.startsWith('public/') || path === 'public/train.csv') continue;
      expect(path).not.toMatch(/pos|neg/);
      if (!path.startsWith('public/texts/')) expect(content).not.toMatch(/\b(pos|neg)\//);
    }
    expect(files['description.md']).toContain('## Submission format');
  });
});

describe('bad media', () => {
  const corpus = reviewCorpus(12);
  const bad: Array<[string, Record<string, string | Uint8Array>, string]> = [
    ['invalid UTF-8', { ...corpus, 'neg/review_003.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]) }, 'neg/review_003.txt: text file is not valid UTF-8'],
    ['an empty file', { ...corpus, 'pos/review_007.txt': '  \n' }, 'pos/review_007.txt: empty text file'],
  ];
  for (const [what, files, message] of bad) {
    it(`${what} is a DatasetError naming the file`, async () => {
      const dir = await writeDataset('bad', files);
      const profile = await profileDataset(dir);
      const err = await designer.brainstorm(profile, designContext()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatasetError);
      expect((err as Error).message).toContain(message);
    });
  }

  it('a labels table naming a missing file is a DatasetError naming it', async () => {
    const files: Record<string, string> = { 'SOURCE.md': '# notes\n' };
    const rows = ['file,topic'];
    for (let i = 0; i < 24; i++) {
      const path = `docs/doc_${i}.txt`;
      rows.push(`${path},${i % 2 ? 'sports' : 'politics'}`);
      if (i !== 5) files[path] = `Document ${i} about ${i % 2 ? 'the match and the goal' : 'the vote and the senate'}.\n`;
    }
    files['labels.csv'] = rows.join('\n') + '\n';
    const dir = await writeDataset('labels', files);
    const profile = await profileDataset(dir);
    expect(profile.tables[0].mediaColumns).toEqual([{ column: 'file', kind: 'text' }]);
    const err = await designer.brainstorm(profile, designContext()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toBe('docs/doc_5.txt: missing text file (named in labels.csv)');
  });
});
