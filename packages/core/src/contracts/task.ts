// The task-level data model shared by every stage: dataset profiles, proposals, specs, findings.

export type Modality = 'tabular' | 'text' | 'image' | 'audio' | 'time-series';
export type Objective = 'binary' | 'multiclass' | 'multilabel' | 'regression' | 'ranking' | 'forecasting';
export type SplitStrategy = 'random' | 'stratified' | 'group' | 'time';
export type InferredType = 'integer' | 'float' | 'boolean' | 'categorical' | 'text' | 'date' | 'timestamp' | 'media-path' | 'other';

export interface ColumnProfile {
  name: string;
  /** The DuckDB type the reader inferred, e.g. BIGINT, DOUBLE, VARCHAR. */
  duckdbType: string;
  inferredType: InferredType;
  missingFraction: number;
  distinctCount: number;
  /** distinctCount / non-missing rows; 1 means every value is unique. */
  uniqueness: number;
  min?: number | string | null;
  max?: number | string | null;
  mean?: number | null;
  std?: number | null;
  /**
   * Float columns only, present when > 0: values that are NaN, Infinity or -Infinity. They are
   * left out of min, max, mean and std (docs/data-edge-cases.md).
   */
  nonFiniteCount?: number;
  /** Float columns only, present when > 0: finite values of magnitude above 1e100, left out of mean and std. */
  extremeCount?: number;
  topValues: Array<{ value: string | number | boolean | null; count: number }>;
  /** For string columns: average and maximum length in characters. */
  textLength?: { mean: number; max: number };
  /** True when the column looks like an identifier (unique, named id/key/uuid, monotone integers). */
  identifierLike: boolean;
  /**
   * What the column is in the study the table records (docs/column-roles.md), from its name, its
   * values and the dataset's documentation. Absent on profiles written before roles existed.
   */
  role?: ColumnRole;
  /** Why the profiler gave that role, in a few words ("consecutive integers within "Subject""). */
  roleReason?: string;
}

/**
 * identifier: names rows or units (row index, within-group counter, stratum/set/case number, a code
 *   with one row per value) — never a target, never a feature;
 * time-index: where in time a row sits (day, month, year, week, time step, date parts) — a target only
 *   of a forecasting task, a feature only when it carries more than row order;
 * design: a variable the experimenter set (dose, treatment, supplement, time of measurement) — a
 *   feature, not a target;
 * group: a subject/unit of repeated measures — a split key;
 * response: what the documentation or the name calls the outcome — the preferred target;
 * measure: anything else that was measured.
 */
export type ColumnRole = 'identifier' | 'time-index' | 'design' | 'group' | 'response' | 'measure';

export interface CandidateTarget {
  column: string;
  objective: Objective;
  reason: string;
  /** Higher is a more plausible target; used to order proposals deterministically. */
  score: number;
}

export interface TableProfile {
  /** Table name used in SQL (file stem, sanitized). */
  name: string;
  /** Path relative to the dataset folder. */
  file: string;
  format: 'csv' | 'tsv' | 'parquet' | 'json' | 'jsonl';
  rowCount: number;
  columns: ColumnProfile[];
  candidateKeys: string[];
  candidateTargets: CandidateTarget[];
  /** Columns that look like a subject/group for repeated measures. */
  groupColumns: string[];
  /** Columns that hold paths to media files inside the dataset folder. */
  mediaColumns: Array<{ column: string; kind: 'image' | 'audio' | 'text' }>;
}

export interface MediaSummary {
  kind: 'image' | 'audio' | 'text';
  /** Folder-per-class layout: class name → file count. */
  classes?: Record<string, number>;
  fileCount: number;
  extensions: string[];
}

export interface DatasetFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface DatasetProfile {
  name: string;
  /** Absolute path of the raw dataset folder. */
  dir: string;
  tables: TableProfile[];
  media: MediaSummary[];
  files: DatasetFile[];
  /** From a SOURCE.md / LICENSE / datapackage.json next to the data, when present. */
  license?: string;
  sourceNote?: string;
  /** README / codebook / data dictionary / R help text found next to the data. */
  documentation?: DatasetDocumentation;
}

export interface DatasetDocumentation {
  /** Dataset-relative paths of the files read. */
  files: string[];
  /** Their text, concatenated and capped (for the LLM brainstormer's context). */
  text: string;
  /** Column name → its description, where the text describes columns. */
  columns: Record<string, string>;
  /** Columns the text calls the response / outcome / dependent variable / target, in the order found. */
  responses: string[];
}

export interface MetricRef {
  name: string;
  higherIsBetter?: boolean;
  params?: Record<string, unknown>;
}

export interface SplitSpec {
  strategy: SplitStrategy;
  testFraction: number;
  seed: number;
  /** Stratify / group / time column, or SQL expression over the raw table. */
  by?: string;
}

/**
 * Forecasting layout of a time-series task: public/test.csv holds the last `horizon` steps of every
 * series, train.csv everything before. The id of a row is `<series key>|<timestamp>` (the bare
 * timestamp when there is one series); see docs/metrics.md for the answers' `series` and `scale` columns.
 */
export interface TimeSeriesSpec {
  timeColumn: string;
  /** Columns whose values identify one series; empty for a single series. */
  seriesColumns: string[];
  /** 'H' | 'D' | 'W' | 'M' | 'Q' | 'Y' or another pandas-style alias. */
  frequency: string;
  /** H: the number of steps forecast per series. */
  horizon: number;
  /** m of MASE; 1 when the series has no seasonality. */
  seasonalPeriod: number;
}

