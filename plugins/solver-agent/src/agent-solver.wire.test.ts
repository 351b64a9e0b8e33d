// The agent solver end to end at the wire: the real @langchain/openai client (llm-openai) talks
// over HTTP to the scripted OpenAI-compatible stub; the solver runs the model's Python in the real
// local executor on a real iris task package, and the submission is graded by @mle-smith/metrics.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentContextOf } from '@mle-smith/agents';
import { silentLogger, type AgentContext, type ExecLimits, type LedgerEntry } from '@mle-smith/core';
import { gradeSubmission } from '@mle-smith/metrics';
import { LocalExecutor } from '@mle-smith/plugin-executor-local';
import { createOpenAiChatModel } from '@mle-smith/plugin-llm-openai';
import { NO_LLM_ERROR, TRANSCRIPT_FILE, agentSolver, type AgentSolverContext, type SolverAgentOptions, type TranscriptEvent } from './index.js';
import {
  CRASHING_SCRIPT, SKLEARN_SCRIPT, makeIrisTask, startOpenAiStubServer, type IrisTask, type OpenAiStubServer, type RecordedRequest, type StubStep,
} from '@mle-smith/testkit';

const LIMITS: ExecLimits = { timeSec: 120, memoryMb: 2048, cpus: 1, pids: 256 };
const PRICES = { 'stub-model': { inputPer1M: 1, outputPer1M: 2 } };

let task: IrisTask;
let executor: LocalExecutor;
let stub: OpenAiStubServer | undefined;
let counter = 0;

beforeAll(async () => {
  task = await makeIrisTask();
  executor = new LocalExecutor({ workRoot: join(task.root, 'jobs') });
});
afterAll(async () => {
  await executor.dispose();
  await rm(task.root, { recursive: true, force: true });
});
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

interface Solved {
  run: Awaited<ReturnType<ReturnType<typeof agentSolver>['solve']>>;
  workDir: string;
  ledger: LedgerEntry[];
  requests: RecordedRequest[];
  transcript: TranscriptEvent[];
}

async function solveWith(script: StubStep[], options: SolverAgentOptions = {}, agent: Partial<AgentContext> = {}): Promise<Solved> {
  stub = await startOpenAiStubServer(script, { defaultUsage: { promptTokens: 100, completionTokens: 20 } });
  // A loopback baseURL needs no key: the plugin sends a dummy one.
  const llm = createOpenAiChatModel({ model: 'stub-model', baseURL: stub.url, maxRetries: 0 }, {});
  const workDir = join(task.root, 'work', `run-${++counter}`);
  const ledger: LedgerEntry[] = [];
  const ctx: AgentSolverContext = {
    executor, runId: 'wire-test', workDir, limits: LIMITS, seed: 7, log: silentLogger,
    agent: agentContextOf(llm, { ledger, prices: PRICES, ...agent }),
  };
  const run = await agentSolver(options).solve(task.view, ctx);
  const transcriptPath = join(workDir, TRANSCRIPT_FILE);
  const transcript = existsSync(transcriptPath) ? (JSON.parse(readFileSync(transcriptPath, 'utf8')) as TranscriptEvent[]) : [];
  return { run, workDir, ledger, requests: stub.requests, transcript };
}

type Message = { role: string; content: unknown; tool_calls?: Array<{ function: { name: string } }> };
const messagesOf = (req: RecordedRequest): Message[] => (req.body?.messages ?? []) as Message[];
const lastToolResult = (req: RecordedRequest): string => String(messagesOf(req).filter((m) => m.role === 'tool').at(-1)?.content ?? '');

const happyPath: StubStep[] = [
  { toolCalls: [{ name: 'read_description', args: {} }] },
  { toolCalls: [{ name: 'list_files', args: {} }] },
  { toolCalls: [{ name: 'head_file', args: { path: 'data/train.csv', lines: 3 } }] },
  { toolCalls: [{ name: 'run_python', args: { code: SKLEARN_SCRIPT } }] },
  { toolCalls: [{ name: 'check_submission', args: {} }] },
  { toolCalls: [{ name: 'submit', args: { summary: 'Logistic regression on the four measurements.' } }] },
];

