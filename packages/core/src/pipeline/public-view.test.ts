import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskManifest } from '../contracts/task.js';
import { DatasetError } from '../errors.js';
import { csvHeader, readPublicView } from './public-view.js';

describe('the public view', () => {
  it('carries the modality and the input columns (test.csv besides the id), never the spec, source or checksums', async () => {
    const taskDir = await mkdtemp(join(tmpdir(), 'mls-view-'));
    await mkdir(join(taskDir, 'public'));
    await writeFile(join(taskDir, 'public', 'test.csv'), 'row_id,"text, raw","say ""hi""",n\n1,a,b,2\n');
    await writeFile(join(taskDir, 'description.md'), '# T\n');
    const manifest = { id: 't', modality: 'text', submission: { idColumn: 'row_id', predictionColumns: [] }, spec: { id: 't' }, source: { dataset: 'd', files: [] }, files: [] } as unknown as TaskManifest;
    const view = await readPublicView(taskDir, manifest);
    expect(view.modality).toBe('text');
    expect(view.inputColumns).toEqual(['text, raw', 'say "hi"', 'n']);
    expect(view.description).toBe('# T\n');
    expect(view.manifest).not.toHaveProperty('files');
    expect(view.manifest).not.toHaveProperty('source');
    expect(view.manifest.spec).toBeUndefined();
  });

  it('reads a header longer than one read, with a byte-order mark and CRLF', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mls-view-'));
    const names = Array.from({ length: 9000 }, (_, i) => `feature_${i}`);
    await writeFile(join(dir, 'wide.csv'), `\uFEFFid,${names.join(',')}\r\n0,${names.map(() => 1).join(',')}\r\n`);
    expect(await csvHeader(join(dir, 'wide.csv'))).toEqual(['id', ...names]);
    await expect(csvHeader(join(dir, 'missing.csv'))).rejects.toBeInstanceOf(DatasetError);
  });
});
