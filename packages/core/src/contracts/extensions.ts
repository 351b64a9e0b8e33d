// The extension points plugins contribute to. One typed ExtensionPoint token each (see ../tokens.ts).
import type { ExecResult, Logger } from './execution.js';
import type { AgentContext, AgentRunSummary } from './llm.js';
import type {
  DatasetProfile, FileChecksum, Finding, Modality, Severity, TaskManifest, TaskProposal, TaskSpec, TaskVerdict,
  FunnelStep,
} from './task.js';

/** Handed to designers: where to write, what went wrong last time, and the LLM when configured. */
export interface DesignContext {
  runId: string;
  seed: number;
  maxProposals: number;
  /** Error findings of the previous attempt, for repair. Empty on the first attempt. */
  defects: Finding[];
  /** Every earlier attempt of this task with its error findings, oldest first (a repair must not undo an earlier one). */
  history: AttemptRecord[];
  attempt: number;
  log: Logger;
  /** The LLM and its run settings when `llm.backend` is configured, else undefined (use the deterministic strategy). */
  agent?: AgentContext;
  signal?: AbortSignal;
}

export interface MaterializeContext {
  /** Absolute path of the raw dataset folder. */
  rawDir: string;
  /** Empty folder to write the package into (public/, private/, description.md). */
  outDir: string;
  /** The profile of the raw dataset the spec was designed from. */
  profile: DatasetProfile;
  log: Logger;
  /** The LLM and its run settings when `llm.backend` is configured. */
  agent?: AgentContext;
}

/** One failed attempt at a task: its number (0-based) and the error findings that stopped it. */
export interface AttemptRecord {
  attempt: number;
  findings: Finding[];
}

export interface MaterializeResult {
  rows: { train: number; test: number };
  /** Class labels for classification tasks, sorted. */
  classes?: string[];
  /** Which agent strategy produced the description (e.g. "deterministic" or a model id). */
  agents?: Record<string, string>;
  /** With an LLM configured: role → why the deterministic strategy produced it instead (task.json `generator.fallbacks`). */
  fallbacks?: Record<string, string>;
  promptHashes?: Record<string, string>;
}

export interface DesignerSelection {
  /** Designers that supported the dataset and declined it after reading the data. */
  declined: string[];
  /**
   * No designer supported the dataset when asked first (a panel too short for the forecasting
   * designer, yet indexed by time): a designer that left its kind of table to another may take it.
   */
  unclaimed?: boolean;
}

export interface Designer {
  id: string;
  modality: Modality;
  /**
   * Selection: the first designer (in plugin order) whose supports() is true gets the dataset. A
   * designer whose brainstorm then throws `DesignerDeclinedError` (nothing of its kind in the data)
   * passes it on: supports() is asked again with the ids of the designers that declined, so a
   * designer that leaves a kind of table to another may take it after all. When no designer
   * supports the dataset at all, supports() is asked once more with `unclaimed: true`.
   */
  supports(profile: DatasetProfile, selection?: DesignerSelection): boolean;
  brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<TaskProposal[]>;
  design(proposal: TaskProposal, profile: DatasetProfile, ctx: DesignContext): Promise<TaskSpec>;
  materialize(spec: TaskSpec, ctx: MaterializeContext): Promise<MaterializeResult>;
}

export interface SpecTarget {
  phase: 'spec';
  spec: TaskSpec;
  profile: DatasetProfile;
}

export interface PackageTarget {
  phase: 'package';
  taskDir: string;
  manifest: TaskManifest;
}

export interface RuleContext {
  log: Logger;
  options: Record<string, unknown>;
}

export interface VerifierRuleMeta {
  severity: Severity;
  phase: 'spec' | 'package';
  modality?: Modality;
  description: string;
  /** JSON Schema of the rule's options (ESLint-style). */
  schema?: Record<string, unknown>;
  defaultOptions?: Record<string, unknown>;
}

export interface VerifierRule {
  id: string;
  meta: VerifierRuleMeta;
  /** Returns findings; never throws for a failed check (a throw is a bug and is reported as one). */
  check(target: SpecTarget | PackageTarget, ctx: RuleContext): Promise<Finding[]> | Finding[];
}

export interface ReviewContext {
  log: Logger;
  /** The LLM and its run settings when `llm.backend` is configured. */
  agent?: AgentContext;
}

export interface Reviewer {
  id: string;
  review(pkg: PackageTarget, ctx: ReviewContext): Promise<Finding[]>;
}

export interface Exporter {
  format: string;
  export(taskDir: string, outDir: string): Promise<void>;
}

export interface ImportContext {
  log: Logger;
}

/**
 * Wraps a human-designed task from another harness's layout into a task package. `competitionDir`
 * holds the harness's competition definition (description, grader), `dataDir` its prepared data;
 * the package is written into `outDir` (new or empty) and its manifest returned.
 */
export interface Importer {
  format: string;
  import(competitionDir: string, dataDir: string, outDir: string, ctx: ImportContext): Promise<TaskManifest>;
}

// ---- reporters: optional callbacks that only observe (Vitest-style) ----

export interface RunInfo {
  runId: string;
  runDir: string;
  datasets: string[];
  config: Record<string, unknown>;
}

export interface StageEvent {
  stage: StageName;
  dataset?: string;
  taskId?: string;
  durationMs: number;
  /** True when the stage's checkpoint was reused on resume. */
  cached: boolean;
  error?: string;
}

export interface LadderEntry {
  solver: string;
  tier: string;
  status: string;
  score: number | null;
  exec?: Pick<ExecResult, 'exitCode' | 'timedOut' | 'durationMs' | 'error'>;
}

export interface TaskSummary extends TaskVerdict {
  title?: string;
  modality?: Modality;
  metric?: string;
  higherIsBetter?: boolean;
  ladder: LadderEntry[];
  taskDir?: string;
}

export interface LedgerEntry {
  role: string;
  taskId?: string;
  dataset?: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
  cached: boolean;
}

export interface RunSummary {
  runId: string;
  runDir: string;
  startedAt: string;
  finishedAt: string;
  datasets: Array<{ name: string; designer?: string; proposals: number; error?: string }>;
  funnel: Record<FunnelStep, number>;
  tasks: TaskSummary[];
  ledger: LedgerEntry[];
  /** With an LLM configured: the backend, and per role whether the model or the fallback produced each output. */
  llm?: AgentRunSummary;
  /** Extra sections other commands add (eval scores, Elo, agreement). */
  sections?: Record<string, unknown>;
}

export interface Reporter {
  id: string;
  onRunStart?(info: RunInfo): void | Promise<void>;
  onStageEnd?(event: StageEvent): void | Promise<void>;
  onTaskVerdict?(verdict: TaskSummary): void | Promise<void>;
  onRunEnd?(summary: RunSummary): void | Promise<void>;
}

export type StageName =
  | 'profile' | 'brainstorm' | 'design' | 'materialize' | 'verify' | 'review' | 'execute' | 'verdict' | 'publish';

export type { FileChecksum };
