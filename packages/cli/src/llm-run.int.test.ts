// Acceptance of the LLM path: `mle-smith run --llm openai` against a scripted OpenAI-compatible
// server on 127.0.0.1 produces packages of the same kind as the deterministic strategy, passing
// verification, with the ledger in report.json; a rerun replays the response cache; and
// `llm.backend: "none"` runs the same config offline. The stub plays every agent role: it tells
// them apart by their system prompt and answers from what the request contains.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateTaskManifest, type AgentRunSummary, type LedgerEntry, type TaskManifest, type TaskSpec } from '@mle-smith/core';
import { startOpenAiStubServer, type OpenAiStubServer, type RecordedRequest, type StubStep } from '@mle-smith/testkit';
import { LOCAL_API_KEY } from '@mle-smith/plugin-llm-openai';
import { NO_OPENAI_ENV, runCli as runHelper, type CliResult } from './cli-helpers.test-util.js';

const REPO = resolve(process.cwd(), '..', '..');
const IRIS = join(REPO, 'examples', 'datasets', 'iris');
const DESIGNER_PROMPTS = join(REPO, 'plugins', 'designer-tabular', 'prompts');
const PLUGINS = ['designer-tabular', 'rules-structural', 'rules-leakage', 'reviewer-llm', 'solver-baselines', 'executor-local', 'reporter-json'];

type Message = { role: string; content: string | null; tool_calls?: Array<{ function: { name: string; arguments: string } }> };
type Role = 'brainstormer' | 'designer' | 'refactor' | 'reviewer' | 'solver';

const ROLE_OF: Array<[RegExp, Role]> = [
  [/^You are the Brainstormer/, 'brainstormer'],
  [/^You are the Designer/, 'designer'],
  [/^You are the Refactor agent/, 'refactor'],
  [/^You are the semantic Reviewer/, 'reviewer'],
  [/^You are a machine-learning engineer solving a competition task/, 'solver'],
];

/** What the scripted solver agent runs: a real scikit-learn model, columns taken from the public files. */
const SOLUTION = `
import pandas as pd
from sklearn.linear_model import LogisticRegression

train = pd.read_csv("data/train.csv")
test = pd.read_csv("data/test.csv")
sample = pd.read_csv("data/sample_submission.csv")
id_col = sample.columns[0]
target = [c for c in train.columns if c not in test.columns][0]
features = [c for c in test.columns if c != id_col]
model = LogisticRegression(max_iter=1000).fit(train[features], train[target].astype(str))
out = pd.DataFrame({id_col: test[id_col]})
if list(sample.columns[1:]) == [target]:
    out[target] = model.predict(test[features])
else:
    proba = model.predict_proba(test[features])
    for c in sample.columns[1:]:
        out[c] = proba[:, list(model.classes_).index(str(c))]
out.to_csv("submission.csv", index=False)
print("wrote", len(out), "rows")
`;

const SOLVER_TOOLS = ['read_description', 'head_file', 'run_python', 'check_submission'];

function roleOf(req: RecordedRequest): Role | undefined {
  const system = String(((req.body?.messages ?? []) as Message[])[0]?.content ?? '');
  return ROLE_OF.find(([re]) => re.test(system))?.[1];
}

