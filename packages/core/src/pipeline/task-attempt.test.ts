import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AttemptRecord, Designer } from '../contracts/extensions.js';
import type { TaskProposal, TaskSpec } from '../contracts/task.js';
import { resolveConfig } from '../config-loader.js';
import { defineRule } from '../define-rule.js';
import { DatasetError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { compose } from './compose.js';
import { createRunContext } from './run-context.js';
import { runTaskAttempt, type TaskRef } from './task-attempt.js';

const fixtures = join(process.cwd(), 'src', '__fixtures__', 'pipeline');
const dataset = { name: 'alpha', dir: join(fixtures, 'datasets', 'alpha') };
const profile = { name: 'alpha', dir: dataset.dir, tables: [], media: [], files: [] };

const proposal: TaskProposal = {
  id: 'alpha-task', dataset: 'alpha', table: 'table', title: 'Task', modality: 'tabular', objective: 'binary',
  target: { name: 'y', expression: 'y', sourceColumns: ['y'] }, metric: { name: 'accuracy' }, split: { strategy: 'random', testFraction: 0.5, seed: 1 },
  dropColumns: [], justification: 'test',
};

const specOf = (p: TaskProposal, title = p.title): TaskSpec => ({
  specVersion: 1, id: p.id, title, dataset: p.dataset, table: p.table, modality: p.modality, objective: p.objective, target: p.target,
  rowKey: [], features: ['x'], derivedFeatures: [], dropColumns: [], metric: { name: 'accuracy', higherIsBetter: true }, split: p.split,
  submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'string' }] }, description: { overview: 'A test task.' },
});

/** A designer writing a two-row package; `seen` records what design and materialize were given. */
function designer(behaviour: { title?: (attempt: number) => string; failMaterialize?: boolean } = {}) {
  const seen: { history: AttemptRecord[][]; profiles: unknown[] } = { history: [], profiles: [] };
  const d: Designer = {
    id: 'test-designer', modality: 'tabular', supports: () => true, brainstorm: async () => [proposal],
    async design(p, _profile, ctx) {
      seen.history.push(ctx.history);
      return specOf(p, behaviour.title?.(ctx.attempt));
    },
    async materialize(spec, ctx) {
      seen.profiles.push(ctx.profile);
      if (behaviour.failMaterialize) throw new DatasetError('the raw table vanished');
      const { mkdir, writeFile } = await import('node:fs/promises');
      await mkdir(join(ctx.outDir, 'public'), { recursive: true });
      await mkdir(join(ctx.outDir, 'private'), { recursive: true });
      await writeFile(join(ctx.outDir, 'public', 'train.csv'), 'id,x,y\n1,1,0\n');
      await writeFile(join(ctx.outDir, 'public', 'test.csv'), 'id,x\n2,2\n');
      await writeFile(join(ctx.outDir, 'private', 'answers.csv'), 'id,y\n2,1\n');
      await writeFile(join(ctx.outDir, 'description.md'), `# ${spec.title}\n`);
      return { rows: { train: 1, test: 1 } };
    },
  };
  return { designer: d, seen };
}

const titleRule = defineRule({
  id: 'test/title-not-draft', severity: 'error', phase: 'spec', description: 'a draft title is an error',
  check: ({ spec }) => (spec.title.startsWith('draft') ? [{ message: 'draft title' }] : []),
});

async function context(d: Designer) {
  const out = await mkdtemp(join(tmpdir(), 'mls-attempt-'));
  const config = resolveConfig({ datasets: [join(fixtures, 'datasets')], out, execute: { enabled: false }, report: [] }, fixtures);
  const findings: string[] = [];
  const services = await compose({
    config, configDir: fixtures, log: silentLogger, profiler: { profile: async () => profile },
    plugins: [{
      name: 'attempt-test', apiVersion: 1,
      setup: (api) => { api.addDesigner(d); api.addVerifierRule(titleRule); },
      onFinding: (f, scope) => { findings.push(`${scope.stage}:${f.ruleId}`); },
    }],
  });
  const run = await createRunContext({ ...services, store: await services.openRunStore() });
  const task = (des: Designer): TaskRef => ({ dataset, profile, designer: des, proposal });
  return { run, task: task(d), findings };
}

describe('runTaskAttempt', () => {
  it('returns the findings, the step reached and the manifest materialize wrote, which is task.json', async () => {
    const { designer: d, seen } = designer();
    const { run, task } = await context(d);
    const outcome = await runTaskAttempt(run, task, 0, []);
    expect(outcome).toMatchObject({ reached: 'execution', defects: [], verified: true });
    expect(outcome.stop).toBeUndefined();
    expect(outcome.manifest!.files.map((f) => f.path)).toEqual(['private/answers.csv', 'public/test.csv', 'public/train.csv']);
    expect(JSON.parse(await readFile(join(outcome.taskDir!, 'task.json'), 'utf8'))).toEqual(outcome.manifest);
    // materialize receives the profile; design the (empty) history.
    expect(seen.profiles).toEqual([profile]);
    expect(seen.history).toEqual([[]]);
  });

  it('stops at the first gate with errors and hands its error findings back as defects', async () => {
    const { designer: d } = designer({ title: () => 'draft' });
    const { run, task, findings } = await context(d);
    const outcome = await runTaskAttempt(run, task, 0, []);
    expect(outcome.reached).toBe('proposal');
    expect(outcome.defects.map((f) => f.ruleId)).toEqual(['test/title-not-draft']);
    expect(outcome.findings).toEqual(outcome.defects);
    expect(outcome.taskDir).toBeUndefined();
    expect(findings).toEqual(['verify:test/title-not-draft']);
  });

  it('passes the attempt history to design, and stops when a redesign returns the same spec', async () => {
    const { designer: d, seen } = designer({ title: () => 'draft' });
    const { run, task } = await context(d);
    const first = await runTaskAttempt(run, task, 0, []);
    const history = [{ attempt: 0, findings: first.defects }];
    const second = await runTaskAttempt(run, task, 1, history, first.spec);
    expect(seen.history[1]).toEqual(history);
    expect(second.stop).toEqual({});
    expect(second.verified).toBe(false);
  });

  it('turns a DatasetError into a stop with a core/dataset finding, keeping the findings so far', async () => {
    const { designer: d } = designer({ failMaterialize: true });
    const { run, task } = await context(d);
    const outcome = await runTaskAttempt(run, task, 0, []);
    expect(outcome.reached).toBe('spec');
    expect(outcome.stop).toEqual({ reason: 'the raw table vanished', finding: { ruleId: 'core/dataset', severity: 'error', phase: 'spec', message: 'the raw table vanished' } });
  });

  it('lets any other error fail the run', async () => {
    const { designer: d } = designer();
    d.design = async () => { throw new TypeError('a bug'); };
    const { run, task } = await context(d);
    await expect(runTaskAttempt(run, task, 0, [])).rejects.toThrow('a bug');
  });
});
