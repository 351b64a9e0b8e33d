// Task packages as an interactive environment (the shape MLE-Dojo offers): a session is one
// agent on one task. reset copies the task's public files — and nothing else — into the
// session's own folder; execute runs code in the configured executor's sandbox over that copy;
// validate checks a submission's format without answers; submit grades it on the host and
// answers with the baseline ladder as reference. Every step is kept in the session's history and
// appended to its trajectory file (JSONL), for fine-tuning later.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  DatasetError, UsageError, errorMessage, readTaskView, runEvaluation,
  type EvalJobDeps, type Solver, type SubmissionFormat, type TaskManifest,
} from '@mle-smith/core';
import { checkSubmissionFormat } from '@mle-smith/metrics';
import { copyPublicDir, jobRuntimeEnv } from '@mle-smith/sandbox';
import { Trajectory, type TrajectoryStep } from './trajectory.js';

export const SOLUTION_FILE = 'main.py';
export const SUBMISSION_FILE = 'submission.csv';

/** The executor, grader, limits, run id and logger an evaluation run takes, plus the environment's own. */
export interface TaskEnvOptions extends Omit<EvalJobDeps, 'outDir' | 'signal'> {
  taskDirs: string[];
  /** Sessions' folders and trajectories go here. */
  outDir: string;
  /**
   * The baseline ladder of a task whose task.json records none (difficulty.ladder): these solvers
   * run once per task, at its first reset, and their graded scores become submit's reference.
   */
  ladderSolvers?: (manifest: TaskManifest) => Solver[];
  /** Seed of those ladder runs. Default 42. */
  seed?: number;
}

export interface TaskSummary {
  task: string;
  title: string;
  modality: string;
  objective: string;
}

export interface TaskInfo extends TaskSummary {
  description: string;
  /** The public files, as the code sees them (`data/<path>`). */
  files: Array<{ path: string; bytes: number }>;
  submission: {
    file: string;
    format: SubmissionFormat;
    metric: { name: string; higherIsBetter: boolean };
    sample: string;
  };
  limits: { timeSec: number; memoryMb: number; cpus: number };
}

export interface ExecuteObservation {
  exitCode: number | null;
  timedOut: boolean;
  oomKilled: boolean;
  /** The end of stdout+stderr. */
  output: string;
  outputTruncated: boolean;
  /** Whether this run wrote submission.csv (it becomes the session's current submission). */
  submission: 'written' | 'not written';
  error?: string;
}

export interface ValidateObservation {
  ok: boolean;
  problems: string[];
  notes: string[];
  rows?: number;
  expectedRows?: number;
}

export interface LadderReference {
  tier: string;
  solver: string;
  score: number | null;
}

export interface SubmitObservation {
  valid: boolean;
  score: number | null;
  metric: string;
  higherIsBetter: boolean;
  problems: string[];
  /** The baseline ladder of the task, weakest first. */
  ladder: LadderReference[];
  /** The rungs this submission scores better than. */
  beats: string[];
}

interface TaskEntry {
  dir: string;
  manifest: TaskManifest;
  description: string;
  ladder?: Promise<LadderReference[]>;
}

interface Session {
  id: string;
  task: TaskEntry;
  dir: string;
  publicDir: string;
  trajectory: Trajectory;
  executes: number;
  submissions: number;
  /** The submission validate and submit use when none is sent: the last one an execute wrote. */
  current?: string;
  /** Steps of one session run one at a time, in order. */
  queue: Promise<unknown>;
}

export class TaskEnvironment {
  private readonly sessions = new Map<string, Session>();

  private constructor(private readonly o: TaskEnvOptions, private readonly tasks: Map<string, TaskEntry>) {}

  /** Reads every task's manifest (schema-checked) and description; two packages with one id are an error. */
  static async open(options: TaskEnvOptions): Promise<TaskEnvironment> {
    const tasks = new Map<string, TaskEntry>();
    for (const dir of options.taskDirs) {
      const { manifest, view } = await readTaskView(dir);
      if (view instanceof DatasetError) throw view;
      if (tasks.has(manifest.id)) throw new DatasetError(`two task packages have the id "${manifest.id}"`, { file: dir });
      tasks.set(manifest.id, { dir, manifest, description: view.description ?? '' });
    }
    return new TaskEnvironment(options, tasks);
  }

  list(): TaskSummary[] {
    return [...this.tasks.values()].map((t) => summary(t.manifest));
  }

