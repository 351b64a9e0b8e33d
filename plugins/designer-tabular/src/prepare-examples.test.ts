// The committed example datasets are what tools/prepare-examples.mjs produces.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../tools/prepare-examples.mjs', import.meta.url));

describe('tools/prepare-examples.mjs', () => {
  it('regenerates the committed examples byte for byte', () => {
    const out = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(out).toContain('examples are up to date');
  });
});
