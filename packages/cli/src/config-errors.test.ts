// Acceptance: config errors give one line naming the JSON path or the package, exit code 2,
// and no stack trace unless --verbose.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.test-util.js';

async function project(config: unknown, extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mls-cli-'));
  await writeFile(join(dir, 'mle-smith.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
  return dir;
}

const PLUGIN_WITH_SCHEMA = `
const factory = (o) => ({ name: 'strict', apiVersion: 1 });
factory.optionsSchema = { type: 'object', additionalProperties: false, properties: { level: { type: 'integer', minimum: 1 } } };
export default factory;
`;

const cases: Array<{ name: string; config: unknown; files?: Record<string, string>; line: RegExp }> = [
  { name: 'an unknown key', config: { datasets: [], colour: 'red' }, line: /^error: .*mle-smith\.config\.json: at \/: unknown key "colour"$/ },
  { name: 'a wrong type', config: { concurrency: 'two' }, line: /^error: .*mle-smith\.config\.json: at \/concurrency: must be integer$/ },
  { name: 'a wrong nested type', config: { executor: { limits: { timeSec: -5 } } }, line: /^error: .*: at \/executor\/limits\/timeSec: must be > 0$/ },
  { name: 'a missing plugin package', config: { plugins: ['mle-smith-plugin-nowhere'] }, line: /^error: plugin "mle-smith-plugin-nowhere" not found: install it with npm install mle-smith-plugin-nowhere$/ },
  { name: 'duplicate plugin names', config: { plugins: ['./strict.mjs', './strict.mjs'] }, files: { 'strict.mjs': PLUGIN_WITH_SCHEMA }, line: /^error: duplicate plugin name "strict" \(from "\.\/strict\.mjs" and "\.\/strict\.mjs"\)$/ },
  { name: 'plugin options failing the plugin schema', config: { plugins: [['./strict.mjs', { level: 0 }]] }, files: { 'strict.mjs': PLUGIN_WITH_SCHEMA }, line: /^error: plugin "\.\/strict\.mjs" options: at \/level: must be >= 1$/ },
  { name: 'invalid JSON', config: '{ "seed": 1,, }', line: /^error: .*mle-smith\.config\.json: invalid JSON: / },
];

describe('config errors', () => {
  for (const c of cases) {
    it(`${c.name}: one line, exit code 2, no stack trace`, async () => {
      const dir = await project(c.config, c.files);
      for (const command of [['validate-config'], ['plugins'], ['run']]) {
        const r = await runCli(command, dir);
        expect(r.code, `${command[0]}: ${r.stderr}`).toBe(2);
        const lines = r.stderr.trim().split('\n');
        expect(lines, r.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(c.line);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    });
  }

  it('--verbose adds the stack trace', async () => {
    const dir = await project({ colour: 'red' });
    const r = await runCli(['validate-config', '--verbose'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown key "colour"/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('an unknown command or flag is a usage error with exit code 2', async () => {
    const dir = await project({});
    expect((await runCli(['frobnicate'], dir)).code).toBe(2);
    expect((await runCli(['run', '--bogus'], dir)).code).toBe(2);
  });
});
