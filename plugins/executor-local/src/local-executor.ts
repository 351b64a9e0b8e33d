// Runs a job as a confined child process in a fresh temp workspace (see sandbox.ts for what
// confines it). The job's data/ is a copy of the public folder; outputs are copied back.
import { chown, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ExecutorError, type ExecContext, type ExecJob, type ExecResult, type Executor } from '@mle-smith/core';
import {
  DEFAULT_WORKSPACE_PATH, checkJob, collectOutputs, copyPublicDir, createJobDir, jobRuntimeEnv, parseUser, removeStaleJobDirs, spawnProcess, withRefusedOutputs, writeSolutionFiles,
} from '@mle-smith/sandbox';
import { createJobCgroup, type JobCgroup } from './cgroup.js';
import { buildSandboxCommand, detectSandbox, interpreterReadOnlyPaths, type IsolationMode, type SandboxSupport } from './sandbox.js';

export interface LocalExecutorOptions {
  /** Interpreter that `python3`/`python` in a command maps to. Default: $MLE_SMITH_PYTHON or /usr/bin/python3. */
  python?: string;
  /** Folder for job workspaces. Default: <tmpdir>/mle-smith-local. */
  workRoot?: string;
  /** "auto" picks namespaces when running as root and they work, else rlimits. */
  isolation?: 'auto' | IsolationMode;
  /** uid:gid the job runs as when the host process is root. Default 65534:65534 (nobody). */
  user?: string;
  /** Time between SIGTERM and SIGKILL when the time limit passes. Default 1000 ms. */
  killGraceMs?: number;
  /** Total size of outputs copied back. Default 256 MB. */
  maxOutputMb?: number;
  /** Kill a job whose output passes this many bytes. Default max(64 MiB, 64 × logBytes). */
  logKillBytes?: number;
  /** Use cgroups for memory/pids/CPU when writable. Default true. */
  cgroups?: boolean;
  /** More host folders the job may read (namespaces mode shows only /usr, /etc and these). */
  readOnlyPaths?: string[];
  /** Environment added to every job (after the scrubbed defaults, before job.env). */
  env?: Record<string, string>;
}

export const DEFAULT_LOG_BYTES = 1024 * 1024;

const PYTHON_NAMES = new Set(['python', 'python3']);

/** Resident memory of all processes in a process group; the fallback when no cgroup exists. */
async function groupRssBytes(pgid: number): Promise<number> {
  let total = 0;
  for (const name of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state ppid pgrp ... rss is field 24 overall, index 21 here.
    if (Number(fields[2]) === pgid) total += Number(fields[21] ?? 0) * 4096;
  }
  return total;
}

export class LocalExecutor implements Executor {
  readonly id = 'local';
  private readonly python: string;
  private readonly workRoot: string;
  private readonly runAs: { uid: number; gid: number };
  private support?: SandboxSupport;

  constructor(private readonly options: LocalExecutorOptions = {}) {
    this.python = options.python ?? process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';
    this.workRoot = options.workRoot ?? join(tmpdir(), 'mle-smith-local');
    this.runAs = parseUser(options.user ?? '65534:65534', 'executor-local option user');
  }

  /** The isolation this executor uses on this host (detected once). */
  sandbox(): SandboxSupport {
    if (!this.support) {
      const found = detectSandbox(this.options.isolation ?? 'auto', this.runAs);
      if (typeof found === 'string') throw new ExecutorError(`executor-local cannot isolate jobs: ${found}`);
      this.support = found;
    }
    return this.support;
  }