/** One answer for any request: a scripted agent per role, driven by the conversation so far. */
const playRole: StubStep = (req) => {
  const messages = (req.body?.messages ?? []) as Message[];
  const user = String(messages.find((m) => m.role === 'user')?.content ?? '');
  const toolResults = messages.filter((m) => m.role === 'tool');
  const submit = (args: Record<string, unknown>) => ({ toolCalls: [{ name: 'submit', args }], usage: { promptTokens: 1200, completionTokens: 300 } });
  switch (roleOf(req)) {
    case 'brainstormer': {
      // Explore first, then propose from what the overview tool returned.
      if (toolResults.length === 0) return { toolCalls: [{ name: 'overview', args: {} }], usage: { promptTokens: 800, completionTokens: 20 } };
      const overview = JSON.parse(String(toolResults[0].content)) as { tables: Array<{ name: string }> };
      return submit({
        proposals: [{
          title: 'Which iris species is it?', table: overview.tables[0].name, objective: 'multiclass',
          target: { name: 'species', expression: '"species"', sourceColumns: ['species'] },
          metric: { name: 'accuracy' }, split: { strategy: 'stratified' }, dropColumns: [],
          justification: 'The three species differ in petal and sepal measurements; a classic balanced classification task.',
        }],
      });
    }
    case 'designer': {
      const { draft } = JSON.parse(user) as { draft: TaskSpec };
      return submit({
        ...draft,
        description: { overview: 'Identify the species of an iris flower from four measurements of its sepals and petals.', columns: { petal_width_cm: 'petal width in centimetres' } },
      });
    }
    case 'refactor':
      return submit({
        overview: 'Fisher\'s iris data: 150 flowers of three species, each measured four times. Predict the species from the measurements.',
        columns: { sepal_length_cm: 'sepal length in centimetres', petal_length_cm: 'petal length in centimetres' },
      });
    case 'reviewer':
      return submit({ findings: [], summary: 'The description matches the data and the metric suits a balanced three-class target.' });
    case 'solver': {
      // read_description → head_file → run_python → check_submission → submit, one tool per turn.
      const next = SOLVER_TOOLS[toolResults.length];
      if (next === 'head_file') return { toolCalls: [{ name: next, args: { path: 'data/train.csv', lines: 3 } }] };
      if (next === 'run_python') return { toolCalls: [{ name: next, args: { code: SOLUTION } }] };
      if (next) return { toolCalls: [{ name: next, args: {} }] };
      return submit({ summary: 'logistic regression' });
    }
    default:
      return { status: 400, message: 'stub: unknown agent role' };
  }
};

function runCli(args: string[], cwd: string): Promise<CliResult & { ms: number }> {
  return runHelper(args, cwd, {}, NO_OPENAI_ENV);
}

function config(stubUrl: string, backend: 'openai' | 'none', plugins = PLUGINS): Record<string, unknown> {
  return {
    datasets: ['datasets'],
    out: 'runs/latest',
    plugins,
    seed: 42,
    concurrency: 1,
    design: { maxProposalsPerDataset: 1 },
    executor: { backend: 'local', limits: { timeSec: 300, memoryMb: 2048, cpus: 1 } },
    llm: {
      backend,
      model: 'stub-model',
      options: { baseURL: stubUrl },
      prices: { 'stub-model': { inputPer1M: 1, outputPer1M: 2 } },
    },
    report: ['json'],
  };
}

async function publishedTasks(runDir: string): Promise<TaskManifest[]> {
  const ids = (await readdir(join(runDir, 'tasks'))).sort();
  return Promise.all(ids.map(async (id) => JSON.parse(await readFile(join(runDir, 'tasks', id, 'task.json'), 'utf8')) as TaskManifest));
}

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

let dir: string;
let stub: OpenAiStubServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mls-llm-run-'));
  await cp(IRIS, join(dir, 'datasets', 'iris'), { recursive: true });
  stub = await startOpenAiStubServer(Array.from({ length: 400 }, () => playRole));
  await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify(config(stub.url, 'openai'), null, 2));
});
afterAll(async () => {
  await stub.close();
  await rm(dir, { recursive: true, force: true });
});

