// TEMPORARY development stand-ins for LocalExecutor and gradeSubmission until those land.
// Replaced by @mle-smith/plugin-executor-local and @mle-smith/metrics in the final tests.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecJob, ExecResult, Executor } from '@mle-smith/core';

export const devExecutor: Executor = {
  id: 'dev',
  async run(job: ExecJob): Promise<ExecResult> {
    const ws = mkdtempSync(join(tmpdir(), 'sb-dev-'));
    cpSync(job.publicDir, join(ws, 'data'), { recursive: true });
    for (const f of job.files) {
      mkdirSync(dirname(join(ws, f.path)), { recursive: true });
      writeFileSync(join(ws, f.path), f.content);
    }
    const t0 = Date.now();
    const cmd = job.command[0] === 'python3' ? '/usr/bin/python3' : job.command[0];
    const r = spawnSync(cmd, job.command.slice(1), { cwd: ws, env: { PATH: '/usr/bin:/bin', ...job.env }, timeout: job.limits.timeSec * 1000, encoding: 'utf8' });
    const outputs: string[] = [];
    for (const o of job.outputs) {
      if (existsSync(join(ws, o))) {
        copyFileSync(join(ws, o), join(job.outputDir, o));
        outputs.push(o);
      }
    }
    rmSync(ws, { recursive: true, force: true });
    return { jobId: job.jobId, exitCode: r.status, timedOut: r.error !== undefined, oomKilled: false, durationMs: Date.now() - t0, logTail: `${r.stdout}${r.stderr}`, logTruncated: false, outputs };
  },
  async dispose() {},
};

function readCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

export async function devGrade(taskDir: string, submissionPath: string): Promise<{ valid: boolean; score?: number }> {
  const m = JSON.parse(readFileSync(join(taskDir, 'task.json'), 'utf8'));
  const ans = readCsv(join(taskDir, 'private', 'answers.csv'));
  const sub = readCsv(submissionPath);
  const byId = new Map(sub.rows.map((r) => [r[0], r.slice(1)]));
  const truth = ans.rows.map((r) => r[1]);
  const pred = ans.rows.map((r) => byId.get(r[0]));
  if (pred.some((p) => !p)) return { valid: false };
  const P = pred as string[][];
  const n = truth.length;
  switch (m.metric.name) {
    case 'accuracy':
      return { valid: true, score: truth.filter((t, i) => t === P[i][0]).length / n };
    case 'rmse':
      return { valid: true, score: Math.sqrt(truth.reduce((s, t, i) => s + (Number(t) - Number(P[i][0])) ** 2, 0) / n) };
    case 'log_loss': {
      const cls: string[] = m.submission.classes;
      return { valid: true, score: -truth.reduce((s, t, i) => s + Math.log(Math.max(1e-15, Number(P[i][cls.indexOf(t)]))), 0) / n };
    }
    case 'roc_auc': {
      const pos = m.submission.classes.at(-1);
      let u = 0, np = 0, nn = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        if (truth[i] === pos && truth[j] !== pos) u += Number(P[i][0]) > Number(P[j][0]) ? 1 : Number(P[i][0]) === Number(P[j][0]) ? 0.5 : 0;
      }
      for (const t of truth) t === pos ? np++ : nn++;
      return { valid: true, score: u / (np * nn) };
    }
  }
  return { valid: false };
}
