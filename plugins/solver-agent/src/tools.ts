// The agent's tools over one task: the description, the public files, running a solution in
// the executor (data/ = the public folder), and the format check of its submission.
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentTool } from '@mle-smith/agents';
import { copyFileAtomic, writeFileAtomic, type ExecJob, type ExecResult, type SolverContext, type TaskPublicView } from '@mle-smith/core';
import { checkSubmissionFormat } from '@mle-smith/metrics';
import type { ResolvedSolverAgentOptions } from './options.js';
import { headLines, listPublicFiles, resolvePublicPath } from './public-files.js';
import type { Transcript } from './transcript.js';

export const SOLUTION_FILE = 'solution.py';
export const SUBMISSION_FILE = 'submission.csv';
export const ATTEMPTS_DIR = 'attempts';

/** What the tools share with the solver: the runs so far and which one wrote the submission. */
export interface AgentState {
  runs: Array<{ n: number; code: string; exec?: ExecResult; wroteSubmission: boolean }>;
  /** Run number whose submission.csv is in the work folder. */
  submissionRun?: number;
  checks: number;
  /** Epoch ms after which no new run starts. */
  deadline: number;
}

export interface ToolEnv {
  task: TaskPublicView;
  ctx: SolverContext;
  options: ResolvedSolverAgentOptions;
  state: AgentState;
  transcript: Transcript;
  signal: AbortSignal;
  solverId: string;
}

function tail(text: string, max: number): string {
  return text.length <= max ? text : `[... ${text.length - max} earlier characters cut]\n${text.slice(-max)}`;
}

function jobId(taskId: string, solverId: string, seed: number, n: number): string {
  return `${taskId}-${solverId}-s${seed}-r${n}`.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 120);
}

async function nonEmpty(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}

/** Wraps a tool so every call and its result land in the transcript. */
function recorded(env: ToolEnv, tool: AgentTool): AgentTool {
  return {
    ...tool,
    async run(args) {
      try {
        const result = await tool.run(args);
        await env.transcript.add({ kind: 'tool', tool: tool.name, args, result });
        return result;
      } catch (err) {
        await env.transcript.add({ kind: 'tool', tool: tool.name, args, result: `error: ${(err as Error).message}` });
        throw err;
      }
    },
  };
}