  /** A new session on `taskId` with its own copy of the public files. */
  async reset(taskId: string): Promise<{ session: string; info: TaskInfo }> {
    const task = this.tasks.get(taskId);
    if (!task) throw new NotFoundError(`no task "${taskId}" (tasks: ${[...this.tasks.keys()].join(', ')})`);
    const id = `s-${randomBytes(8).toString('hex')}`;
    const dir = join(this.o.outDir, 'sessions', id);
    const publicDir = join(dir, 'public');
    await mkdir(dir, { recursive: true });
    await copyPublicDir(join(task.dir, 'public'), publicDir);
    const session: Session = { id, task, dir, publicDir, trajectory: new Trajectory(join(this.o.outDir, 'trajectories', `${id}.jsonl`), id, taskId), executes: 0, submissions: 0, queue: Promise.resolve() };
    this.sessions.set(id, session);
    if (!task.ladder) {
      // runs while the agent explores; submit waits for it (and reports its failure)
      task.ladder = this.ladderOf(task);
      task.ladder.catch((err: unknown) => this.o.log.warn(`task-env: the baseline ladder of ${taskId} failed: ${errorMessage(err)}`));
    }
    const info = await this.describe(session);
    await session.trajectory.record('reset', { task: taskId }, { session: id, info });
    return { session: id, info };
  }

  info(sessionId: string): Promise<TaskInfo> {
    return this.step(sessionId, 'info', {}, (s) => this.describe(s));
  }

  execute(sessionId: string, code: string): Promise<ExecuteObservation> {
    if (typeof code !== 'string' || !code.trim()) throw new UsageError('execute needs "code": the Python program to run');
    return this.step(sessionId, 'execute', { code }, (s) => this.run(s, code));
  }

  /** The format of `submission` (CSV text), or of the current submission when none is sent. */
  validate(sessionId: string, submission?: string): Promise<ValidateObservation> {
    return this.step(sessionId, 'validate', submission === undefined ? {} : { submission }, async (s) => {
      const path = await this.submissionPath(s, submission, 'validate');
      if (!path) return { ok: false, problems: [NO_SUBMISSION], notes: [] };
      const { ok, problems, notes, rows, expectedRows } = await checkSubmissionFormat(path, join(s.publicDir, 'test.csv'), s.task.manifest.submission);
      return { ok, problems, notes, rows, expectedRows };
    });
  }

  /** Grades `submission` (or the current one) on the host; the answers never leave it. */
  submit(sessionId: string, submission?: string): Promise<SubmitObservation> {
    return this.step(sessionId, 'submit', submission === undefined ? {} : { submission }, (s) => this.grade(s, submission));
  }

  /** Every step of the session so far (this call included), oldest first. */
  async history(sessionId: string): Promise<TrajectoryStep[]> {
    // the trajectory records that history was asked for, not the whole history again
    await this.step(sessionId, 'history', {}, async (s) => ({ steps: s.trajectory.steps.length + 1 }));
    return this.session(sessionId).trajectory.steps.map((x) => ({ ...x }));
  }

  private session(id: string): Session {
    const s = this.sessions.get(id);
    if (!s) throw new NotFoundError(`no session "${id}"; POST /reset starts one`);
    return s;
  }

  /** Runs one step after the session's earlier ones and records it (a failed step too, with its error). */
  private step<T>(sessionId: string, action: string, input: Record<string, unknown>, fn: (s: Session) => Promise<T>): Promise<T> {
    const s = this.session(sessionId);
    const run = s.queue.then(async () => {
      try {
        const observation = await fn(s);
        await s.trajectory.record(action, input, observation);
        return observation;
      } catch (err) {
        await s.trajectory.record(action, input, { error: errorMessage(err) });
        throw err;
      }
    });
    s.queue = run.catch(() => undefined);
    return run;
  }

  private async describe(s: Session): Promise<TaskInfo> {
    const m = s.task.manifest;
    return {
      ...summary(m),
      description: s.task.description,
      files: await listFiles(s.publicDir),
      submission: { file: SUBMISSION_FILE, format: m.submission, metric: { name: m.metric.name, higherIsBetter: m.metric.higherIsBetter }, sample: 'data/sample_submission.csv' },
      limits: { timeSec: this.o.limits.timeSec, memoryMb: this.o.limits.memoryMb, cpus: this.o.limits.cpus },
    };
  }

