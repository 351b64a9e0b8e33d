import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PluginApi, Reporter } from '@mle-smith/core';
import reporterJson, { optionsSchema, reportSchema, validateReport, writeJsonReport } from './index.js';
import { sampleRunSummary } from '@mle-smith/testkit';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'reporter-json-'));
  dirs.push(d);
  return d;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('writeJsonReport', () => {
  it('writes a report that validates against report.schema.json, sections included', async () => {
    const dir = await tempDir();
    const summary = sampleRunSummary();
    const path = await writeJsonReport(summary, dir);
    expect(path).toBe(join(dir, 'report.json'));
    const report = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(validateReport(report)).toEqual({ valid: true, errors: [] });
    expect(report.schemaVersion).toBe(1);
    expect(report.runId).toBe('r1');
    const sections = report.sections as Record<string, { rows?: unknown[]; measures?: unknown[] }>;
    expect(sections.eval!.rows!.length).toBe(150);
    expect(sections.elo!.rows!.length).toBe(15);
    expect(sections.agreement!.measures).toHaveLength(2);
  });

  it('writes a summary without sections and honours fileName', async () => {
    const dir = await tempDir();
    const path = await writeJsonReport(sampleRunSummary({ sections: false }), dir, { fileName: 'run.json' });
    expect(path).toBe(join(dir, 'run.json'));
    expect(validateReport(JSON.parse(await readFile(path, 'utf8'))).valid).toBe(true);
  });

  it('keeps free-form sections other commands add', async () => {
    const summary = { ...sampleRunSummary({ sections: false }), sections: { timings: { total: 3 } } };
    expect(validateReport({ schemaVersion: 1, ...summary }).valid).toBe(true);
  });

  it('accepts the llm section of a run with an LLM and checks its shape', () => {
    const llm = {
      backend: 'openai', model: 'm', endpoint: 'http://127.0.0.1:8000/v1', fallback: 'deterministic',
      roles: { brainstormer: { llm: 1, fallback: 0 }, refactor: { llm: 0, fallback: 1 } },
      outcomes: [
        { role: 'brainstormer', producer: 'llm', model: 'm', dataset: 'iris' },
        { role: 'refactor', producer: 'fallback', model: 'm', dataset: 'iris', taskId: 'iris-species-multiclass', reason: 'the LLM call failed: 500' },
      ],
    };
    expect(validateReport({ schemaVersion: 1, ...sampleRunSummary({ sections: false }), llm })).toEqual({ valid: true, errors: [] });
    const bad = { ...llm, outcomes: [{ role: 'refactor', producer: 'maybe', model: 'm' }] };
    expect(validateReport({ schemaVersion: 1, ...sampleRunSummary({ sections: false }), llm: bad }).errors.join('\n')).toMatch(/\/llm\/outcomes\/0\/producer/);
  });

  it('refuses a malformed summary with the JSON path in the message', async () => {
    const dir = await tempDir();
    const bad = sampleRunSummary();
    (bad.sections!.elo as { rows: Array<Record<string, unknown>> }).rows[0]!.ci = [1];
    await expect(writeJsonReport(bad, dir)).rejects.toThrow(/at \/sections\/elo\/rows\/0\/ci/);
    const bad2 = { ...sampleRunSummary(), funnel: { proposal: 1 } } as never;
    await expect(writeJsonReport(bad2, dir)).rejects.toThrow(/funnel/);
  });

  it('the schema is draft-07 with an $id', () => {
    expect(reportSchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(reportSchema.$id).toMatch(/report\.schema\.json$/);
  });
});

describe('plugin', () => {
  it('registers a reporter that writes into the run dir on onRunEnd', async () => {
    const dir = await tempDir();
    const reporters: Reporter[] = [];
    const logs: string[] = [];
    const plugin = reporterJson({ fileName: 'out.json' });
    expect(reporterJson.optionsSchema).toBe(optionsSchema);
    expect(plugin).toMatchObject({ name: 'reporter-json', apiVersion: 1 });
    await plugin.setup!({
      options: { fileName: 'out.json' },
      configDir: dir,
      log: { info: (m: string) => logs.push(m), warn: () => {}, debug: () => {} },
      addReporter: (r: Reporter) => reporters.push(r),
    } as unknown as PluginApi);
    expect(reporters.map((r) => r.id)).toEqual(['json']);
    await reporters[0]!.onRunEnd!({ ...sampleRunSummary(), runDir: dir });
    expect(validateReport(JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'))).valid).toBe(true);
    expect(logs[0]).toContain('out.json');
  });
});

describe('options schema', () => {
  it('accepts a plain file name and rejects a path', async () => {
    const { createAjv } = await import('@mle-smith/core');
    const validate = createAjv({ useDefaults: true }).compile(optionsSchema);
    const opts: Record<string, unknown> = {};
    expect(validate(opts)).toBe(true);
    expect(opts.fileName).toBe('report.json');
    expect(validate({ fileName: 'x.json' })).toBe(true);
    expect(validate({ fileName: '../x.json' })).toBe(false);
    expect(validate({ other: 1 })).toBe(false);
  });
});

describe('through the core plugin host', () => {
  it('loads by short name, validates options and writes on onRunEnd', async () => {
    const { PluginHost } = await import('@mle-smith/core');
    const dir = await tempDir();
    const log = { info: () => {}, warn: () => {}, debug: () => {} };
    const host = await PluginHost.load([['reporter-json', { fileName: 'host.json' }]], { configDir: process.cwd(), log });
    const reporter = host.reporters().find((r) => r.id === 'json')!;
    await reporter.onRunEnd!({ ...sampleRunSummary(), runDir: dir });
    expect(validateReport(JSON.parse(await readFile(join(dir, 'host.json'), 'utf8'))).valid).toBe(true);
    await expect(PluginHost.load([['reporter-json', { fileName: 'a/b.json' }]], { configDir: process.cwd(), log })).rejects.toThrow(/fileName/);
  });
});
