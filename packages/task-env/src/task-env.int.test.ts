// The environment end to end over real HTTP on 127.0.0.1: a scripted client runs reset → info →
// execute → validate → submit → history on two committed reference tasks in two sessions at once,
// through the real local executor (namespaces sandbox) and the host grader. A session's code cannot
// read the other session's files or the answers, and each trajectory file holds every step.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickLadder, silentLogger, type ExecLimits } from '@mle-smith/core';
import { createGrader } from '@mle-smith/metrics';
import { LocalExecutor } from '@mle-smith/plugin-executor-local';
import { baselineSolvers } from '@mle-smith/plugin-solver-baselines';
import { TaskEnvClient, TaskEnvError, TaskEnvironment, serveTaskEnv, type TaskEnvServer, type TaskEnvSession, type TrajectoryStep } from './index.js';

const REFERENCE = resolve(process.cwd(), '..', '..', 'examples', 'reference-tasks', 'tasks');
const IRIS = join(REFERENCE, 'ref-iris-species');
const WINE = join(REFERENCE, 'ref-wine-cultivar');
const LIMITS: ExecLimits = { timeSec: 120, memoryMb: 2048, cpus: 1, pids: 256 };

/** A real model on the public files, whatever the task: labels or class probabilities as the sample asks. */
const SOLUTION = `
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
train = pd.read_csv("data/train.csv"); test = pd.read_csv("data/test.csv"); sample = pd.read_csv("data/sample_submission.csv")
id_col = sample.columns[0]
target = [c for c in train.columns if c not in test.columns][0]
features = [c for c in test.columns if c != id_col]
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(train[features], train[target].astype(str))
out = pd.DataFrame({id_col: test[id_col]})
if list(sample.columns[1:]) == [target]:
    out[target] = model.predict(test[features])
else:
    proba = model.predict_proba(test[features])
    for c in sample.columns[1:]:
        out[c] = proba[:, list(model.classes_).index(str(c))]
out.to_csv("submission.csv", index=False)
print("rows", len(out))
`;

/** Tries to read each path; prints "<label>: blocked" or "<label>: READ". */
const snoop = (targets: Record<string, string>) => `
import json
for label, path in json.loads(${JSON.stringify(JSON.stringify(targets))}).items():
    try:
        open(path).read(10)
        print(label + ": READ")
    except Exception as e:
        print(label + ": blocked")
`;

let root: string;
let env: TaskEnvironment;
let server: TaskEnvServer;
let client: TaskEnvClient;
let executor: LocalExecutor;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mls-task-env-'));
  executor = new LocalExecutor({ workRoot: join(root, 'jobs') });
  env = await TaskEnvironment.open({
    taskDirs: [IRIS, WINE], executor, grader: createGrader(), limits: LIMITS, outDir: join(root, 'env'), runId: 'task-env-test', log: silentLogger,
    ladderSolvers: (manifest) => pickLadder(baselineSolvers(), manifest, []),
  });
  server = await serveTaskEnv(env, { port: 0 });
  client = new TaskEnvClient(server.url);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await executor?.dispose();
  await rm(root, { recursive: true, force: true });
});

async function episode(task: string) {
  const session = await client.reset(task);
  const info = await session.info();
  const executed = await session.execute(SOLUTION);
  const validated = await session.validate();
  const submitted = await session.submit();
  const history = await session.history();
  return { session, info, executed, validated, submitted, history };
}

