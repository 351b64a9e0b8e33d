// Acceptance of the execute stage's agent rung (issue 15 item 4): `mle-smith run` with an LLM on a
// scripted OpenAI-compatible server on 127.0.0.1 and `execute.agent: "require"`. The stub plays
// the solver agent (the design roles get HTTP 400 and fall back to the deterministic strategy, so
// the designs are the offline ones): for the wine task it writes a submission with a wrong column
// on every attempt, for iris a real scikit-learn one. Wine goes back to the designer with the
// fidelity finding and is rejected; iris is accepted with its fidelity recorded.
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentFidelity, Finding, TaskManifest } from '@mle-smith/core';
import { startOpenAiStubServer, type OpenAiStubServer, type RecordedRequest, type StubReply } from '@mle-smith/testkit';
import { NO_OPENAI_ENV, runCli } from './cli-helpers.test-util.js';

const EXAMPLES = resolve(process.cwd(), '..', '..', 'examples', 'datasets');

type Message = { role: string; content: string | null };

/** A real model: columns come from the public files, so it fits any classification task. */
const GOOD = `
import pandas as pd
from sklearn.linear_model import LogisticRegression
train = pd.read_csv("data/train.csv")
test = pd.read_csv("data/test.csv")
sample = pd.read_csv("data/sample_submission.csv")
id_col, target = sample.columns[0], sample.columns[1]
features = [c for c in test.columns if c != id_col]
model = LogisticRegression(max_iter=2000).fit(train[features], train[target].astype(str))
pd.DataFrame({id_col: test[id_col], target: model.predict(test[features])}).to_csv("submission.csv", index=False)
print("wrote", len(test), "rows")
`;

/** What the agent writes for the task whose description it "cannot follow": the wrong prediction column. */
const BAD = `
import pandas as pd
test = pd.read_csv("data/test.csv")
pd.DataFrame({"id": test["id"], "label": "unknown"}).to_csv("submission.csv", index=False)
`;

const isSolver = (req: RecordedRequest): boolean => /^You are a machine-learning engineer/.test(String(((req.body?.messages ?? []) as Message[])[0]?.content ?? ''));
const taskOf = (req: RecordedRequest): string => /"id": "([^"]+)"/.exec(String(((req.body?.messages ?? []) as Message[]).find((m) => m.role === 'user')?.content ?? ''))?.[1] ?? '?';

/** The solver agent, driven by the conversation so far: read the description, run a script, check it, submit. */
function route(req: RecordedRequest): StubReply | { status: number; message: string } {
  if (!isSolver(req)) return { status: 400, message: 'stub: this test scripts the solver agent only' };
  const done = ((req.body?.messages ?? []) as Message[]).filter((m) => m.role === 'tool').length;
  const code = taskOf(req).startsWith('wine-') ? BAD : GOOD;
  const steps: StubReply[] = [
    { toolCalls: [{ name: 'read_description', args: {} }] },
    { toolCalls: [{ name: 'run_python', args: { code } }] },
    { toolCalls: [{ name: 'check_submission', args: {} }] },
    { toolCalls: [{ name: 'submit', args: { summary: 'logistic regression' } }] },
  ];
  return steps[Math.min(done, steps.length - 1)]!;
}

