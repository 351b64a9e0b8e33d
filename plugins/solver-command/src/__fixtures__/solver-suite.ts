// The solver-command acceptance suite, run once per executor (command-solver.test.ts: local;
// command-solver.int.test.ts: docker). Real agents (Python and shell scripts) solve a real iris
// task package in the executor's sandbox; submissions are graded on the host by
// @mle-smith/metrics; the LLM is the testkit's OpenAI-compatible stub server on 127.0.0.1,
// reached only through the host-side proxy.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentContextOf } from '@mle-smith/agents';
import { silentLogger, type AgentContext, type ExecLimits, type Executor, type LedgerEntry, type SolverRun } from '@mle-smith/core';
import { gradeSubmission } from '@mle-smith/metrics';
import { createScriptedChatModel, makeIrisTask, startOpenAiStubServer, type IrisTask, type OpenAiStubServer } from '@mle-smith/testkit';
import { LEDGER_FILE, commandSolver, type CommandAgentOptions } from '../index.js';
import { ANSWER_SNOOP_AGENT, LLM_AGENT, MEMORY_HOG_AGENT, NETWORK_AGENT, SHELL_AGENT_COMMAND, SKLEARN_AGENT, agentFolder } from './agents.js';

const LIMITS: ExecLimits = { timeSec: 120, memoryMb: 1024, cpus: 1, pids: 256 };

export interface SuiteOptions {
  /** Makes the executor; called once. */
  executor(workRoot: string): Executor;
  /** Whether the sandbox shows the workspace at /home (docker, local namespaces mode). */
  homePaths(executor: Executor): boolean;
}

