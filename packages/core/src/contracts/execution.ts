// Executors run untrusted solution code in a sandbox; solvers produce submissions through them.
import type { AgentContext } from './llm.js';
import type { Modality, TaskManifest } from './task.js';

export interface ExecLimits {
  /** Wall-clock limit, enforced by the executor (kill of the process group or container). */
  timeSec: number;
  memoryMb: number;
  cpus: number;
  pids: number;
  /** Cap on captured stdout+stderr bytes; the rest is dropped and `logTruncated` set. */
  logBytes?: number;
  /** Cap on the size of any single file the job writes (where the executor can enforce it). */
  fileSizeMb?: number;
}

export interface ExecJob {
  /** Labels containers/processes so a later start can clean up left-overs. */
  runId: string;
  jobId: string;
  /** Runner image (docker) or interpreter runtime hint (local). */
  image?: string;
  /** Command run inside the workspace, e.g. ['python3', 'solution.py']. */
  command: string[];
  /** Host folder copied (or mounted read-only) as `data/` inside the workspace. Never a `private/` folder. */
  publicDir: string;
  /** Solution files written into the workspace root. */
  files: Array<{ path: string; content: string }>;
  /** Files the job produces in its workspace, copied back to `outputDir` on the host ("logs/": the files directly in that folder). */
  outputs: string[];
  outputDir: string;
  limits: ExecLimits;
  network: boolean;
  env?: Record<string, string>;
  /**
   * Where the workspace appears inside the sandbox, for executors that give the job a filesystem
   * of its own (docker, local in namespaces mode): an absolute path, default /workspace; data/
   * is always `<workspace>/data`. Executors without one run the job in its host workspace. The
   * job's working directory is the workspace in every executor.
   */
  workspacePath?: string;
  /**
   * Host unix sockets the job may connect to (and nothing else on the host): each is shown in
   * the sandbox and the job's environment variable `env` is set to its path there. The only
   * way out of a job with `network: false` (the LLM proxy uses it).
   */
  unixSockets?: Array<{ hostPath: string; env: string }>;
}

export interface ExecResult {
  jobId: string;
  exitCode: number | null;
  timedOut: boolean;
  /** Killed by the memory limit (OOM), when the executor can tell. */
  oomKilled: boolean;
  durationMs: number;
  peakMemoryMb?: number;
  cpuTimeMs?: number;
  logTail: string;
  logTruncated: boolean;
  /** Outputs copied back, relative to job.outputDir. */
  outputs: string[];
  /** A one-line reason when the job did not succeed. */
  error?: string;
}

export interface ExecContext {
  signal?: AbortSignal;
  log: Logger;
}

export interface Executor {
  id: string;
  run(job: ExecJob, ctx: ExecContext): Promise<ExecResult>;
  /** Removes anything left from earlier runs (e.g. labelled containers); called at start. */
  cleanup?(runId?: string): Promise<void | number>;
  dispose(): Promise<void>;
}

/** What a solver may see of a task: the manifest without answers, and the public folder. */
export interface TaskPublicView {
  taskDir: string;
  publicDir: string;
  manifest: Omit<TaskManifest, 'files' | 'spec' | 'source'> & { spec?: undefined };
  modality: Modality;
  /** The columns of test.csv besides the id, in file order: what a model may use as input. */
  inputColumns: string[];
  description: string;
}

export interface SolverContext {
  executor: Executor;
  runId: string;
  /** Host folder where the solver keeps its code, logs and the submission. */
  workDir: string;
  limits: ExecLimits;
  seed: number;
  log: Logger;
  signal?: AbortSignal;
  /** The LLM and its run settings (ledger, budgets, cache), present when an LLM backend is configured. */
  agent?: AgentContext;
}

/** The baseline ladder's rungs, weakest first: the one list every ladder, solver pack and verdict uses. */
export const BASELINE_TIERS = ['trivial', 'simple', 'strong'] as const;
export type BaselineTier = (typeof BASELINE_TIERS)[number];

export function isBaselineTier(tier: string | undefined): tier is BaselineTier {
  return (BASELINE_TIERS as readonly string[]).includes(tier ?? '');
}

export interface SolverRun {
  solver: string;
  status: 'ok' | 'failed' | 'timeout' | 'invalid';
  /** Absolute path of submission.csv when one was produced. */
  submissionPath?: string;
  exec?: ExecResult;
  /** Code the solver ran, kept in baselines/. */
  code: Array<{ path: string; content: string }>;
  error?: string;
}

export interface Solver {
  id: string;
  /** Baseline ladder rung, for baseline solvers. */
  tier?: BaselineTier;
  /** Modalities this solver handles; absent means all. */
  modalities?: Array<TaskManifest['modality']>;
  /**
   * The solver's submission does not depend on the seed (a constant, k-NN or a linear model fitted
   * exactly): `eval` runs it once per task and records that run's score for every seed.
   */
  seedInvariant?: boolean;
  solve(task: TaskPublicView, ctx: SolverContext): Promise<SolverRun>;
}

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  debug(msg: string): void;
}