export interface TargetSpec {
  /** Name of the target column in train.csv and answers.csv. */
  name: string;
  /** DuckDB SQL expression over the raw table that yields the label. */
  expression: string;
  /** Raw columns the expression reads; dropped from the public files when the target is derived. */
  sourceColumns: string[];
}

export interface TaskProposal {
  id: string;
  dataset: string;
  table: string;
  title: string;
  modality: Modality;
  objective: Objective;
  target: TargetSpec;
  metric: MetricRef;
  split: SplitSpec;
  dropColumns: string[];
  justification: string;
  /** Free-form hints a designer keeps for itself (media column, text column, ...). */
  hints?: Record<string, unknown>;
}

export interface SubmissionColumn {
  name: string;
  type: 'number' | 'integer' | 'string' | 'probability' | 'label-list';
}

export interface SubmissionFormat {
  idColumn: string;
  predictionColumns: SubmissionColumn[];
  /** Class labels for classification tasks (sorted), used by probability submissions and validation. */
  classes?: string[];
}

export interface DerivedFeature {
  name: string;
  expression: string;
}

/**
 * The declarative, schema-validated task description. The framework, not the designer,
 * turns it into files: every expression is DuckDB SQL over the raw table, run read-only.
 */
export interface TaskSpec {
  specVersion: 1;
  id: string;
  title: string;
  dataset: string;
  table: string;
  modality: Modality;
  objective: Objective;
  target: TargetSpec;
  /** Columns that identify a raw row; empty means "hash of the whole row". */
  rowKey: string[];
  /** Raw columns kept as public features (after drops). Empty means all columns but drops and target sources. */
  features: string[];
  derivedFeatures: DerivedFeature[];
  dropColumns: string[];
  /** SQL boolean expression; rows where it is false are excluded. */
  filter?: string;
  metric: MetricRef;
  split: SplitSpec;
  submission: SubmissionFormat;
  /** Forecasting tasks only (modality time-series). */
  timeseries?: TimeSeriesSpec;
  /** Media options for text/image/audio designers. */
  media?: { column: string; kind: 'image' | 'audio' | 'text'; folder?: string };
  description: {
    overview: string;
    columns?: Record<string, string>;
  };
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Where: a file, a column, a row, or a JSON path of the spec. */
  location?: string;
  phase: 'spec' | 'package' | 'review' | 'execute';
  data?: Record<string, unknown>;
}

export interface FileChecksum {
  path: string;
  sha256: string;
  bytes: number;
}

export type Difficulty = 'easy' | 'medium' | 'hard' | 'unknown';

/** task.json: the manifest of a task package. Validated by schemas/task.schema.json. */
export interface TaskManifest {
  id: string;
  title: string;
  modality: Modality;
  objective: Objective;
  target: string;
  metric: Required<Pick<MetricRef, 'name' | 'higherIsBetter'>> & { params: Record<string, unknown> };
  submission: SubmissionFormat;
  split: SplitSpec;
  /** Copied from the spec for forecasting tasks. */
  timeseries?: TimeSeriesSpec;
  source: { dataset: string; files: DatasetFile[]; license?: string };
  spec: TaskSpec;
  files: FileChecksum[];
  generator: {
    name: 'mle-smith'; version: string; designer: string;
    /** Role → the model id that produced it, or "deterministic". */
    agents: Record<string, string>;
    models: string[];
    promptHashes: Record<string, string>;
    /** Present when an LLM was configured: role → why the deterministic fallback produced it instead of the model (empty: none fell back). */
    fallbacks?: Record<string, string>;
  };
  difficulty?: { level: Difficulty; ladder: Array<{ solver: string; tier: string; score: number | null }> };
  /** The agent rung's record, when the execute stage ran one (`execute.agent`, an LLM configured). */
  fidelity?: AgentFidelity;
  rows?: { train: number; test: number };
}

/** `execute.agent`: whether the execute stage runs an LLM agent on each task, and whether its failure blocks the task. */
export type AgentRungMode = 'off' | 'report' | 'require';

/**
 * The agent rung's record (task.json and verification.json `fidelity`): could an LLM agent, given
 * only the public files and description.md, produce a valid submission within `maxAttempts`, and
 * where does its score stand against the baseline ladder.
 */
export interface AgentFidelity {
  solver: string;
  mode: Exclude<AgentRungMode, 'off'>;
  /** Attempts made (each a fresh agent run with its own seed); stops at the first valid submission. */
  attempts: number;
  maxAttempts: number;
  valid: boolean;
  /** The valid submission's score; null when no attempt produced one. */
  score: number | null;
  /**
   * The highest baseline tier the score beats strictly (`above-<tier>`), `below-trivial` when it
   * beats none; null without a valid score or without a scored baseline to compare with.
   */
  position: 'below-trivial' | 'above-trivial' | 'above-simple' | 'above-strong' | null;
  /** Per scored baseline tier, the agent's gain over it in the metric's direction (positive: better). */
  margins: Partial<Record<'trivial' | 'simple' | 'strong', number>>;
  /** The last attempt's error when no attempt was valid (the agent's own words). */
  error?: string;
  /** Each attempt: status, score, error. */
  runs: Array<{ attempt: number; seed: number; status: string; score: number | null; error?: string }>;
}


export type VerdictStatus = 'accepted' | 'repaired' | 'rejected';

export interface TaskVerdict {
  taskId: string;
  dataset: string;
  status: VerdictStatus;
  attempts: number;
  reasons: string[];
  findings: Finding[];
  /** Highest funnel step the task reached. */
  reached: FunnelStep;
}

export type FunnelStep = 'proposal' | 'spec' | 'package' | 'assertions' | 'review' | 'execution';