describe('agent solver over HTTP', () => {
  it('reads, explores, runs a real sklearn script, checks and submits a submission that grades well', async () => {
    const { run, workDir, ledger, requests, transcript } = await solveWith(happyPath);
    expect(run.status, `${run.error}\n${run.exec?.logTail}`).toBe('ok');
    expect(requests).toHaveLength(6);

    // What each tool gave back reached the model in the next request.
    expect(lastToolResult(requests[1])).toContain('Which iris species is it?');
    expect(JSON.parse(lastToolResult(requests[2]))).toEqual({
      files: [
        { path: 'data/sample_submission.csv', bytes: expect.any(Number) },
        { path: 'data/test.csv', bytes: expect.any(Number) },
        { path: 'data/train.csv', bytes: expect.any(Number) },
      ],
      truncated: false,
    });
    expect(lastToolResult(requests[3]).split('\n')[0]).toBe('id,sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,species');
    const ran = JSON.parse(lastToolResult(requests[4])) as { exitCode: number; submission: string; log: string };
    expect(ran).toMatchObject({ run: 1, exitCode: 0, submission: 'submission.csv written; call check_submission' });
    expect(ran.log).toMatch(/cv accuracy 0\.9\d*/);
    const checked = JSON.parse(lastToolResult(requests[5])) as { ok: boolean; problems: string[]; rows: number; expectedRows: number };
    expect(checked).toMatchObject({ ok: true, problems: [], rows: task.manifest.rows!.test, expectedRows: task.manifest.rows!.test });

    // The submission grades on the host, with answers the model never saw.
    expect(run.submissionPath).toBe(join(workDir, 'submission.csv'));
    const graded = await gradeSubmission(task.taskDir, run.submissionPath!);
    expect(graded.valid, graded.error).toBe(true);
    expect(graded.score).toBeGreaterThan(0.85);

    // Code, transcript and the conversation stay in the work folder; the ledger got every call.
    expect(run.code).toEqual([{ path: 'solution.py', content: SKLEARN_SCRIPT }]);
    expect(readFileSync(join(workDir, 'solution.py'), 'utf8')).toBe(SKLEARN_SCRIPT);
    expect(readFileSync(join(workDir, 'attempts', '01', 'solution.py'), 'utf8')).toBe(SKLEARN_SCRIPT);
    expect(transcript.filter((e) => e.kind === 'tool').map((e) => e.tool)).toEqual(['read_description', 'list_files', 'head_file', 'run_python', 'check_submission']);
    expect(transcript.at(-1)).toMatchObject({ kind: 'end', result: { status: 'ok', runs: 1, submissionRun: 1, summary: 'Logistic regression on the four measurements.' } });
    expect(existsSync(join(workDir, 'conversation.json'))).toBe(true);
    expect(ledger).toHaveLength(6);
    expect(ledger.every((e) => e.role === 'solver' && e.taskId === 'iris-species' && e.model === 'stub-model' && !e.cached)).toBe(true);
    expect(ledger[0]).toMatchObject({ inputTokens: 100, outputTokens: 20, costUsd: (100 * 1 + 20 * 2) / 1e6 });

    // Tools are offered to the model, and submit is among them.
    const offered = (requests[0].body?.tools as Array<{ function: { name: string } }>).map((t) => t.function.name);
    expect(offered).toEqual(['read_description', 'list_files', 'head_file', 'run_python', 'check_submission', 'submit']);

    // No request body ever names the private folder, the answers or a host path of the task.
    for (const req of requests) {
      const body = JSON.stringify(req.body);
      expect(body).not.toMatch(/private/);
      expect(body).not.toContain('answers');
      expect(body).not.toContain(task.root);
    }
  });

  it('never gives the model a path to the answers', async () => {
    const { requests } = await solveWith([
      ...happyPath.slice(0, 3),
      { toolCalls: [{ name: 'head_file', args: { path: '../private/answers.csv' } }] },
      { toolCalls: [{ name: 'head_file', args: { path: 'data/../../private/answers.csv' } }] },
      { toolCalls: [{ name: 'head_file', args: { path: join(task.taskDir, 'private', 'answers.csv') } }] },
      ...happyPath.slice(3),
    ]);
    expect(lastToolResult(requests[4])).toMatch(/^error: "\.\.\/private\/answers\.csv" is not a file under data\//);
    expect(lastToolResult(requests[5])).toMatch(/^error: .* is not a file under data\//);
    expect(lastToolResult(requests[6])).toMatch(/^error: /);
    // The model's own messages quote the path it asked for; everything the solver sent is clean.
    for (const req of requests) {
      const { messages, ...rest } = req.body ?? {};
      const fromSolver = (messages as Message[]).filter((m) => m.role !== 'assistant').map((m) => ({ ...m, content: String(m.content).replace(/"[^"]*private\/answers\.csv"/g, '"<asked>"') }));
      const text = JSON.stringify({ ...rest, messages: fromSolver });
      expect(text).not.toContain(task.taskDir);
      expect(text).not.toContain(task.root);
      expect(text).not.toMatch(/private/);
      expect(text).not.toContain('answers');
    }
  });

  it('replays from the response cache on a rerun: the tools run again, the model is not called', async () => {
    const cacheDir = join(task.root, 'llm-cache');
    const first = await solveWith(happyPath, {}, { cacheDir });
    expect(first.run.status).toBe('ok');
    await stub?.close();
    const again = await solveWith([], {}, { cacheDir }); // an empty script: any live call would fail
    expect(again.requests).toHaveLength(0);
    expect(again.run.status, again.run.error).toBe('ok');
    expect(again.ledger.map((e) => e.cached)).toEqual(Array(6).fill(true));
    expect(readFileSync(again.run.submissionPath!, 'utf8')).toBe(readFileSync(first.run.submissionPath!, 'utf8'));
  });

  it('feeds a crashing script\'s error back and lets the model fix it', async () => {
    const { run, transcript, requests } = await solveWith([
      { toolCalls: [{ name: 'run_python', args: { code: CRASHING_SCRIPT } }] },
      (req) => {
        // The traceback came back; the model answers with the fixed program.
        const result = JSON.parse(lastToolResult(req)) as { exitCode: number; log: string; submission: string };
        expect(result.exitCode).not.toBe(0);
        expect(result.log).toContain('ValueError: boom-42: the model exploded');
        expect(result.submission).toBe('not written');
        return { toolCalls: [{ name: 'check_submission', args: {} }] };
      },
      (req) => {
        expect(JSON.parse(lastToolResult(req))).toEqual({ ok: false, problems: ['no run has written submission.csv yet; call run_python first'] });
        return { toolCalls: [{ name: 'run_python', args: { code: SKLEARN_SCRIPT } }] };
      },
      { toolCalls: [{ name: 'check_submission', args: {} }] },
      { toolCalls: [{ name: 'submit', args: {} }] },
    ]);
    expect(requests).toHaveLength(5);
    expect(run.status, run.error).toBe('ok');
    const runs = transcript.filter((e) => e.tool === 'run_python').map((e) => e.result as { run: number; exitCode: number; log: string });
    expect(runs.map((r) => [r.run, r.exitCode])).toEqual([[1, 1], [2, 0]]);
    expect(runs[0].log).toContain('Traceback');
    expect(runs[0].log).toContain('boom-42');
    expect(run.code[0].content).toBe(SKLEARN_SCRIPT); // the code that wrote the submission
  });

  it('fails with a clear error when the model never submits within maxSteps', async () => {
    const explore: StubStep = () => ({ toolCalls: [{ name: 'list_files', args: {} }] });
    const { run, requests, transcript } = await solveWith([explore, explore, explore, explore, explore], { maxSteps: 3 });
    expect(run).toMatchObject({ solver: 'agent', status: 'failed', error: 'solver-agent: the model did not submit within maxSteps = 3 model calls' });
    expect(run.submissionPath).toBeUndefined();
    expect(requests).toHaveLength(3);
    expect(transcript.at(-1)).toMatchObject({ kind: 'end', result: { status: 'failed' } });
  });

  it('stops at the run\'s token budget and says so', async () => {
    const explore: StubStep = () => ({ toolCalls: [{ name: 'list_files', args: {} }] });
    const { run, requests, ledger } = await solveWith([explore, explore, explore, explore], {}, { budget: { perTaskTokens: 200 } });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^solver-agent: task iris-species budget exhausted: used 240 tokens of 200 tokens/);
    expect(requests).toHaveLength(2);
    expect(ledger).toHaveLength(2);
  });

  it('returns invalid when the model submits before any run wrote a submission', async () => {
    const { run } = await solveWith([{ toolCalls: [{ name: 'submit', args: { summary: 'done' } }] }]);
    expect(run).toMatchObject({ status: 'invalid', error: 'solver-agent: the model submitted, but no run wrote submission.csv', code: [] });
  });

  it('returns invalid when the submitted file has the wrong format', async () => {
    const wrong = SKLEARN_SCRIPT.replace('"species": model.predict', '"label": model.predict');
    const { run } = await solveWith([
      { toolCalls: [{ name: 'run_python', args: { code: wrong } }] },
      { toolCalls: [{ name: 'submit', args: {} }] },
    ]);
    expect(run.status).toBe('invalid');
    expect(run.error).toMatch(/^solver-agent: submission\.csv is malformed: missing column\(s\) "species"/);
  });

  it('stops at the wall-clock budget', async () => {
    const { run } = await solveWith([{ delayMs: 5_000, content: '{}' }], { maxWallSec: 0.5 });
    expect(run).toMatchObject({ status: 'timeout', error: 'solver-agent: wall-clock budget of 0.5 s used up before the model submitted' });
  });
});

describe('agent solver without an LLM', () => {
  it('fails with the configuration hint', async () => {
    const run = await agentSolver().solve(task.view, { executor, runId: 'x', workDir: join(task.root, 'work', 'no-llm'), limits: LIMITS, seed: 1, log: silentLogger });
    expect(run).toEqual({ solver: 'agent', status: 'failed', code: [], error: NO_LLM_ERROR });
  });
});
