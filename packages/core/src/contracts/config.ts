// The shape of mle-smith.config.json after validation and defaults (see schemas/config.schema.json).
import type { ExecLimits } from './execution.js';
import type { LlmFallbackPolicy } from './llm.js';

export type PluginEntry = string | [string, Record<string, unknown>];

/** The LLM of one solver entry: `llm` keys, each one overriding the run's `llm` for that solver only. */
export interface SolverLlmConfig {
  backend: string;
  model?: string;
  options?: Record<string, unknown>;
  budget?: MleSmithConfig['llm']['budget'];
  prices?: MleSmithConfig['llm']['prices'];
}

/** An `eval.solvers` entry: a solver built by `plugin` with `options`, named `id`, on its own LLM. */
export interface SolverEntry {
  id: string;
  plugin: string;
  options?: Record<string, unknown>;
  llm?: SolverLlmConfig;
}

export interface MleSmithConfig {
  $schema?: string;
  /** Dataset folders (relative to the config file). Each folder is one dataset. A folder of folders is expanded. */
  datasets: string[];
  /** Run directory root; each run is a folder below it unless `run.dir` pins one. */
  out: string;
  plugins: PluginEntry[];
  seed: number;
  concurrency: number;
  design: { maxProposalsPerDataset: number; maxRepairAttempts: number; testFraction: number };
  executor: { backend: string; options: Record<string, unknown>; limits: ExecLimits };
  llm: {
    backend: string; // 'none' or a registered backend id
    model?: string;
    options: Record<string, unknown>;
    budget?: { perTaskUsd?: number; perRunUsd?: number; perTaskTokens?: number; perRunTokens?: number };
    prices?: Record<string, { inputPer1M: number; outputPer1M: number }>;
    cache: boolean;
    /** What a failed LLM call does: fail the run ('none', the default) or fall back to the deterministic strategy, recorded per role. */
    fallback: LlmFallbackPolicy;
    /** Time the endpoint check at the start of a run may take. */
    checkTimeoutMs: number;
  };
  verify: { rules: Record<string, 'off' | 'warning' | 'error' | ['warning' | 'error', Record<string, unknown>]>; reviewers: string[] };
  execute: {
    enabled: boolean;
    ladder: string[];
    minMarginFraction: number;
    /** Confidence of the paired-bootstrap interval the best learned baseline's gain over the trivial one must clear (docs/baselines.md). */
    signalConfidence: number;
    /** Resamples of that bootstrap; 0 turns the signal test off (the margin alone decides). */
    signalResamples: number;
    /**
     * The agent rung (docs/agents.md#agent-rung): unset means "report" with an LLM configured and
     * "off" without one. Resolved by agentRungSettings(), never written into the config, so a run
     * without an LLM records the same config as before the rung existed.
     */
    agent?: 'off' | 'report' | 'require';
    /** Agent runs per task before it counts as unable to submit (default 2). */
    agentAttempts?: number;
    /** The registered Solver the rung runs (default "agent", contributed by solver-agent). */
    agentSolver?: string;
  };
  eval: {
    /** Solver ids, or entries that build a solver from a plugin with its own LLM (docs/config.md#eval). */
    solvers: Array<string | SolverEntry>;
    seeds: number;
    /** (task, solver, seed) runs at once. */
    concurrency: number;
  };
  report: string[];
  /** A queue for the pipeline's and eval's jobs (`--queue`); absent: everything runs in this process. */
  scheduler?: { backend: string; url?: string; options: Record<string, unknown> };
}

export type UserConfig = Partial<Omit<MleSmithConfig, 'design' | 'executor' | 'llm' | 'verify' | 'execute' | 'eval'>> & {
  design?: Partial<MleSmithConfig['design']>;
  executor?: Partial<Omit<MleSmithConfig['executor'], 'limits'>> & { limits?: Partial<ExecLimits> };
  llm?: Partial<MleSmithConfig['llm']>;
  verify?: Partial<MleSmithConfig['verify']>;
  execute?: Partial<MleSmithConfig['execute']>;
  eval?: Partial<MleSmithConfig['eval']>;
};

/** Identity helper for mle-smith.config.mjs, for editor types. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
