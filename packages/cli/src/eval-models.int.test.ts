// Many models in one evaluation: three solver-agent entries, each on its own "model" of the
// OpenAI-compatible stub on 127.0.0.1, beside the baseline ladder, on the committed reference
// tasks. The stub answers by model name: "good" runs a logistic regression on every numeric
// column, "mediocre" one on the first column only, "constant" predicts the class priors. The Elo
// table must rank them in that order, show each model's tokens and cost, resume without a model
// call, and `compare` must take both task sets' score files with all six solvers.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAiStubServer, type OpenAiStubServer, type RecordedRequest, type StubReply } from '@mle-smith/testkit';
import { NO_OPENAI_ENV, runCli, type CliResult } from './cli-helpers.test-util.js';

const REFERENCE = resolve(process.cwd(), '..', '..', 'examples', 'reference-tasks', 'tasks');
const SET_A = ['ref-iris-species', 'ref-wine-cultivar'].map((t) => join(REFERENCE, t));
const SET_B = ['ref-penguins-species', 'ref-breast-cancer-diagnosis'].map((t) => join(REFERENCE, t));
const MODELS = ['good', 'mediocre', 'constant'] as const;
type Model = (typeof MODELS)[number];
const BASELINES = ['baseline-trivial', 'baseline-simple', 'baseline-strong'];
const USAGE: Record<Model, { promptTokens: number; completionTokens: number }> = {
  good: { promptTokens: 1000, completionTokens: 300 },
  mediocre: { promptTokens: 600, completionTokens: 100 },
  constant: { promptTokens: 200, completionTokens: 50 },
};
const PRICES: Record<Model, { inputPer1M: number; outputPer1M: number }> = {
  good: { inputPer1M: 5, outputPer1M: 15 },
  mediocre: { inputPer1M: 1, outputPer1M: 2 },
  constant: { inputPer1M: 0.1, outputPer1M: 0.2 },
};

/** The solution each model writes: the skill is the only difference. */
function solution(skill: Model): string {
  return `
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

train = pd.read_csv("data/train.csv")
test = pd.read_csv("data/test.csv")
sample = pd.read_csv("data/sample_submission.csv")
id_col = sample.columns[0]
target = [c for c in train.columns if c not in test.columns][0]
numeric = [c for c in test.columns if c != id_col and pd.api.types.is_numeric_dtype(test[c])]
y = train[target].astype(str)
classes = sorted(y.unique())
out = pd.DataFrame({id_col: test[id_col]})
if "${skill}" == "constant":
    prior = y.value_counts(normalize=True)
    proba = [[prior[c] for c in classes]] * len(test)
    labels = [prior.idxmax()] * len(test)
else:
    features = numeric if "${skill}" == "good" else numeric[:1]
    fill = train[features].median()
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(train[features].fillna(fill), y)
    proba = model.predict_proba(test[features].fillna(fill))
    labels = model.predict(test[features].fillna(fill))
if list(sample.columns[1:]) == [target]:
    out[target] = labels
else:
    for c in sample.columns[1:]:
        out[c] = [row[classes.index(str(c))] for row in proba]
out.to_csv("submission.csv", index=False)
print("${skill}", len(out))
`;
}

/** Two turns per task: run the model's solution, then submit. */
function reply(req: RecordedRequest): StubReply {
  const model = req.body?.model as Model;
  const messages = (req.body?.messages ?? []) as Array<{ role: string }>;
  const usage = USAGE[model];
  if (!messages.some((m) => m.role === 'tool')) return { toolCalls: [{ name: 'run_python', args: { code: solution(model) } }], usage };
  return { toolCalls: [{ name: 'submit', args: { summary: `${model} solution` } }], usage };
}

const agentEntry = (model: Model, url: string) => ({
  id: `agent-${model}`,
  plugin: 'solver-agent',
  options: { maxSteps: 4 },
  llm: { backend: 'openai', model, options: { baseURL: url, maxRetries: 0 }, prices: { [model]: PRICES[model] } },
});

interface EloRow { solver: string; elo: number; model?: string; usage?: { calls: number; inputTokens: number; outputTokens: number; costUsd: number } }
interface EvalOutput { scores: Array<{ task: string; solver: string; valid: boolean; score: number | null; status: string }>; elo: { ratings: EloRow[] } }

let dir: string;
let stub: OpenAiStubServer;
let evalA: CliResult;
let outputA: EvalOutput;

const evalSet = (tasks: string[], out: string, extra: string[] = []) =>
  runCli(['eval', '--tasks', ...tasks, '--out', out, '--json', ...extra], dir, {}, NO_OPENAI_ENV);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mls-eval-models-'));
  stub = await startOpenAiStubServer([], { route: reply });
  const config = {
    plugins: ['solver-baselines', 'executor-local', 'reporter-json', 'reporter-markdown'],
    seed: 42,
    executor: { backend: 'local', limits: { timeSec: 300, memoryMb: 2048, cpus: 1 } },
    llm: { backend: 'none' },
    eval: { solvers: [...MODELS.map((m) => agentEntry(m, stub.url)), ...BASELINES], concurrency: 2 },
    report: ['json', 'markdown'],
  };
  await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify(config, null, 2));
  evalA = await evalSet(SET_A, 'eval-a');
  expect(evalA.code, evalA.stderr.slice(-3000)).toBe(0);
  outputA = JSON.parse(evalA.stdout) as EvalOutput;
}, 600_000);

