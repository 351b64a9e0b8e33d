// The Scheduler extension point: who runs the pipeline's units of work. A unit of work is a job
// (one stage of a dataset's or a task's line, or one (task, solver, seed) of an evaluation) whose
// result is a checkpoint in the run store, so running a job twice does nothing twice. In-process
// (the default) the pipeline's own pass runs every stage as it always did; a queue scheduler has
// workers on any machine run the jobs first, and the pass then reads their checkpoints (docs/scale.md).

/** One unit of work. Its id is unique in the queue: the same id added twice runs once. */
export interface SchedulerJob {
  id: string;
  /** The run (or evaluation) the job belongs to: two runs on one queue never mix. */
  runId: string;
  kind: 'dataset' | 'task' | 'eval';
  /** What `status` shows: "<dataset>", "<dataset>/<task> step 3", "<task> <solver> seed 2". */
  label: string;
  /** JSON the job's handler reads (the run directory, the line and step, …). */
  data: Record<string, unknown>;
}

/** What a job leads to: the jobs to add after it (the next stage of its line, a dataset's tasks). */
export interface JobOutcome {
  next: SchedulerJob[];
  /** What the job did, for progress and status (the stage it ran, whether it was cached). */
  note?: string;
}

export type JobHandler = (job: SchedulerJob) => Promise<JobOutcome>;

/** A job that failed on every attempt: it is in the queue's failed set, with its error. */
export interface JobFailure {
  job: SchedulerJob;
  error: string;
  attempts: number;
}

export interface SchedulerCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
  /** Workers connected to the queue. */
  workers: number;
}

/** The jobs of one run by state, and which worker holds each active one. */
export interface SchedulerStatus extends SchedulerCounts {
  byKind: Record<string, Omit<SchedulerCounts, 'workers'>>;
  /** Completed jobs by the stage they ran ("design", "execute", …). */
  doneByStage: Record<string, number>;
  activeJobs: Array<{ label: string; worker?: string }>;
  failedJobs: Array<{ label: string; error: string }>;
}

export interface DrainProgress {
  done: number;
  pending: number;
  failed: number;
  counts: SchedulerCounts;
  /** A job that just finished or failed for good. */
  finished?: { job: SchedulerJob; note?: string; error?: string };
}

export interface Scheduler {
  readonly id: string;
  /**
   * Has `roots`, and every job their outcomes add, run to completion or to the failed set;
   * resolves with the failures. In-process there is nothing to do first: the pipeline's own
   * pass runs every stage.
   */
  drain(roots: SchedulerJob[], options?: { onProgress?: (p: DrainProgress) => void; signal?: AbortSignal }): Promise<JobFailure[]>;
  /** Adds `roots` and returns at once (`run --detach`); a later drain of the same roots follows them. */
  submit(roots: SchedulerJob[]): Promise<void>;
  /** Takes jobs and runs them with `handler`, `concurrency` at a time, until close(). */
  work(handler: JobHandler, options: { concurrency: number; name?: string }): Promise<void>;
  /** The counts of the queue, or of one run's jobs. */
  status(runId?: string): Promise<SchedulerStatus>;
  close(): Promise<void>;
}

/** A scheduler backend a plugin contributes (`api.addScheduler`), selected by `--queue` or config `scheduler`. */
export interface SchedulerFactory {
  id: string;
  optionsSchema?: Record<string, unknown>;
  create(options: { url: string } & Record<string, unknown>): Scheduler | Promise<Scheduler>;
}