describe('mle-smith run --llm openai against a scripted OpenAI-compatible server', () => {
  let llmTasks: TaskManifest[];
  let firstLedger: LedgerEntry[] = [];
  let replayLive: Array<Role | undefined> = ['brainstormer'];

  it('publishes verified packages made by the LLM roles, with the model, prompt hashes and the ledger recorded', async () => {
    const r = await runCli(['run', '--llm', 'openai', '--out', 'runs/llm'], dir);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const roles = stub.requests.map(roleOf);
    expect(roles).not.toContain(undefined);
    // solver: the execute stage's agent rung, on by default ("report") with an LLM configured
    expect(new Set(roles)).toEqual(new Set(['brainstormer', 'designer', 'refactor', 'reviewer', 'solver']));
    // With no OPENAI_API_KEY set, the loopback baseURL gets llm-openai's dummy key.
    expect(new Set(stub.requests.map((q) => q.headers.authorization))).toEqual(new Set([`Bearer ${LOCAL_API_KEY}`]));

    const runDir = join(dir, 'runs', 'llm');
    llmTasks = await publishedTasks(runDir);
    expect(llmTasks.map((t) => t.id)).toEqual(['iris-species-multiclass']);
    const task = llmTasks[0];
    const check = validateTaskManifest(task);
    expect(check.errors).toEqual([]);
    expect(check.valid).toBe(true);
    expect(task.generator.models).toEqual(['stub-model']);
    expect(task.generator.agents).toEqual({ brainstormer: 'stub-model', designer: 'stub-model', refactor: 'stub-model' });
    expect(task.generator.fallbacks).toEqual({}); // an LLM was configured and nothing fell back
    expect(task.fidelity).toMatchObject({ solver: 'agent', mode: 'report', attempts: 1, valid: true });
    const verification = JSON.parse(await readFile(join(runDir, 'tasks', task.id, 'verification.json'), 'utf8')) as { agents: Record<string, { producer: string }> };
    expect(verification.agents).toEqual({
      brainstormer: { producer: 'llm', model: 'stub-model' }, designer: { producer: 'llm', model: 'stub-model' },
      refactor: { producer: 'llm', model: 'stub-model' }, reviewer: { producer: 'llm', model: 'stub-model' },
    });
    expect(task.generator.promptHashes).toEqual({
      'designer-tabular/brainstormer': await sha256(join(DESIGNER_PROMPTS, 'brainstormer.md')),
      'designer-tabular/designer': await sha256(join(DESIGNER_PROMPTS, 'designer.md')),
      'designer-tabular/refactor': await sha256(join(DESIGNER_PROMPTS, 'refactor.md')),
    });
    const description = await readFile(join(runDir, 'tasks', task.id, 'description.md'), 'utf8');
    expect(description).toContain('Fisher\'s iris data: 150 flowers of three species');

    const report = JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8')) as { tasks: Array<{ taskId: string; status: string; reached: string }>; ledger: LedgerEntry[]; llm: AgentRunSummary };
    expect(report.tasks).toMatchObject([{ taskId: 'iris-species-multiclass', status: 'accepted', reached: 'execution' }]);
    expect(report.llm).toMatchObject({ backend: 'openai', model: 'stub-model', endpoint: stub.url, fallback: 'none' });
    expect(report.llm.roles).toEqual({ brainstormer: { llm: 1, fallback: 0 }, designer: { llm: 1, fallback: 0 }, refactor: { llm: 1, fallback: 0 }, reviewer: { llm: 1, fallback: 0 } });
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`llm stub-model at ${stub.url}: 0 of 4 agent calls fell back to the deterministic strategy`);
    expect(report.ledger.length).toBeGreaterThan(0);
    expect([...new Set(report.ledger.map((e) => e.role))]).toEqual(expect.arrayContaining(['brainstormer', 'designer', 'reviewer']));
    firstLedger = report.ledger;
    for (const e of report.ledger) {
      expect(e).toMatchObject({ model: 'stub-model', cached: false });
      expect(e.inputTokens).toBeGreaterThan(0);
      expect(e.outputTokens).toBeGreaterThan(0);
      expect(e.costUsd).toBeCloseTo((e.inputTokens * 1 + e.outputTokens * 2) / 1e6, 12);
    }
  });

  it('a fresh run dir holding the first run\'s llm-cache replays every conversation without calling the server', async () => {
    await cp(join(dir, 'runs', 'llm', 'llm-cache'), join(dir, 'runs', 'replay', 'llm-cache'), { recursive: true });
    const before = stub.requests.length;
    const r = await runCli(['run', '--llm', 'openai', '--out', 'runs/replay'], dir);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    replayLive = stub.requests.slice(before).map(roleOf);
    // Every role, refactor included, replays from the cache.
    expect(replayLive).toEqual([]);
    const report = JSON.parse(await readFile(join(dir, 'runs', 'replay', 'report.json'), 'utf8')) as { ledger: LedgerEntry[] };
    expect(report.ledger.map((e) => e.role)).toEqual(firstLedger.map((e) => e.role));
    expect(report.ledger.every((e) => e.cached && e.inputTokens === 0 && e.costUsd === 0)).toBe(true);
    const replayed = await publishedTasks(join(dir, 'runs', 'replay'));
    expect(replayed.map(({ files, ...m }) => m)).toEqual(llmTasks.map(({ files, ...m }) => m));
  });

  it('a resumed run in the same run dir makes no request at all', async () => {
    const before = stub.requests.length;
    const r = await runCli(['run', '--llm', 'openai', '--out', 'runs/llm'], dir);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(stub.requests.length).toBe(before);
  });

  it('switching llm.backend to "none" (one line) runs the same config offline and yields a task of the same kind', async () => {
    await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify(config(stub.url, 'none'), null, 2));
    const before = stub.requests.length;
    const r = await runCli(['run', '--out', 'runs/offline'], dir);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(stub.requests.length).toBe(before);
    const offline = await publishedTasks(join(dir, 'runs', 'offline'));
    expect(validateTaskManifest(offline[0]).valid).toBe(true);
    expect(offline[0].generator).toMatchObject({ models: [], agents: { brainstormer: 'deterministic', designer: 'deterministic', refactor: 'deterministic' } });
    const kind = (t: TaskManifest) => ({
      id: t.id, modality: t.modality, objective: t.objective, target: t.target, metric: t.metric, submission: t.submission,
      split: { strategy: t.split.strategy, testFraction: t.split.testFraction, seed: t.split.seed }, rows: t.rows,
    });
    expect(offline.map(kind)).toEqual(llmTasks.map(kind));
  });

  it('mle-smith eval runs the LLM agent solver on the published task and it grades like a real baseline', async () => {
    await writeFile(join(dir, 'eval.config.json'), JSON.stringify(config(stub.url, 'openai', [...PLUGINS, 'solver-agent']), null, 2));
    const before = stub.requests.length;
    const r = await runCli(['--config', 'eval.config.json', 'eval', '--tasks', 'runs/llm/tasks', '--solvers', 'agent,baseline-simple', '--out', 'runs/eval', '--json'], dir);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const solverRequests = stub.requests.slice(before);
    expect(solverRequests.map(roleOf)).toEqual(['solver', 'solver', 'solver', 'solver', 'solver']);
    for (const q of solverRequests) expect(JSON.stringify(q.body)).not.toMatch(/private|answers/);
    const { scores } = JSON.parse(r.stdout) as { scores: Array<{ solver: string; valid: boolean; score: number; status: string }> };
    const agent = scores.find((s) => s.solver === 'agent')!;
    expect(agent).toMatchObject({ status: 'ok', valid: true });
    expect(agent.score).toBeGreaterThan(0.85);
    const workDir = join(dir, 'runs', 'eval', 'runs', 'iris-species-multiclass', 'agent', 'seed-42');
    expect(await readFile(join(workDir, 'solution.py'), 'utf8')).toBe(SOLUTION);
    const transcript = JSON.parse(await readFile(join(workDir, 'transcript.json'), 'utf8')) as Array<{ kind: string; tool?: string }>;
    expect(transcript.filter((e) => e.kind === 'tool').map((e) => e.tool)).toEqual(SOLVER_TOOLS);
  });

  // The refactor agent runs inside materialize: it gets the run's ledger and cache through
  // MaterializeContext.agent like the other roles.
  it('refactor calls are recorded in the ledger', () => {
    expect(firstLedger.map((e) => e.role)).toContain('refactor');
  });
  it('a rerun with the copied llm-cache makes zero requests (refactor included)', () => {
    expect(replayLive).toEqual([]);
  });
});
