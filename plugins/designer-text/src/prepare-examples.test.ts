// The committed text examples are exactly what tools/prepare-text-examples.mjs makes from the
// pinned npm packages, and stay small enough for a quick demo.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumTree } from '@mle-smith/data';
import { EXAMPLES, exampleDir } from './__fixtures__/helpers.js';

describe('tools/prepare-text-examples.mjs', () => {
  it('reproduces the committed spam and sotu files byte for byte', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(EXAMPLES, '..', 'tools', 'prepare-text-examples.mjs'), '--check']);
    expect(stdout).toContain('up to date');
  });

  it('keeps each example under 3 MB and 1,500 rows', async () => {
    for (const name of ['spam', 'sotu']) {
      const files = await checksumTree(exampleDir(name));
      expect(files.reduce((n, f) => n + f.bytes, 0)).toBeLessThan(3e6);
    }
  });
});
