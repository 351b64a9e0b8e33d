// Any agent as a Solver: its command (or image) runs in the executor's sandbox with the task's
// public files and description.md under data/ (read-only), writes submission/submission.csv,
// and reaches its model only through the host-side LLM proxy over a mounted unix socket. The
// submission is graded on the host by the caller; private/ never enters the sandbox.
import { lstat, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET_EXHAUSTED_STATUS, Budget, LLM_RELAY_SCRIPT, Ledger, resolveApiKey, startLlmProxy, type LlmProxy } from '@mle-smith/agents';
import {
  ConfigError, errorMessage, writeJsonAtomic,
  type AgentContext, type ExecJob, type ExecLimits, type ExecResult, type Solver, type SolverContext, type SolverRun, type TaskPublicView,
} from '@mle-smith/core';
import { copyPublicDir } from '@mle-smith/sandbox';
import { DEFAULT_ID, type CommandAgentOptions } from './options.js';

/** Where the workspace appears in a sandbox with its own filesystem: data/ is /home/data. */
export const WORKSPACE_PATH = '/home';
export const SUBMISSION_FILE = 'submission/submission.csv';
export const LOGS_DIR = 'logs';
export const AGENT_DIR = 'agent';
/** The calls this solve made through the proxy, kept next to the agent's logs. */
export const LEDGER_FILE = 'llm-ledger.json';
/** The environment variable naming the proxy's socket inside the sandbox. */
export const LLM_SOCKET_ENV = 'MLE_SMITH_LLM_SOCKET';

const LAUNCHER_DIR = '.mle-smith';
const SANDBOX_SCRIPTS = [
  { path: `${LAUNCHER_DIR}/launch.py`, source: fileURLToPath(new URL('../sandbox/launch.py', import.meta.url)) },
  { path: `${LAUNCHER_DIR}/llm_relay.py`, source: LLM_RELAY_SCRIPT },
];
/** Agent folders are copied as text: a few hundred files of scripts, not models or data. */
const MAX_AGENT_FILES = 500;
const MAX_AGENT_BYTES = 16 * 1024 * 1024;

export interface CommandSolverSetup {
  /** Folder `dir` is relative to (the config file's). Default the working directory. */
  configDir?: string;
  /** Where the API key variables are read (tests pass their own). Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export function commandSolver(options: CommandAgentOptions, setup: CommandSolverSetup = {}): Solver {
  const id = options.id ?? DEFAULT_ID;
  const agentDir = options.dir ? resolve(setup.configDir ?? process.cwd(), options.dir) : undefined;
  const llm = options.llm;
  // The key is resolved when the config loads, so a missing one fails before any task runs.
  const own = llm
    ? { baseURL: llm.options?.baseURL ?? 'https://api.openai.com/v1', apiKey: resolveApiKey({ baseURL: llm.options?.baseURL, ...llm.options }, setup.env ?? process.env, `solver ${id}`), model: llm.model }
    : undefined;
  // One ledger per solver across the evaluation: per-run budgets count every task it solved.
  let spend: { ledger: Ledger; budget?: Budget } | undefined;
  return {
    id,
    ...(options.modalities ? { modalities: options.modalities } : {}),
    solve: (task, ctx) => {
      spend ??= spendOf(options, ctx.agent);
      return solveWithCommand(task, ctx, { id, options, agentDir, upstream: own ?? upstreamOf(ctx.agent), ...spend });
    },
  };
}

/** Without its own `llm`, the agent uses the LLM it is given, when that backend speaks the OpenAI API. */
function upstreamOf(agent: AgentContext | undefined): Upstream | undefined {
  return agent?.openAiEndpoint ? { ...agent.openAiEndpoint(), model: agent.modelId } : undefined;
}

function spendOf(options: CommandAgentOptions, agent: AgentContext | undefined): { ledger: Ledger; budget?: Budget } {
  const limits = options.budget ?? agent?.budget;
  return {
    ledger: new Ledger({ prices: options.prices ?? agent?.prices }),
    budget: limits && Object.values(limits).some((v) => typeof v === 'number') ? new Budget(limits) : undefined,
  };
}

interface Upstream {
  baseURL: string;
  apiKey: string;
  model: string;
}

interface Prepared {
  id: string;
  options: CommandAgentOptions;
  agentDir?: string;
  upstream?: Upstream;
  ledger: Ledger;
  budget?: Budget;
}

async function solveWithCommand(task: TaskPublicView, ctx: SolverContext, p: Prepared): Promise<SolverRun> {
  const { options, id } = p;
  if (options.image && ctx.executor.id !== 'docker') {
    return { solver: id, status: 'failed', code: [], error: `solver ${id} runs image ${options.image}: it needs the docker executor (executor.backend "docker"), not "${ctx.executor.id}"` };
  }
  await mkdir(ctx.workDir, { recursive: true });
  const submissionPath = join(ctx.workDir, SUBMISSION_FILE);
  // A submission left by an earlier attempt must never count as this run's output.
  await rm(submissionPath, { force: true });
  await rm(join(ctx.workDir, LOGS_DIR), { recursive: true, force: true });
  const code = p.agentDir ? await readAgentFiles(p.agentDir) : [];

  // data/ = the public files plus description.md; copyPublicDir refuses anything under private/.
  const staged = join(ctx.workDir, '.data');
  await rm(staged, { recursive: true, force: true });
  await copyPublicDir(task.publicDir, staged);
  await writeFile(join(staged, 'description.md'), task.description);

  const limits = { ...ctx.limits, ...options.limits };
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(ctx.signal?.reason);
  ctx.signal?.addEventListener('abort', onAbort, { once: true });
  let budgetStop: string | undefined;
  let proxy: LlmProxy | undefined;
  let exec: ExecResult;
  try {
    if (p.upstream) {
      proxy = await startLlmProxy({
        upstream: p.upstream, ledger: p.ledger, budget: p.budget, taskId: task.manifest.id, timeoutMs: options.llm?.options?.timeoutMs,
        // Exceeding the budget ends the agent: it gets the refusal, then its sandbox is stopped.
        onRefused: (refusal) => {
          if (refusal.status !== BUDGET_EXHAUSTED_STATUS || budgetStop) return;
          budgetStop = refusal.message;
          setTimeout(() => stop.abort(new Error(refusal.message)), 200).unref();
        },
      });
    }
    const job = await buildJob(task, ctx, p, { staged, limits, code, socket: proxy?.socketPath });
    ctx.log.debug(`solver ${id}: running on ${task.manifest.id} (seed ${ctx.seed})`);
    try {
      exec = await ctx.executor.run(job, { log: ctx.log, signal: stop.signal });
    } catch (err) {
      if (ctx.signal?.aborted) throw err;
      return { solver: id, status: 'failed', code, error: `solver ${id}: executor ${ctx.executor.id} failed: ${errorMessage(err)}` };
    }
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    await proxy?.close();
    await rm(staged, { recursive: true, force: true });
  }
  if (ctx.signal?.aborted) throw ctx.signal.reason;
  if (proxy) {
    // The run's ledger (report.json) gets this solver's calls too.
    ctx.agent?.ledger.push(...proxy.entries);
    await writeJsonAtomic(join(ctx.workDir, LOGS_DIR, LEDGER_FILE), proxy.entries);
  }
  return { solver: id, code, exec, ...(await outcome(id, exec, submissionPath, budgetStop)) };
}

async function buildJob(task: TaskPublicView, ctx: SolverContext, p: Prepared, run: { staged: string; limits: ExecLimits; code: SolverRun['code']; socket?: string }): Promise<ExecJob> {
  const { options } = p;
  const scripts = await Promise.all(SANDBOX_SCRIPTS.map(async (s) => ({ path: s.path, content: await readFile(s.source, 'utf8') })));
  return {
    runId: ctx.runId,
    jobId: `${task.manifest.id}-${p.id}-s${ctx.seed}`.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 120),
    ...(options.image ? { image: options.image } : {}),
    command: ['python3', `${LAUNCHER_DIR}/launch.py`, '--', ...options.command],
    publicDir: run.staged,
    files: [...scripts, ...run.code.map((f) => ({ path: `${AGENT_DIR}/${f.path}`, content: f.content }))],
    outputs: [SUBMISSION_FILE, `${LOGS_DIR}/`],
    outputDir: ctx.workDir,
    limits: run.limits,
    network: false,
    workspacePath: WORKSPACE_PATH,
    ...(run.socket ? { unixSockets: [{ hostPath: run.socket, env: LLM_SOCKET_ENV }] } : {}),
    env: {
      ...options.env,
      MLE_SMITH_TASK_ID: task.manifest.id,
      MLE_SMITH_SEED: String(ctx.seed),
      MLE_SMITH_TIME_LIMIT_SEC: String(run.limits.timeSec),
      MLE_SMITH_MEMORY_MB: String(run.limits.memoryMb),
      MLE_SMITH_CPUS: String(run.limits.cpus),
      MLE_SMITH_PIDS: String(run.limits.pids),
      ...(p.upstream ? { MLE_SMITH_LLM_MODEL: p.upstream.model } : {}),
    },
  };
}

