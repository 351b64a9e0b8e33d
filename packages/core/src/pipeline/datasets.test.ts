// Which folders are datasets: a folder with top-level files is one; a folder of sub-folders is a
// collection, unless the sub-folders are class folders of images or audio (ImageFolder layout).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandDatasets } from './datasets.js';

async function tree(files: string[]): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'datasets-'));
  for (const f of files) {
    await mkdir(join(root, f, '..'), { recursive: true });
    await writeFile(join(root, f), 'x');
  }
  return root;
}

describe('expandDatasets', () => {
  it('a folder whose only children are class folders of images is one dataset, not one per class', async () => {
    const root = await tree(['letters/A/1.png', 'letters/A/2.png', 'letters/B/1.PNG', 'letters/C/9.jpg']);
    expect(await expandDatasets([join(root, 'letters')])).toEqual([{ name: 'letters', dir: join(root, 'letters') }]);
  });

  it('class folders of audio are one dataset too; inside a collection they stay one dataset', async () => {
    const root = await tree(['words/yes/a.wav', 'words/no/b.wav', 'iris/iris.csv']);
    expect(await expandDatasets([join(root, 'words')])).toEqual([{ name: 'words', dir: join(root, 'words') }]);
    expect((await expandDatasets([root])).map((d) => d.name)).toEqual(['iris', 'words']);
  });

  it('split folders of class folders (train/<class>/, test/<class>/) are one dataset too', async () => {
    const root = await tree(['pets/train/cat/1.jpg', 'pets/train/dog/2.jpg', 'pets/test/cat/3.jpg', 'pets/test/dog/4.jpg']);
    expect(await expandDatasets([join(root, 'pets')])).toEqual([{ name: 'pets', dir: join(root, 'pets') }]);
  });

  it('sub-folders holding tables, mixed media kinds or deeper folders make a collection', async () => {
    const tables = await tree(['a/a.csv', 'b/b.csv']);
    expect((await expandDatasets([tables])).map((d) => d.name)).toEqual(['a', 'b']);
    const mixed = await tree(['a/1.png', 'b/1.wav']);
    expect((await expandDatasets([mixed])).map((d) => d.name)).toEqual(['a', 'b']);
    const single = await tree(['only/1.png']);
    expect((await expandDatasets([single])).map((d) => d.name)).toEqual(['only']);
  });
});