export function solverCommandSuite(name: string, suite: SuiteOptions): void {
  describe(`solver-command under the ${name} executor`, () => {
    let task: IrisTask;
    let executor: Executor;
    let stub: OpenAiStubServer | undefined;
    let counter = 0;

    beforeAll(async () => {
      task = await makeIrisTask();
      executor = suite.executor(join(task.root, 'jobs'));
    });
    afterAll(async () => {
      await executor.dispose();
      await rm(task.root, { recursive: true, force: true });
    });
    afterEach(async () => {
      await stub?.close();
      stub = undefined;
    });

    async function solve(options: CommandAgentOptions, limits: Partial<ExecLimits> = {}): Promise<{ run: SolverRun; workDir: string; ledger: LedgerEntry[] }> {
      const workDir = join(task.root, 'work', `${options.id}-${++counter}`);
      const ledger: LedgerEntry[] = [];
      const agent: AgentContext = agentContextOf(createScriptedChatModel([]), { ledger });
      const run = await commandSolver(options, { env: {} }).solve(task.view, {
        executor, runId: 'solver-command-test', workDir, limits: { ...LIMITS, ...limits }, seed: 3, log: silentLogger, agent,
      });
      return { run, workDir, ledger };
    }

    it('a Python agent solves the task from /home/data under its limits and is graded on the host', async () => {
      const dir = await agentFolder(task.root, 'sklearn', { 'agent.py': SKLEARN_AGENT });
      const { run, workDir } = await solve({ id: 'sklearn-agent', command: ['python3', 'agent/agent.py'], dir });
      expect(run.status, `${run.error}\n${run.exec?.logTail}`).toBe('ok');
      expect(run.submissionPath).toBe(join(workDir, 'submission', 'submission.csv'));
      const graded = await gradeSubmission(task.taskDir, run.submissionPath!);
      expect(graded.valid, graded.error).toBe(true);
      expect(graded.score).toBeGreaterThan(0.85);
      expect(run.code).toEqual([{ path: 'agent.py', content: SKLEARN_AGENT }]);
      expect(run.exec?.logTail).toMatch(/fitted on \d+ rows; wrote \d+/);

      // The agent's own log came back; it saw the contract's paths, limits and read-only data.
      const facts = JSON.parse(readFileSync(join(workDir, 'logs', 'agent.log'), 'utf8')) as Record<string, unknown>;
      expect(facts).toMatchObject({
        MLE_SMITH_TIME_LIMIT_SEC: '120', MLE_SMITH_MEMORY_MB: '1024', MLE_SMITH_CPUS: '1', MLE_SMITH_TASK_ID: 'iris-species', MLE_SMITH_SEED: '3',
        description_title: '# Which iris species is it?',
        data_files: ['description.md', 'sample_submission.csv', 'test.csv', 'train.csv'],
        data_writable: false,
      });
      expect(facts.MLE_SMITH_LLM_SOCKET).toBeUndefined();
      if (suite.homePaths(executor)) {
        expect(facts).toMatchObject({ cwd: '/home', MLE_SMITH_DATA_DIR: '/home/data', MLE_SMITH_SUBMISSION_PATH: '/home/submission/submission.csv', MLE_SMITH_LOGS_DIR: '/home/logs' });
      } else {
        expect(facts.MLE_SMITH_DATA_DIR).toBe(join(String(facts.cwd), 'data'));
      }
    });

    it('a shell agent that copies the sample submission is graded', async () => {
      const { run, workDir } = await solve({ id: 'shell-agent', command: SHELL_AGENT_COMMAND });
      expect(run.status, `${run.error}\n${run.exec?.logTail}`).toBe('ok');
      const graded = await gradeSubmission(task.taskDir, run.submissionPath!);
      expect(graded.valid, graded.error).toBe(true);
      expect(readFileSync(join(workDir, 'logs', 'agent.log'), 'utf8')).toBe('shell agent done\n');
    });

    it('an agent looking for the answers finds none and its failure is reported', async () => {
      const dir = await agentFolder(task.root, 'snoop', { 'snoop.py': ANSWER_SNOOP_AGENT });
      const { run, workDir } = await solve({ id: 'snoop', command: ['python3', 'agent/snoop.py'], dir, env: { TASK_DIR_ON_HOST: task.taskDir } });
      expect(run.exec?.logTail).not.toContain('READ ANSWERS');
      expect(run.exec?.logTail).toContain(`blocked: ${task.taskDir}/private/answers.csv`);
      expect(run.exec?.logTail).toContain('answers unreachable');
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/^solver snoop: exited with code 3 \(last output: answers unreachable\)$/);
      expect(existsSync(join(workDir, 'submission', 'submission.csv'))).toBe(false);
    });

    it('an agent reaching for any address but the proxy is refused, and the proxy forwards nowhere else', async () => {
      stub = await startOpenAiStubServer([]);
      const dir = await agentFolder(task.root, 'net', { 'net.py': NETWORK_AGENT });
      const { run } = await solve({
        id: 'net', command: ['python3', 'agent/net.py'], dir, env: { STUB_PORT: String(stub.port) },
        llm: { backend: 'openai', model: 'stub-model', options: { baseURL: stub.url, apiKey: 'sk-unused' } },
      });
      const log = run.exec?.logTail ?? '';
      expect(log).not.toContain('REACHED');
      expect(log).toContain(`blocked: 127.0.0.1:${stub.port}`);
      expect(log).toContain('blocked: 1.1.1.1:80');
      expect(log).toMatch(/proxy answered other host with: HTTP\/1\.1 404/);
      expect(run.status).toBe('failed');
      expect(run.error).toMatch(/^solver net: exited with code 4/);
      // Nothing reached the model server: not the direct connection, not the proxied other host.
      expect(stub.requests).toHaveLength(0);
    });

    it('an agent past its time limit is stopped and reported as a timeout', async () => {
      const { run } = await solve({ id: 'sleeper', command: ['sh', '-c', 'echo started; sleep 60'], limits: { timeSec: 3 } });
      expect(run.status).toBe('timeout');
      expect(run.error).toBe('solver sleeper: timed out after 3 s');
    });

    it('an agent past its memory limit is stopped and reported', async () => {
      const dir = await agentFolder(task.root, 'hog', { 'hog.py': MEMORY_HOG_AGENT });
      const { run } = await solve({ id: 'hog', command: ['python3', 'agent/hog.py'], dir, limits: { memoryMb: 256 } });
      expect(run.status).toBe('failed');
      expect(run.exec?.logTail).not.toContain('still alive');
      // Killed by the cgroup (OOM) where there is one; else the address-space limit raises MemoryError.
      expect(run.exec?.oomKilled || /MemoryError/.test(run.exec?.logTail ?? '')).toBe(true);
      expect(run.error).toMatch(/^solver hog: (killed: memory limit of 256 MB exceeded|exited with code 1)/);
    });

    it('an agent reaches its model only through the proxy, never sees the key, and every call is in the ledger', async () => {
      const key = `sk-test-${randomBytes(12).toString('hex')}`;
      stub = await startOpenAiStubServer([{ content: 'versicolor' }, { content: 'virginica' }], { defaultUsage: { promptTokens: 30, completionTokens: 4 } });
      const dir = await agentFolder(task.root, 'llm', { 'llm.py': LLM_AGENT });
      const { run, workDir, ledger } = await solve({
        id: 'llm-agent', command: ['python3', 'agent/llm.py'], dir, env: { CALLS: '2' },
        llm: { backend: 'openai', model: 'stub-model', options: { baseURL: stub.url, apiKey: key } },
        prices: { 'stub-model': { inputPer1M: 1, outputPer1M: 2 } },
      });
      expect(run.status, `${run.error}\n${run.exec?.logTail}`).toBe('ok');
      expect(run.exec?.logTail).toContain("models: ['stub-model']");
      expect(run.exec?.logTail).toContain("replies: ['versicolor', 'virginica']");
      const graded = await gradeSubmission(task.taskDir, run.submissionPath!);
      expect(graded.valid, graded.error).toBe(true);

      // The proxy put the key on each request and pinned the configured model.
      expect(stub.requests).toHaveLength(2);
      for (const req of stub.requests) {
        expect(req.headers.authorization).toBe(`Bearer ${key}`);
        expect(req.body?.model).toBe('stub-model');
      }
      // The sandbox saw a loopback base URL and a placeholder key, nowhere the real one.
      const dump = readFileSync(join(workDir, 'logs', 'sandbox-dump.txt'), 'utf8');
      expect(dump).toMatch(/ENV OPENAI_BASE_URL=http:\/\/127\.0\.0\.1:\d+\/v1/);
      expect(dump).toContain('ENV OPENAI_API_KEY=sk-mle-smith-proxy');
      expect(dump).toContain('FILE ');
      expect(dump).not.toContain(key);
      expect(JSON.stringify(run)).not.toContain(key);

      // Every call is in the run's ledger and in the solver's own ledger file.
      const expected = { role: 'solver', taskId: 'iris-species', model: 'stub-model', inputTokens: 30, outputTokens: 4, costUsd: (30 * 1 + 4 * 2) / 1e6, cached: false };
      expect(ledger).toEqual([expect.objectContaining(expected), expect.objectContaining(expected)]);
      expect(JSON.parse(readFileSync(join(workDir, 'logs', LEDGER_FILE), 'utf8'))).toEqual(ledger);
    });

    it('an agent without its own llm uses the LLM it is given (an eval.solvers entry\'s), with that LLM\'s budget', async () => {
      const key = `sk-given-${randomBytes(8).toString('hex')}`;
      stub = await startOpenAiStubServer([{ content: 'setosa' }, { content: 'setosa' }], { defaultUsage: { promptTokens: 80, completionTokens: 40 } });
      const ledger: LedgerEntry[] = [];
      const given = agentContextOf(createScriptedChatModel([]), {
        ledger, modelId: 'stub-model', budget: { perTaskTokens: 100 }, openAiEndpoint: () => ({ baseURL: stub!.url, apiKey: key }),
      });
      const dir = await agentFolder(task.root, 'given', { 'llm.py': LLM_AGENT });
      const workDir = join(task.root, 'work', `given-${++counter}`);
      const run = await commandSolver({ command: ['python3', 'agent/llm.py'], dir, env: { CALLS: '2' } }, { env: {} }).solve(task.view, {
        executor, runId: 'solver-command-test', workDir, limits: LIMITS, seed: 3, log: silentLogger, agent: given,
      });
      expect(run.solver).toBe('command-agent');
      expect(stub.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${key}`]);
      expect(ledger).toEqual([expect.objectContaining({ model: 'stub-model', inputTokens: 80, outputTokens: 40 })]);
      expect(run.status).toBe('failed');
      expect(run.error).toBe('solver command-agent: stopped: LLM task iris-species budget exhausted: used 120 tokens of 100 tokens');
    });

    it('an agent over its token budget is refused by the proxy and stopped with a clear result', async () => {
      stub = await startOpenAiStubServer([{ content: 'setosa' }, { content: 'setosa' }, { content: 'setosa' }], { defaultUsage: { promptTokens: 80, completionTokens: 40 } });
      const dir = await agentFolder(task.root, 'spender', { 'llm.py': LLM_AGENT });
      // After the refusal the agent hangs: the solver, not the agent, ends it.
      const { run, ledger } = await solve({
        id: 'spender', command: ['python3', 'agent/llm.py'], dir, env: { CALLS: '3', HANG_AFTER_REFUSAL: '60' },
        llm: { backend: 'openai', model: 'stub-model', options: { baseURL: stub.url, apiKey: 'sk-budget-test' } },
        budget: { perTaskTokens: 100 },
      });
      expect(stub.requests).toHaveLength(1);
      expect(ledger).toHaveLength(1);
      expect(run.exec?.logTail).toMatch(/refused: 402 .*task iris-species budget exhausted: used 120 tokens of 100 tokens/);
      expect(run.status).toBe('failed');
      expect(run.error).toBe('solver spender: stopped: LLM task iris-species budget exhausted: used 120 tokens of 100 tokens');
    });
  });
}
