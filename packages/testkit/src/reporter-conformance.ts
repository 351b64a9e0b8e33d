// The reporter conformance suite (LangChain's standard-tests model): a reporter plugin's test file
// calls it with its factory and the files it documents, and gets the cases every Reporter must
// pass — callbacks are optional functions, they only observe (frozen arguments, no throw on a
// minimal run or a full one), the documented files appear in the run directory, and the same run
// reported twice leaves the same bytes:
//   reporterConformanceSuite('json', () => plugin({}), { files: ['report.json'] });
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plugin, Reporter, RunInfo, RunSummary, StageEvent } from '@mle-smith/core';
import { filesOf } from './designer-fixtures.js';
import { pluginContributions } from './plugin-contributions.js';
import { sampleRunSummary } from './sample-run-summary.js';

export interface ReporterConformanceOptions {
  /** With a plugin registering several reporters: which one. */
  reporterId?: string;
  /** Files the reporter documents, relative to the run directory, e.g. ["report.json"]. */
  files?: string[];
  /** Plugin options passed to setup() (the factory already has its own). */
  pluginOptions?: Record<string, unknown>;
  /** Per-case timeout in ms. Default 30000. */
  timeoutMs?: number;
}

const CALLBACKS = ['onRunStart', 'onStageEnd', 'onTaskVerdict', 'onRunEnd'] as const;

async function reporterOf(make: () => Reporter | Plugin | Promise<Reporter | Plugin>, options: ReporterConformanceOptions): Promise<Reporter> {
  const made = await make();
  if (!('apiVersion' in made)) return made as Reporter;
  const reporters = (await pluginContributions(made, options.pluginOptions)).reporter;
  const reporter = options.reporterId ? reporters.find((r) => r.id === options.reporterId) : reporters[0];
  if (!reporter) throw new Error(`the plugin registers no reporter${options.reporterId ? ` "${options.reporterId}"` : ''}`);
  return reporter;
}

/** Frozen all the way down, so a callback that writes into what it is given throws (ES modules are strict). */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function minimalRunSummary(runDir: string): RunSummary {
  return {
    runId: 'conformance-minimal', runDir, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:01.000Z',
    datasets: [], funnel: { proposal: 0, spec: 0, package: 0, assertions: 0, review: 0, execution: 0 }, tasks: [], ledger: [],
  };
}

/** Every callback the reporter has, in run order, with frozen arguments. */
async function report(reporter: Reporter, summary: RunSummary): Promise<void> {
  const info: RunInfo = { runId: summary.runId, runDir: summary.runDir, datasets: summary.datasets.map((d) => d.name), config: {} };
  await reporter.onRunStart?.(deepFreeze(info));
  const stages: StageEvent[] = [
    { stage: 'profile', dataset: 'd', durationMs: 3, cached: false },
    { stage: 'design', dataset: 'd', taskId: 't', durationMs: 2, cached: true },
    { stage: 'execute', dataset: 'd', taskId: 't', durationMs: 1, cached: false, error: 'failed' },
  ];
  for (const event of stages) await reporter.onStageEnd?.(deepFreeze(event));
  for (const task of summary.tasks) await reporter.onTaskVerdict?.(deepFreeze(structuredClone(task)));
  await reporter.onRunEnd?.(deepFreeze(summary));
}

export function reporterConformanceSuite(
  name: string,
  make: () => Reporter | Plugin | Promise<Reporter | Plugin>,
  options: ReporterConformanceOptions = {},
): void {
  const timeout = options.timeoutMs ?? 30_000;
  describe(`reporter conformance: ${name}`, () => {
    let work: string;
    const runDir = () => mkdtemp(join(work, 'run-'));
    const fullSummary = async () => ({ ...sampleRunSummary({ sections: true }), runDir: await runDir() });

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), 'mle-reporter-conformance-'));
    });
    afterAll(async () => {
      if (work) await rm(work, { recursive: true, force: true });
    });

    it('has an id, and every callback is optional: only onRunStart/onStageEnd/onTaskVerdict/onRunEnd, each a function', async () => {
      const reporter = await reporterOf(make, options);
      expect(reporter.id).toMatch(/\S/);
      for (const [key, value] of Object.entries(reporter)) {
        if (key === 'id') continue;
        expect(CALLBACKS as readonly string[], `unknown reporter member "${key}"`).toContain(key);
        expect(typeof value, key).toBe('function');
      }
    });

    it('only observes a minimal run (no datasets, no tasks): frozen arguments, no throw, unchanged', async () => {
      const summary = minimalRunSummary(await runDir());
      const before = structuredClone(summary);
      await report(await reporterOf(make, options), summary);
      expect(summary).toEqual(before);
    }, timeout);

    it('only observes a full run (accepted, repaired and rejected tasks, eval sections): no throw, unchanged', async () => {
      const summary = await fullSummary();
      const before = structuredClone(summary);
      await report(await reporterOf(make, options), summary);
      expect(summary).toEqual(before);
    }, timeout);

    it('writes the files it documents into the run directory, for a minimal and a full run', async () => {
      for (const summary of [minimalRunSummary(await runDir()), await fullSummary()]) {
        await report(await reporterOf(make, options), summary);
        for (const f of options.files ?? []) expect((await stat(join(summary.runDir, f))).size, f).toBeGreaterThan(0);
        if (!options.files?.length) expect(await readdir(summary.runDir)).toEqual([]);
      }
    }, timeout);

    it('keeps no state between runs: the same run reported twice by one reporter leaves the same bytes', async () => {
      const reporter = await reporterOf(make, options);
      const summary = await fullSummary();
      await report(reporter, summary);
      const first = await filesOf(summary.runDir, 'base64');
      await report(reporter, summary);
      expect(await filesOf(summary.runDir, 'base64')).toEqual(first);
    }, timeout);
  });
}