afterAll(async () => {
  await stub?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('eval with three models of the stub and the baselines', () => {
  it('runs every task × solver and writes one Elo table over all six solvers, the models in their scripted order', () => {
    expect(outputA.scores).toHaveLength(SET_A.length * 6);
    for (const s of outputA.scores) expect(s, `${s.task}/${s.solver}: ${s.status}`).toMatchObject({ valid: true });
    const order = outputA.elo.ratings.map((r) => r.solver);
    expect([...order].sort()).toEqual([...MODELS.map((m) => `agent-${m}`), ...BASELINES].sort());
    const rank = (id: string) => order.indexOf(id);
    expect(rank('agent-good')).toBeLessThan(rank('agent-mediocre'));
    expect(rank('agent-mediocre')).toBeLessThan(rank('agent-constant'));
    // each model got its own requests: its name decided the code it ran
    const byModel = (m: Model) => stub.requests.filter((q) => q.body?.model === m).length;
    for (const m of MODELS) expect(byModel(m), m).toBe(2 * SET_A.length);
  });

  it('shows each model\'s calls, tokens and cost next to its rating, from its own ledger and price', async () => {
    for (const m of MODELS) {
      const row = outputA.elo.ratings.find((r) => r.solver === `agent-${m}`)!;
      const calls = 2 * SET_A.length;
      const cost = (calls * (USAGE[m].promptTokens * PRICES[m].inputPer1M + USAGE[m].completionTokens * PRICES[m].outputPer1M)) / 1e6;
      expect(row.model).toBe(`openai/${m}`);
      expect(row.usage).toMatchObject({ calls, inputTokens: calls * USAGE[m].promptTokens, outputTokens: calls * USAGE[m].completionTokens });
      expect(row.usage!.costUsd).toBeCloseTo(cost, 10);
    }
    for (const b of BASELINES) expect(outputA.elo.ratings.find((r) => r.solver === b)!.usage).toBeUndefined();
    const md = await readFile(join(dir, 'eval-a', 'report.md'), 'utf8');
    expect(md).toMatch(/\| model \| calls \| tokens \| cost \(USD\) \|/);
    expect(md).toMatch(/\| agent-good \|.*\| openai\/good \| 4 \| 5200 \| 0\.0380 \|/);
    const report = JSON.parse(await readFile(join(dir, 'eval-a', 'report.json'), 'utf8'));
    expect(report.sections.elo.rows.find((r: EloRow) => r.solver === 'agent-constant')).toMatchObject({ model: 'openai/constant', usage: { calls: 4 } });
    const ledger = JSON.parse(await readFile(join(dir, 'eval-a', 'ledger.json'), 'utf8')) as Array<{ solver: string; model: string }>;
    expect(ledger).toHaveLength(3 * 2 * SET_A.length);
    expect(ledger.every((e) => e.solver === `agent-${e.model}`)).toBe(true);
  });

  it('resumes: a second eval into the same folder reuses every run, calls no model and reports the same table and spend', async () => {
    const before = stub.requests.length;
    const again = await evalSet(SET_A, 'eval-a');
    expect(again.code, again.stderr.slice(-2000)).toBe(0);
    expect(stub.requests.length).toBe(before);
    expect(again.stderr.match(/\(reused\)$/gm)).toHaveLength(SET_A.length * 6);
    const out = JSON.parse(again.stdout) as EvalOutput;
    expect(out.scores).toEqual(outputA.scores);
    expect(out.elo.ratings.map((r) => [r.solver, r.elo, r.usage])).toEqual(outputA.elo.ratings.map((r) => [r.solver, r.elo, r.usage]));
  }, 300_000);

  it('compare takes the two task sets\' score files with all six solvers', async () => {
    const evalB = await evalSet(SET_B, 'eval-b');
    expect(evalB.code, evalB.stderr.slice(-3000)).toBe(0);
    const outB = JSON.parse(evalB.stdout) as EvalOutput;
    const rank = (id: string) => outB.elo.ratings.findIndex((r) => r.solver === id);
    expect(rank('agent-good')).toBeLessThan(rank('agent-mediocre'));
    expect(rank('agent-mediocre')).toBeLessThan(rank('agent-constant'));
    const cmp = await runCli(['compare', '--a', 'eval-a/scores.json', '--b', 'eval-b/scores.csv', '--labels', 'AB,CD', '--out', 'compare', '--json'], dir);
    expect(cmp.code, cmp.stderr).toBe(0);
    const result = JSON.parse(cmp.stdout) as { solvers: string[]; elo: Record<'a' | 'b' | 'union', { ratings: EloRow[] }>; agreement: { elo: { stats: Record<string, unknown>; pairs: unknown[] } } };
    expect([...result.solvers].sort()).toEqual([...MODELS.map((m) => `agent-${m}`), ...BASELINES].sort());
    for (const set of ['a', 'b', 'union'] as const) expect(result.elo[set].ratings).toHaveLength(6);
    expect(result.agreement.elo.pairs).toHaveLength(6);
    expect(result.agreement.elo.stats.pearson).toEqual(expect.any(Number));
    const md = await readFile(join(dir, 'compare', 'report.md'), 'utf8');
    expect(md).toContain('agent-mediocre');
  }, 600_000);

  it('a bad solver entry on the command line is one line naming its JSON path, exit 2, nothing run', async () => {
    const before = stub.requests.length;
    const bad = JSON.stringify([{ id: 'agent-x', plugin: 'solver-agent', llm: { backend: 'openai', model: 7 } }]);
    const r = await runCli(['eval', '--tasks', SET_A[0]!, '--solvers', bad, '--out', 'eval-bad'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/\/eval\/solvers\/0\/llm\/model/);
    expect(stub.requests.length).toBe(before);
  });
});