  async run(job: ExecJob, ctx: ExecContext): Promise<ExecResult> {
    checkJob(job);
    const support = this.sandbox();
    if (!job.network && !support.networkIsolation) {
      throw new ExecutorError(`job ${job.jobId} asks for no network, but this host cannot create a network namespace (run as root or enable unprivileged user namespaces)`);
    }
    const owner = support.runAs;
    // The job's user must traverse jobDir in rlimits mode (it sees host paths there): 0711.
    const { jobDir, safeId } = await createJobDir(this.workRoot, job.jobId);
    let cgroup: JobCgroup | undefined;
    try {
      const workspace = join(jobDir, 'ws');
      const rootDir = join(jobDir, 'root');
      await mkdir(workspace, { mode: 0o755 });
      await mkdir(rootDir, { mode: 0o755 });
      await copyPublicDir(job.publicDir, join(workspace, 'data'));
      await writeSolutionFiles(workspace, job.files, owner);
      if (owner) await chown(workspace, owner.uid, owner.gid);

      if (this.options.cgroups !== false) {
        cgroup = createJobCgroup(`mle-smith-${safeId}-${randomBytes(4).toString('hex')}`, job.limits);
      }
      const command = PYTHON_NAMES.has(job.command[0]!) ? [this.python, ...job.command.slice(1)] : [...job.command];
      const plan = buildSandboxCommand({
        support,
        network: job.network,
        workspace,
        rootDir,
        command,
        env: {
          PATH: '/usr/local/bin:/usr/bin:/bin',
          LANG: 'C.UTF-8',
          ...jobRuntimeEnv(job.limits.cpus),
          TMPDIR: support.mode === 'namespaces' ? '/tmp' : workspace,
          ...this.options.env,
          ...job.env,
        },
        limits: job.limits,
        cgroupProcs: cgroup?.procsFiles ?? [],
        cgroupLimits: cgroup !== undefined,
        readOnlyPaths: [...interpreterReadOnlyPaths(this.python), ...(this.options.readOnlyPaths ?? [])],
        workspacePath: job.workspacePath ?? DEFAULT_WORKSPACE_PATH,
        unixSockets: job.unixSockets ?? [],
      });
      ctx.log.debug(`executor-local: job ${job.jobId} (${support.mode}${cgroup ? `, cgroup v${cgroup.version}` : ''}) in ${jobDir}`);

      const logBytes = job.limits.logBytes ?? DEFAULT_LOG_BYTES;
      let peakRss = 0;
      let poller: NodeJS.Timeout | undefined;
      const result = await spawnProcess({
        command: plan.command,
        args: plan.args,
        env: plan.env,
        cwd: jobDir,
        timeoutMs: job.limits.timeSec * 1000,
        killGraceMs: this.options.killGraceMs ?? 1000,
        maxLogBytes: logBytes,
        killAfterLogBytes: this.options.logKillBytes ?? Math.max(64 * 1024 * 1024, 64 * logBytes),
        signal: ctx.signal,
        alsoKill: (signal) => {
          if (signal === 'SIGKILL') cgroup?.killAll();
        },
        onStart: (pid) => {
          if (cgroup) return;
          let sampling = false;
          poller = setInterval(() => {
            if (sampling) return;
            sampling = true;
            void groupRssBytes(pid)
              .then((b) => (peakRss = Math.max(peakRss, b)))
              .finally(() => (sampling = false));
          }, 200);
        },
      });
      if (poller) clearInterval(poller);
      cgroup?.killAll();

      const oomKilled = cgroup?.oomKilled() ?? false;
      const peakBytes = cgroup?.peakMemoryBytes() ?? (peakRss || undefined);
      const maxOutputBytes = (this.options.maxOutputMb ?? 256) * 1024 * 1024;
      await mkdir(job.outputDir, { recursive: true });
      const outputs = await collectOutputs(workspace, job.outputs, job.outputDir, maxOutputBytes);

      let error: string | undefined;
      if (result.timedOut) error = `timed out after ${job.limits.timeSec} s`;
      else if (result.aborted) error = 'aborted';
      else if (oomKilled) error = `killed: memory limit of ${job.limits.memoryMb} MB exceeded`;
      else if (result.logFlooded) error = `killed: log output passed ${result.logBytes} bytes`;
      else if (result.exitCode === null) error = 'could not start the job';
      else if (result.exitCode !== 0) error = result.signal ? `killed by ${result.signal}` : `exited with code ${result.exitCode}`;
      error = withRefusedOutputs(error, outputs.refused);

      return {
        jobId: job.jobId,
        exitCode: result.exitCode,
        timedOut: result.timedOut,
        oomKilled,
        durationMs: result.durationMs,
        peakMemoryMb: peakBytes === undefined ? undefined : Math.round((peakBytes / (1024 * 1024)) * 10) / 10,
        cpuTimeMs: cgroup?.cpuTimeMs(),
        logTail: result.log,
        logTruncated: result.logTruncated,
        outputs: outputs.copied,
        error,
      };
    } finally {
      cgroup?.killAll();
      cgroup?.remove();
      await rm(jobDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  async cleanup(): Promise<void> {
    // Jobs die with the host process (parent-death signal); only the workspaces of a host
    // process that was killed can be left. Folders are named "<host pid>-<job>-…".
    await removeStaleJobDirs(this.workRoot);
  }

  async dispose(): Promise<void> {}
}