/** A finished job as a SolverRun status: timeout, failed (with why), invalid (no submission) or ok. */
async function outcome(id: string, exec: ExecResult, submissionPath: string, budgetStop: string | undefined): Promise<Pick<SolverRun, 'status' | 'error' | 'submissionPath'>> {
  if (budgetStop) return { status: 'failed', error: `solver ${id}: stopped: LLM ${budgetStop}` };
  if (exec.timedOut) return { status: 'timeout', error: `solver ${id}: ${exec.error ?? 'timed out'}` };
  if (exec.exitCode !== 0 || exec.oomKilled || exec.error) {
    const last = exec.logTail.split('\n').map((l) => l.trim()).filter(Boolean).pop();
    return { status: 'failed', error: `solver ${id}: ${exec.error ?? `exited with code ${exec.exitCode}`}${last ? ` (last output: ${last.slice(0, 300)})` : ''}` };
  }
  const written = exec.outputs.includes(SUBMISSION_FILE) && (await lstat(submissionPath).then((s) => s.size > 0, () => false));
  if (!written) return { status: 'invalid', error: `solver ${id}: the agent exited 0 but wrote no ${WORKSPACE_PATH}/${SUBMISSION_FILE}` };
  return { status: 'ok', submissionPath };
}

/** The agent's folder as text files (relative paths), refusing links and anything too large. */
async function readAgentFiles(root: string): Promise<SolverRun['code']> {
  const files: SolverRun['code'] = [];
  let bytes = 0;
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
      throw new ConfigError(`agent folder ${root}: ${errorMessage(err)}`);
    });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) {
        const content = await readFile(full, 'utf8');
        bytes += Buffer.byteLength(content);
        files.push({ path: relative(root, full), content });
        if (files.length > MAX_AGENT_FILES || bytes > MAX_AGENT_BYTES) {
          throw new ConfigError(`agent folder ${root}: more than ${MAX_AGENT_FILES} files or ${MAX_AGENT_BYTES >> 20} MB; ship a large agent as a container image`);
        }
      } else throw new ConfigError(`agent folder ${root}: ${relative(root, full)} is not a regular file or folder`);
    }
  };
  await walk(root);
  return files;
}