  private async run(s: Session, code: string): Promise<ExecuteObservation> {
    const n = ++s.executes;
    const outputDir = join(s.dir, 'executes', String(n).padStart(3, '0'));
    await mkdir(outputDir, { recursive: true });
    const exec = await this.o.executor.run({
      runId: this.o.runId,
      jobId: `${s.id}-${n}`,
      command: ['python3', SOLUTION_FILE],
      publicDir: s.publicDir,
      files: [{ path: SOLUTION_FILE, content: code }],
      outputs: [SUBMISSION_FILE],
      outputDir,
      limits: this.o.limits,
      network: false,
      env: jobRuntimeEnv(this.o.limits.cpus),
    }, { log: this.o.log });
    const wrote = exec.outputs.includes(SUBMISSION_FILE);
    if (wrote) s.current = join(outputDir, SUBMISSION_FILE);
    return {
      exitCode: exec.exitCode, timedOut: exec.timedOut, oomKilled: exec.oomKilled, output: exec.logTail, outputTruncated: exec.logTruncated,
      submission: wrote ? 'written' : 'not written', ...(exec.error ? { error: exec.error } : {}),
    };
  }

  /** Where the submission to check lies: the text sent (written into the session's folder), else the current one. */
  private async submissionPath(s: Session, text: string | undefined, action: string): Promise<string | undefined> {
    if (text === undefined) return s.current;
    if (typeof text !== 'string') throw new UsageError(`${action}: "submission" must be the CSV text`);
    const dir = join(s.dir, 'submissions');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${action}-${String(++s.submissions).padStart(3, '0')}.csv`);
    await writeFile(path, text);
    return path;
  }

  private async grade(s: Session, text: string | undefined): Promise<SubmitObservation> {
    const m = s.task.manifest;
    const ladder = await s.task.ladder!;
    const base = { metric: m.metric.name, higherIsBetter: m.metric.higherIsBetter, ladder };
    const path = await this.submissionPath(s, text, 'submit');
    if (!path) return { ...base, valid: false, score: null, problems: [NO_SUBMISSION], beats: [] };
    const format = await checkSubmissionFormat(path, join(s.publicDir, 'test.csv'), m.submission);
    if (!format.ok) return { ...base, valid: false, score: null, problems: format.problems, beats: [] };
    const graded = await this.o.grader.grade(s.task.dir, path, m).catch((err: unknown) => ({ valid: false, score: undefined, error: errorMessage(err) }));
    if (!graded.valid || typeof graded.score !== 'number') return { ...base, valid: false, score: null, problems: [graded.error ?? 'the grader refused the submission'], beats: [] };
    const score = graded.score;
    const better = (other: number): boolean => (m.metric.higherIsBetter ? score > other : score < other);
    return { ...base, valid: true, score, problems: [], beats: ladder.filter((r) => r.score !== null && better(r.score)).map((r) => r.tier) };
  }

  /** The task's recorded ladder, or one run now with `ladderSolvers` (once per task, kept under <out>/ladder/<task>). */
  private async ladderOf(task: TaskEntry): Promise<LadderReference[]> {
    const recorded = task.manifest.difficulty?.ladder;
    if (recorded?.length) return recorded.map((r) => ({ tier: r.tier, solver: r.solver, score: r.score }));
    const solvers = this.o.ladderSolvers?.(task.manifest) ?? [];
    if (!solvers.length) return [];
    const rows = await runEvaluation({
      taskDirs: [task.dir], solvers: solvers.map((solver) => ({ solver })), seeds: 1, baseSeed: this.o.seed ?? 42,
      executor: this.o.executor, grader: this.o.grader, limits: this.o.limits, outDir: join(this.o.outDir, 'ladder', task.manifest.id), runId: this.o.runId, log: this.o.log,
    });
    return rows.map((r, i) => ({ tier: solvers[i]!.tier ?? r.solver, solver: r.solver, score: r.valid ? r.score : null }));
  }
}

const NO_SUBMISSION = `no submission yet: execute code that writes ${SUBMISSION_FILE}, or send one`;

/** An unknown task or session (HTTP 404). */
export class NotFoundError extends UsageError {}

function summary(m: TaskManifest): TaskSummary {
  return { task: m.id, title: m.title, modality: m.modality, objective: m.objective };
}

async function listFiles(root: string, dir = root): Promise<Array<{ path: string; bytes: number }>> {
  const out: Array<{ path: string; bytes: number }> = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(root, full)));
    else out.push({ path: `data/${relative(root, full).split('\\').join('/')}`, bytes: (await stat(full)).size });
  }
  return out;
}
