import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.test-util.js';
import { OFFLINE_PLUGINS } from './starter-config.js';

describe('mle-smith init / plugins / validate-config', () => {
  it('init writes a starter config with a $schema link, and plugins --json lists every plugin with its contributions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mls-cli-'));
    expect((await runCli(['init'], dir)).code).toBe(0);
    const config = JSON.parse(await readFile(join(dir, 'mle-smith.config.json'), 'utf8'));
    expect(config.$schema).toBe('./node_modules/@mle-smith/core/schemas/config.schema.json');
    expect((await runCli(['init'], dir)).code).toBe(2); // never overwrites silently

    const r = await runCli(['plugins', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const listed = JSON.parse(r.stdout) as { plugins: Array<{ name: string; contributions: Array<{ kind: string; id: string }> }> };
    // The starter config names no plugins: it follows the default list.
    expect(config).not.toHaveProperty('plugins');
    expect(listed.plugins.map((p) => p.name)).toEqual(OFFLINE_PLUGINS);
    const kinds = (name: string) => listed.plugins.find((p) => p.name === name)!.contributions;
    expect(kinds('designer-tabular')).toEqual([{ kind: 'designer', id: 'tabular' }]);
    expect(kinds('executor-local')).toEqual([{ kind: 'executor', id: 'local' }]);
    expect(kinds('solver-baselines').map((c) => c.id)).toEqual(['baseline-trivial', 'baseline-simple', 'baseline-strong']);
    expect(kinds('reporter-json')).toEqual([{ kind: 'reporter', id: 'json' }]);
    expect(kinds('rules-structural').every((c) => c.kind === 'rule' && c.id.startsWith('structural/'))).toBe(true);

    const v = await runCli(['validate-config'], dir);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^config OK: /);
  });

  it('loads a third-party plugin by relative path and shows what it contributes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mls-cli-'));
    const plugin = resolve(process.cwd(), '..', '..', 'examples', 'plugins', 'mle-smith-plugin-quantiles');
    await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify({ plugins: [[plugin, { column: 'bmi' }]] }));
    const r = await runCli(['plugins'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('quantiles');
    expect(r.stdout).toContain('designer:quantiles, reporter:audit');
  });
});
