import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, checksumTree, silentLogger, validateTaskSpec, type Designer, type PluginApi, type Solver } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createTabularDesigner } from '@mle-smith/plugin-designer-tabular';
import plugin, { createAudioDesigner } from './index.js';
import { EXAMPLES, WORDS, designContext, filesOf, tempDir, wordsSubset } from './__fixtures__/helpers.js';

/** A labels table (clip, word, speaker_pitch) next to a clips/ folder with neutral names. */
async function labelsTableDataset(words: string[], perClass: number, extra?: string): Promise<string> {
  const dir = join(await tempDir(), 'word-table');
  await mkdir(join(dir, 'clips'), { recursive: true });
  const lines = ['clip,word,pitch'];
  let i = 0;
  for (const w of words) {
    for (const f of (await readdir(join(WORDS, w))).sort().slice(0, perClass)) {
      const name = `c${String(i++).padStart(3, '0')}.wav`;
      await cp(join(WORDS, w, f), join(dir, 'clips', name));
      lines.push(`clips/${name},${w},${/-p(\d+)\.wav$/.exec(f)![1]}`);
    }
  }
  if (extra) lines.push(extra);
  await writeFile(join(dir, 'labels.csv'), lines.join('\n') + '\n');
  return dir;
}

describe('audio designer', () => {
  it('supports class folders of WAV files and labels tables with audio paths, not numeric tables', async () => {
    const designer = createAudioDesigner();
    const words = await profileDataset(WORDS);
    expect(words.tables.map((t) => [t.name, t.mediaColumns])).toEqual([['recordings', [{ column: 'path', kind: 'audio' }]]]);
    expect(designer.supports(words)).toBe(true);
    const table = await profileDataset(await labelsTableDataset(['yes', 'no'], 10));
    expect(createTabularDesigner().supports(table)).toBe(false);
    expect(designer.supports(table)).toBe(true);
    expect(designer.supports(await profileDataset(join(EXAMPLES, 'datasets', 'wine')))).toBe(false);
    expect(designer.supports(await profileDataset(join(EXAMPLES, 'datasets', 'digits')))).toBe(false);
  });

  it('designs spoken-words and materializes identical bytes twice', async () => {
    const raw = await wordsSubset(6, ['up', 'down', 'left']);
    const run = async () => {
      const designer = createAudioDesigner();
      const profile = await profileDataset(raw);
      const [p] = await designer.brainstorm(profile, designContext());
      const spec = await designer.design(p, profile, designContext());
      const outDir = join(await tempDir(), 'task');
      const result = await designer.materialize(spec, { rawDir: raw, outDir, profile, log: silentLogger });
      return { p, spec, result, outDir, files: await filesOf(outDir), sums: await checksumTree(outDir) };
    };
    const a = await run();
    const b = await run();
    expect(a.p).toMatchObject({ id: 'words-subset-label-multiclass', modality: 'audio', metric: { name: 'accuracy' } });
    expect(validateTaskSpec(a.spec).errors).toEqual([]);
    expect(b.sums).toEqual(a.sums);
    expect(b.files).toEqual(a.files);
    expect(a.result).toMatchObject({ rows: { train: 12, test: 6 }, classes: ['down', 'left', 'up'] });
    const train = (await readFile(join(a.outDir, 'public/train.csv'), 'utf8')).trim().split('\n');
    expect(train[0]).toBe('id,audio,label');
    for (const line of train.slice(1)) expect(line).toMatch(/^(\d+),audio\/\1\.wav,(up|down|left)$/);
    expect(Object.keys(a.files).filter((f) => f.startsWith('public/audio/'))).toHaveLength(18);
  });

  it('a labels table: word is the target, the other columns are dropped', async () => {
    const raw = await labelsTableDataset(['yes', 'no', 'up'], 8);
    const designer = createAudioDesigner();
    const profile = await profileDataset(raw);
    const [p] = await designer.brainstorm(profile, designContext());
    expect(p).toMatchObject({ table: 'labels', target: { name: 'word' }, dropColumns: ['pitch'] });
    const outDir = join(await tempDir(), 'task');
    await designer.materialize(await designer.design(p, profile, designContext()), { rawDir: raw, outDir, profile, log: silentLogger });
    expect((await readFile(join(outDir, 'public/test.csv'), 'utf8')).split('\n')[0]).toBe('id,audio');
  });

  it('a zero-length WAV, a bad header or a missing file is a DatasetError naming the file', async () => {
    const designer = createAudioDesigner();
    const zero = await wordsSubset(4, ['yes', 'no']);
    await writeFile(join(zero, 'no', 'silence.wav'), '');
    const e1 = await designer.brainstorm(await profileDataset(zero), designContext()).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(DatasetError);
    expect((e1 as Error).message).toBe('no/silence.wav: zero-length WAV file');

    const riff = await wordsSubset(4, ['yes', 'no']);
    await writeFile(join(riff, 'yes', 'fake.wav'), 'ID3\x03\x00 mp3 data renamed to wav');
    const e2 = await designer.brainstorm(await profileDataset(riff), designContext()).catch((e: unknown) => e);
    expect((e2 as Error).message).toBe('yes/fake.wav: bad RIFF/WAVE header (not a WAV file)');

    const missing = await labelsTableDataset(['yes', 'no'], 12, 'clips/zz-gone.wav,yes,50');
    const e3 = await designer.brainstorm(await profileDataset(missing), designContext()).catch((e: unknown) => e);
    expect(e3).toBeInstanceOf(DatasetError);
    expect((e3 as Error).message).toMatch(/^clips\/zz-gone\.wav: file not found \(referenced by labels\.csv, column clip, row 25\)$/);
  });

  it('registers the designer and three audio baselines', () => {
    const designers: Designer[] = [];
    const solvers: Solver[] = [];
    const api = { addDesigner: (d: Designer) => designers.push(d), addSolver: (s: Solver) => solvers.push(s) } as unknown as PluginApi;
    plugin({}).setup!(api);
    expect(designers.map((d) => [d.id, d.modality])).toEqual([['audio', 'audio']]);
    expect(solvers.map((s) => [s.id, s.tier, s.modalities])).toEqual([
      ['audio-trivial', 'trivial', ['audio']], ['audio-simple', 'simple', ['audio']], ['audio-strong', 'strong', ['audio']],
    ]);
  });
});