export function createSolverTools(env: ToolEnv): AgentTool[] {
  const { task, ctx, options, state } = env;
  const submissionPath = join(ctx.workDir, SUBMISSION_FILE);

  const readDescription: AgentTool = {
    name: 'read_description',
    description: 'Returns the task description (description.md): what to predict, the metric and the submission format.',
    parameters: { type: 'object', properties: {}, additionalProperties: false },
    run: async () => task.description || '(this task has no description.md; use the manifest facts and the files)',
  };

  const listFiles: AgentTool = {
    name: 'list_files',
    description: 'Lists the public files of the task with their sizes in bytes. Your code sees them under data/.',
    parameters: { type: 'object', properties: {}, additionalProperties: false },
    run: async () => listPublicFiles(task.publicDir),
  };

  const headFile: AgentTool = {
    name: 'head_file',
    description: 'Returns the first lines of a public file, e.g. data/train.csv.',
    parameters: {
      type: 'object',
      additionalProperties: false,
      required: ['path'],
      properties: {
        path: { type: 'string', description: 'a path from list_files, e.g. "data/train.csv"' },
        lines: { type: 'integer', minimum: 1, maximum: 200, description: `number of lines (default ${options.headLines})` },
      },
    },
    run: async (args) => {
      const file = await resolvePublicPath(task.publicDir, String(args.path ?? ''));
      const n = Math.max(1, Math.min(200, Number.isInteger(args.lines) ? Number(args.lines) : options.headLines));
      const head = await headLines(file, n);
      return head.lines.join('\n') + (head.more ? `\n[first ${n} lines shown]` : '\n[end of file]');
    },
  };

  const runPython: AgentTool = {
    name: 'run_python',
    description:
      `Saves the code as ${SOLUTION_FILE} and runs it with python3 in a sandbox whose data/ folder holds the public files ` +
      `(no network). It must write ${SUBMISSION_FILE} in its working directory. Returns the exit code and the end of the output.`,
    parameters: {
      type: 'object',
      additionalProperties: false,
      required: ['code'],
      properties: { code: { type: 'string', minLength: 1, description: 'the complete Python program' } },
    },
    run: async (args) => {
      const code = String(args.code ?? '');
      if (!code.trim()) throw new Error('"code" is empty');
      const remainingSec = Math.floor((state.deadline - Date.now()) / 1000);
      if (remainingSec < 1) throw new Error('the time budget of this task is used up; submit now');
      const n = state.runs.length + 1;
      const attemptDir = join(ctx.workDir, ATTEMPTS_DIR, String(n).padStart(2, '0'));
      await mkdir(attemptDir, { recursive: true });
      await rm(join(attemptDir, SUBMISSION_FILE), { force: true });
      await writeFileAtomic(join(attemptDir, SOLUTION_FILE), code);
      await writeFileAtomic(join(ctx.workDir, SOLUTION_FILE), code);
      const threads = String(Math.max(1, Math.floor(ctx.limits.cpus)));
      const job: ExecJob = {
        runId: ctx.runId,
        jobId: jobId(task.manifest.id, env.solverId, ctx.seed, n),
        command: ['python3', SOLUTION_FILE],
        publicDir: task.publicDir,
        files: [{ path: SOLUTION_FILE, content: code }],
        outputs: [SUBMISSION_FILE],
        outputDir: attemptDir,
        limits: { ...ctx.limits, timeSec: Math.min(ctx.limits.timeSec, remainingSec) },
        network: false,
        env: {
          OMP_NUM_THREADS: threads, OPENBLAS_NUM_THREADS: threads, MKL_NUM_THREADS: threads,
          PYTHONHASHSEED: String(ctx.seed), PYTHONDONTWRITEBYTECODE: '1', MLE_SMITH_SEED: String(ctx.seed),
        },
      };
      const run: AgentState['runs'][number] = { n, code, wroteSubmission: false };
      state.runs.push(run);
      let exec: ExecResult;
      try {
        exec = await ctx.executor.run(job, { log: ctx.log, signal: env.signal });
      } catch (err) {
        if (env.signal.aborted) throw err;
        throw new Error(`the executor could not run the code: ${(err as Error).message.split('\n')[0]}`, { cause: err });
      }
      run.exec = exec;
      await writeFileAtomic(join(attemptDir, 'log.txt'), exec.logTail);
      const produced = exec.outputs.includes(SUBMISSION_FILE) && (await nonEmpty(join(attemptDir, SUBMISSION_FILE)));
      if (produced) {
        await copyFileAtomic(join(attemptDir, SUBMISSION_FILE), submissionPath);
        run.wroteSubmission = true;
        state.submissionRun = n;
      }
      // No durations or host paths: the result must be the same on a rerun so cached replies still match.
      return {
        run: n,
        exitCode: exec.exitCode,
        ...(exec.timedOut ? { timedOut: true, limitSec: job.limits.timeSec } : {}),
        ...(exec.oomKilled ? { killedByMemoryLimit: true, limitMb: job.limits.memoryMb } : {}),
        ...(exec.exitCode !== 0 && exec.error ? { error: exec.error } : {}),
        submission: produced
          ? `${SUBMISSION_FILE} written; call check_submission`
          : state.submissionRun
            ? `not written by this run (the one from run ${state.submissionRun} is kept)`
            : 'not written',
        log: tail(exec.logTail, options.maxLogChars) || '(no output)',
      };
    },
  };

  const checkSubmission: AgentTool = {
    name: 'check_submission',
    description:
      `Checks the format of the latest ${SUBMISSION_FILE} (header, ids equal to data/test.csv, row count, value types and ranges). ` +
      'It does not score the predictions.',
    parameters: { type: 'object', properties: {}, additionalProperties: false },
    run: async () => {
      state.checks++;
      if (!state.submissionRun) return { ok: false, problems: [`no run has written ${SUBMISSION_FILE} yet; call run_python first`] };
      const check = await checkSubmissionFormat(submissionPath, join(task.publicDir, 'test.csv'), task.manifest.submission);
      return { fromRun: state.submissionRun, ...check };
    },
  };

  return [readDescription, listFiles, headFile, runPython, checkSubmission].map((t) => recorded(env, t));
}