describe('the task environment over HTTP', () => {
  let runs: Array<Awaited<ReturnType<typeof episode>>>;

  beforeAll(async () => {
    runs = await Promise.all([episode('ref-iris-species'), episode('ref-wine-cultivar')]);
  }, 600_000);

  it('lists the tasks', async () => {
    expect((await client.tasks()).map((t) => t.task)).toEqual(['ref-iris-species', 'ref-wine-cultivar']);
  });

  it('runs reset → info → execute → validate → submit → history in two sessions at once', () => {
    const [iris, wine] = runs;
    expect(iris!.session.id).not.toBe(wine!.session.id);
    for (const [run, task, metric] of [[iris!, 'ref-iris-species', 'log_loss'], [wine!, 'ref-wine-cultivar', 'balanced_accuracy']] as const) {
      expect(run.info).toMatchObject({ task, submission: { file: 'submission.csv', metric: { name: metric } } });
      expect(run.info.description.length).toBeGreaterThan(100);
      expect(run.info.files.map((f) => f.path)).toEqual(['data/sample_submission.csv', 'data/test.csv', 'data/train.csv']);
      expect(run.executed, run.executed.output).toMatchObject({ exitCode: 0, timedOut: false, submission: 'written' });
      expect(run.executed.output).toMatch(/rows \d+/);
      expect(run.validated).toMatchObject({ ok: true, problems: [] });
      expect(run.submitted).toMatchObject({ valid: true, metric, problems: [] });
      // the baseline ladder is the reference: three graded rungs, and a real model beats the trivial one
      expect(run.submitted.ladder.map((r) => r.tier)).toEqual(['trivial', 'simple', 'strong']);
      expect(run.submitted.ladder.every((r) => typeof r.score === 'number')).toBe(true);
      expect(run.submitted.beats).toContain('trivial');
      expect(run.history.map((s) => s.action)).toEqual(['reset', 'info', 'execute', 'validate', 'submit', 'history']);
    }
    expect(runs[0]!.submitted.score!).toBeLessThan(0.3); // iris log loss of a logistic regression
    expect(runs[1]!.submitted.score!).toBeGreaterThan(0.9); // wine balanced accuracy
  });

  it('writes every step of each session to its trajectory file', async () => {
    for (const run of runs) {
      const lines = (await readFile(join(root, 'env', 'trajectories', `${run.session.id}.jsonl`), 'utf8')).trim().split('\n');
      const steps = lines.map((l) => JSON.parse(l) as TrajectoryStep);
      expect(steps.map((s) => [s.step, s.action])).toEqual([[1, 'reset'], [2, 'info'], [3, 'execute'], [4, 'validate'], [5, 'submit'], [6, 'history']]);
      expect(steps.every((s) => s.session === run.session.id && s.task === run.info.task)).toBe(true);
      expect(steps[2]!.input).toEqual({ code: SOLUTION });
      expect(steps[2]!.observation).toMatchObject({ exitCode: 0, submission: 'written' });
      expect(steps[4]!.observation).toMatchObject({ valid: true, score: run.submitted.score });
    }
  });

  it('a session cannot read another session\'s files or the answers', async () => {
    const [iris, wine] = runs as unknown as [{ session: TaskEnvSession }, { session: TaskEnvSession }];
    const other = join(root, 'env', 'sessions', wine.session.id);
    const result = await iris.session.execute(snoop({
      'other public': join(other, 'public', 'train.csv'),
      'other submission': join(other, 'executes', '001', 'submission.csv'),
      'answers by host path': join(IRIS, 'private', 'answers.csv'),
      'answers beside data': 'data/../private/answers.csv',
      'other answers': join(WINE, 'private', 'answers.csv'),
      'own data': 'data/train.csv',
    }));
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toContain('own data: READ');
    for (const label of ['other public', 'other submission', 'answers by host path', 'answers beside data', 'other answers']) expect(result.output).toContain(`${label}: blocked`);
    // nothing of the answers reached the session's info either
    expect(JSON.stringify(await iris.session.info())).not.toMatch(/private|answers/);
  }, 120_000);

  it('validate reports a malformed submission sent as text; submit refuses it without a score', async () => {
    const session = await client.reset('ref-wine-cultivar');
    const test = (await readFile(join(WINE, 'public', 'test.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(',')[0]);
    const wrongColumn = ['id,label', ...test.map((id) => `${id},class_0`)].join('\n') + '\n';
    const checked = await session.validate(wrongColumn);
    expect(checked.ok).toBe(false);
    expect(checked.problems[0]).toMatch(/cultivar/);
    const submitted = await session.submit(wrongColumn);
    expect(submitted).toMatchObject({ valid: false, score: null });
    const good = ['id,cultivar', ...test.map((id) => `${id},class_0`)].join('\n') + '\n';
    const graded = await session.submit(good);
    expect(graded).toMatchObject({ valid: true, metric: 'balanced_accuracy' });
    expect(graded.score).toBeCloseTo(1 / 3, 6); // one class for every row: chance level of balanced accuracy
    const before = await session.validate();
    expect(before).toMatchObject({ ok: false, problems: [expect.stringMatching(/^no submission yet/)] });
  }, 120_000);

  it('answers bad requests with one-line errors and HTTP status', async () => {
    await expect(client.call('POST', '/reset', { task: 'nope' })).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/no task "nope"/) });
    await expect(client.call('GET', '/sessions/s-0000/info')).rejects.toMatchObject({ status: 404 });
    await expect(client.call('POST', `/sessions/${runs[0]!.session.id}/execute`, {})).rejects.toBeInstanceOf(TaskEnvError);
    const res = await fetch(`${server.url}/reset`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'the request body is not JSON' });
  });
});
