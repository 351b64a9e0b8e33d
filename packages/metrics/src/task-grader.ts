// Grading with an imported task's own Python grader (a human-designed MLE-bench grade.py or
// MLE-Dojo metric.py that no registry metric reproduces). The grader is code from elsewhere, so it
// runs in the executor's sandbox like a solution: a throw-away workspace holds the grader, the
// shims of the harness modules it imports, the submission and — for this job only — the answers.
// No solver job ever sees that workspace; the host reads back one result.json.
import { randomBytes } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DatasetError, checkPackageFile, errorMessage, type ExecLimits, type Executor, type GradeResult, type Logger, type TaskManifest,
} from '@mle-smith/core';

/** task.json `metric.name` of a task graded by its own Python code (`metric.params`: harness, script). */
export const TASK_GRADER_METRIC = 'task-grader';

export type TaskGraderHarness = 'mlebench' | 'mledojo';

/** What running a task's own grader needs: the executor and its limits. */
export interface GradingSandbox {
  executor: Executor;
  limits: ExecLimits;
  runId: string;
  log: Logger;
}

const RUNTIME_DIR = fileURLToPath(new URL('../python/task_grader/', import.meta.url));
const RUNNER = 'run_task_grader.py';

interface TaskGraderParams {
  harness: TaskGraderHarness;
  /** The grader's module in the package, e.g. private/grader/grade.py. */
  script: string;
}

function paramsOf(manifest: TaskManifest, file: string): TaskGraderParams {
  const { harness, script } = manifest.metric.params as Partial<TaskGraderParams>;
  if (harness !== 'mlebench' && harness !== 'mledojo') throw new DatasetError(`metric.params.harness must be "mlebench" or "mledojo"`, { file });
  if (typeof script !== 'string' || !/^private\/grader\/[A-Za-z_][A-Za-z0-9_]*\.py$/.test(script)) {
    throw new DatasetError('metric.params.script must name a module in private/grader/, e.g. private/grader/grade.py', { file });
  }
  return { harness, script };
}

/** The grading workspace: shims, the grader's modules, the answers and the submission. */
async function buildWorkspace(taskDir: string, submissionPath: string, dir: string): Promise<void> {
  await cp(join(RUNTIME_DIR, 'shims'), join(dir, 'shims'), { recursive: true });
  await mkdir(join(dir, 'task_grader'));
  for (const name of await readdir(join(taskDir, 'private', 'grader'))) {
    if (extname(name) !== '.py') continue;
    const checked = await checkPackageFile(taskDir, `private/grader/${name}`);
    await copyFile(checked.path, join(dir, 'task_grader', name));
  }
  const answers = await checkPackageFile(taskDir, 'private/answers.csv');
  await copyFile(answers.path, join(dir, 'answers.csv'));
  await copyFile(submissionPath, join(dir, 'submission.csv'));
}

/** Grades `submissionPath` with the package's own Python grader, in the sandbox. */
export async function gradeWithTaskGrader(taskDir: string, submissionPath: string, manifest: TaskManifest, sandbox: GradingSandbox): Promise<GradeResult> {
  const { harness, script } = paramsOf(manifest, join(taskDir, 'task.json'));
  const base = { metric: TASK_GRADER_METRIC, higherIsBetter: manifest.metric.higherIsBetter };
  const work = await mkdtemp(join(tmpdir(), 'mle-smith-task-grader-'));
  try {
    const workspace = join(work, 'data');
    const outputDir = join(work, 'out');
    await mkdir(workspace);
    await buildWorkspace(taskDir, submissionPath, workspace);
    const result = await sandbox.executor.run({
      runId: sandbox.runId,
      jobId: `grade-${manifest.id}-${randomBytes(4).toString('hex')}`,
      command: ['python3', RUNNER, harness, basename(script, '.py')],
      publicDir: workspace,
      files: [{ path: RUNNER, content: await readFile(join(RUNTIME_DIR, RUNNER), 'utf8') }],
      outputs: ['result.json'],
      outputDir,
      limits: sandbox.limits,
      network: false,
    }, { log: sandbox.log });
    if (!result.outputs.includes('result.json')) {
      throw new DatasetError(`the task's grader ${script} wrote no result (${result.error ?? `exit code ${result.exitCode}`}): ${result.logTail.trim().split('\n').pop() ?? ''}`, { file: taskDir });
    }
    const out = JSON.parse(await readFile(join(outputDir, 'result.json'), 'utf8')) as { score?: number; invalid?: string; error?: string };
    if (typeof out.score === 'number') return { ...base, valid: true, score: out.score };
    if (typeof out.invalid === 'string') return { ...base, valid: false, error: out.invalid };
    throw new DatasetError(`the task's grader ${script} failed: ${out.error ?? 'no score'}`, { file: taskDir });
  } catch (err) {
    if (err instanceof DatasetError) throw err;
    throw new DatasetError(`cannot run the task's grader: ${errorMessage(err)}`, { file: taskDir, cause: err });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