let dir: string;
let stub: OpenAiStubServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mls-agent-rung-'));
  for (const name of ['iris', 'wine']) await cp(join(EXAMPLES, name), join(dir, 'datasets', name), { recursive: true });
  stub = await startOpenAiStubServer([], { route });
  await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify({
    datasets: ['datasets'], out: 'runs/latest', seed: 42, concurrency: 2,
    plugins: ['designer-tabular', 'rules-structural', 'rules-leakage', 'reviewer-llm', 'solver-baselines', 'executor-local', 'reporter-json'],
    design: { maxProposalsPerDataset: 1 },
    executor: { backend: 'local', limits: { timeSec: 120, memoryMb: 2048, cpus: 1 } },
    // solver-agent is not listed: the rung loads it on demand
    execute: { agent: 'require', agentAttempts: 2 },
    llm: { backend: 'openai', model: 'stub-model', options: { baseURL: stub.url, maxRetries: 0 }, fallback: 'deterministic', prices: { 'stub-model': { inputPer1M: 0, outputPer1M: 0 } } },
    report: ['json'],
  }, null, 2));
});
afterAll(async () => {
  await stub?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Verification {
  status: string;
  reasons: string[];
  findings: Finding[];
  fidelity?: AgentFidelity;
  history: Array<{ attempt: number; findings: Finding[] }>;
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

describe('execute.agent "require": the agent rung in `mle-smith run`', () => {
  it('rejects the task the agent cannot submit for with "description insufficient", and accepts the other with its fidelity', async () => {
    const r = await runCli(['run'], dir, {}, NO_OPENAI_ENV);
    // exit 0: a task was accepted; the rejected one is reported, not a failure of the run
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const runDir = join(dir, 'runs', 'latest');

    // The agent ran once on iris (valid at the first attempt) and twice on wine, each time on a new seed.
    const solver = stub.requests.filter(isSolver);
    const conversations = solver.filter((q) => ((q.body?.messages ?? []) as Message[]).filter((m) => m.role === 'tool').length === 0);
    expect(conversations.map(taskOf).sort()).toEqual(['iris-species-multiclass', 'wine-cultivar-multiclass', 'wine-cultivar-multiclass']);
    // It saw the public view only.
    for (const q of solver) expect(JSON.stringify(q.body)).not.toMatch(/private|answers\.csv/);

    const report = await readJson<{ tasks: Array<{ taskId: string; status: string; reasons: string[] }> }>(join(runDir, 'report.json'));
    expect(report.tasks.map((t) => [t.taskId, t.status])).toEqual([['iris-species-multiclass', 'accepted'], ['wine-cultivar-multiclass', 'rejected']]);

    // iris: accepted, the fidelity recorded in verification.json and in the published task.json.
    const iris = await readJson<Verification>(join(runDir, 'tasks', 'iris-species-multiclass', 'verification.json'));
    expect(iris.status).toBe('accepted');
    expect(iris.fidelity).toMatchObject({ solver: 'agent', mode: 'require', attempts: 1, maxAttempts: 2, valid: true, runs: [{ attempt: 1, seed: 42, status: 'ok' }] });
    expect(iris.fidelity!.score).toBeGreaterThan(0.8);
    expect(iris.fidelity!.position).toMatch(/^above-(trivial|simple)$/);
    expect(iris.fidelity!.margins.trivial).toBeGreaterThan(0);
    expect(iris.findings.filter((f) => f.ruleId === 'execute/agent-fidelity')).toEqual([]);
    const manifest = await readJson<TaskManifest>(join(runDir, 'tasks', 'iris-species-multiclass', 'task.json'));
    expect(manifest.fidelity).toEqual(iris.fidelity);
    const agentDir = join(runDir, 'tasks', 'iris-species-multiclass', 'baselines', 'agent');
    expect((await readdir(agentDir)).sort()).toEqual(['attempt-1', 'fidelity.json']);
    expect(await readFile(join(agentDir, 'attempt-1', 'solution.py'), 'utf8')).toBe(GOOD);

    // wine: the agent's own error went back to the designer as a defect; the redesign could not
    // change anything, so the task is rejected with the fidelity finding as its reason.
    // a rejected package stays in the run's work folder, unpublished
    const rejected = await readJson<Verification>(join(runDir, 'work', 'wine-cultivar-multiclass', 'verification.json'));
    expect(rejected.status).toBe('rejected');
    const fidelityFindings = rejected.findings.filter((f) => f.ruleId === 'execute/agent-fidelity');
    expect(fidelityFindings).toHaveLength(1);
    expect(fidelityFindings[0]).toMatchObject({ severity: 'error', phase: 'execute' });
    expect(fidelityFindings[0]!.message).toMatch(/^description insufficient: solver-agent: submission\.csv is malformed: .*"cultivar"/);
    expect(rejected.history.map((h) => h.findings.map((f) => f.ruleId))).toEqual([['execute/agent-fidelity']]);
    expect(rejected.reasons).toEqual([`execute/agent-fidelity: ${fidelityFindings[0]!.message}`]);
    expect(rejected.fidelity).toMatchObject({ solver: 'agent', mode: 'require', attempts: 2, valid: false, score: null, position: null });
    expect(rejected.fidelity!.runs.map((x) => [x.seed, x.status])).toEqual([[42, 'invalid'], [43, 'invalid']]);
    expect(rejected.fidelity!.error).toBe(fidelityFindings[0]!.message.replace('description insufficient: ', ''));
    expect(existsSync(join(runDir, 'tasks', 'wine-cultivar-multiclass'))).toBe(false);
  });
});
