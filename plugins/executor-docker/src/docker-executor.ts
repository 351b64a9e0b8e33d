// Runs a job in a throw-away container: no network, CPU/memory/pids limits, read-only root,
// non-root user, no capabilities. The workspace is a host temp folder bind-mounted at
// /workspace (or job.workspacePath), and data/ a read-only bind of a host *copy* of the public
// folder, so nothing of the task folder itself (private/ above all) is ever mounted; the job's
// unix sockets are bound at /run/mle-smith/<env>.sock. Containers carry labels
// so that cleanup() can always find and remove left-overs.
import { chown, mkdir, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutorError, errorMessage, type ExecContext, type ExecJob, type ExecResult, type Executor } from '@mle-smith/core';
import type { ContainerClient, ContainerSpec } from './container-client.js';
import { createDockerodeClient } from './dockerode-client.js';
import {
  DEFAULT_WORKSPACE_PATH, checkJob, collectOutputs, copyPublicDir, createJobDir, jobRuntimeEnv, parseUser, processAlive, removeStaleJobDirs, TailBuffer, withRefusedOutputs, writeSolutionFiles,
} from '@mle-smith/sandbox';

export interface DockerExecutorOptions {
  /** Engine socket. Default: DOCKER_HOST, else /var/run/docker.sock. */
  socketPath?: string;
  /** Runner image. Default mle-smith/runner:latest (build it with tools/runner-image/build.sh). */
  image?: string;
  /** What `python3`/`python` in a command runs inside the image. Default python3. */
  python?: string;
  /** Host folder for job workspaces (must be on the engine's host: it is bind-mounted). */
  workRoot?: string;
  /** uid:gid inside the container. Default 65534:65534. */
  user?: string;
  /** Time between SIGTERM and SIGKILL at the time limit. Default 1000 ms. */
  killGraceMs?: number;
  /** Total size of outputs copied back. Default 256 MB. */
  maxOutputMb?: number;
  /** Kill a job whose output passes this many bytes. Default max(64 MiB, 64 × logBytes). */
  logKillBytes?: number;
  /** Docker network mode for jobs with `network: true`. Default bridge. */
  networkMode?: string;
  /** Size of the container's /tmp tmpfs in MB (counted against its memory). Default min(memoryMb, 1024). */
  tmpMb?: number;
  /** Environment added to every job (after the defaults, before job.env). */
  env?: Record<string, string>;
  /** Engine client; tests and other engines may pass their own. */
  client?: ContainerClient;
}

export const LABEL_RUN = 'mle-smith.run-id';
export const LABEL_JOB = 'mle-smith.job-id';
/** "<hostname>:<pid>" of the process that created the container. */
export const LABEL_OWNER = 'mle-smith.owner';
/** Epoch milliseconds after which the container has outlived its job's limit (plus grace): any cleanup removes it. */
export const LABEL_DEADLINE = 'mle-smith.deadline';
/** Slack past the time limit and kill grace before another process treats a container as expired. */
const DEADLINE_SLACK_MS = 60_000;
export const DEFAULT_IMAGE = 'mle-smith/runner:latest';
const DEFAULT_LOG_BYTES = 1024 * 1024;
const PYTHON_NAMES = new Set(['python', 'python3']);
const OWNER = `${hostname()}:${process.pid}`;

// Containers survive the process that started them; on SIGINT/SIGTERM remove the live ones.
const live = new Map<string, ContainerClient>();
let handlersInstalled = false;

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    const handler = (): void => {
      const removals = [...live].map(([id, client]) => client.remove(id).catch(() => undefined));
      const timeout = new Promise((r) => setTimeout(r, 10_000).unref());
      void Promise.race([Promise.all(removals), timeout]).finally(() => {
        process.removeListener(sig, handler);
        // Someone else handles the signal: leave the exit to them; else die as if unhandled.
        if (process.listenerCount(sig) === 0) process.kill(process.pid, sig);
      });
    };
    process.on(sig, handler);
  }
}

export class DockerExecutor implements Executor {
  readonly id = 'docker';
  private readonly client: ContainerClient;
  private readonly image: string;
  private readonly workRoot: string;
  private readonly user: string;
  private readonly owner: { uid: number; gid: number };
  private readonly checkedImages = new Set<string>();
  private readonly mine = new Set<string>();

  constructor(private readonly options: DockerExecutorOptions = {}) {
    this.client = options.client ?? createDockerodeClient({ socketPath: options.socketPath });
    this.image = options.image ?? DEFAULT_IMAGE;
    this.workRoot = options.workRoot ?? join(tmpdir(), 'mle-smith-docker');
    this.user = options.user ?? '65534:65534';
    this.owner = parseUser(this.user, 'executor-docker option user');
  }

  private async ensureImage(image: string): Promise<void> {
    if (this.checkedImages.has(image)) return;
    let present: boolean;
    try {
      present = await this.client.hasImage(image);
    } catch (cause) {
      throw new ExecutorError(
        `cannot reach the Docker engine (${process.env.DOCKER_HOST ?? this.options.socketPath ?? 'unix:///var/run/docker.sock'}): ${errorMessage(cause)}; start one with tools/dockerd.sh start`,
        { cause },
      );
    }
    if (!present) throw new ExecutorError(`runner image ${image} not found; build it with tools/runner-image/build.sh`);
    this.checkedImages.add(image);
  }

  async run(job: ExecJob, ctx: ExecContext): Promise<ExecResult> {
    checkJob(job);
    const { limits } = job;
    const image = job.image ?? this.image;
    await this.ensureImage(image);
    installSignalHandlers();

    const { jobDir } = await createJobDir(this.workRoot, job.jobId);
    let containerId: string | undefined;
    const timers: NodeJS.Timeout[] = [];
    let stopStats: (() => void) | undefined;
    try {
      const workspace = join(jobDir, 'ws');
      const data = join(jobDir, 'data');
      await mkdir(workspace, { mode: 0o755 });
      await copyPublicDir(job.publicDir, data);
      // The mount point for data/ inside the (bind-mounted) workspace.
      await mkdir(join(workspace, 'data'), { mode: 0o755 });
      await writeSolutionFiles(workspace, job.files, this.owner);
      await chown(workspace, this.owner.uid, this.owner.gid);

      const inside = job.workspacePath ?? DEFAULT_WORKSPACE_PATH;
      const sockets = (job.unixSockets ?? []).map((s) => ({ ...s, container: `/run/mle-smith/${s.env}.sock` }));
      const cmd = PYTHON_NAMES.has(job.command[0]!) ? [this.options.python ?? 'python3', ...job.command.slice(1)] : [...job.command];
      const tmpMb = this.options.tmpMb ?? Math.max(16, Math.min(limits.memoryMb, 1024));
      const spec: ContainerSpec = {
        image,
        cmd,
        env: {
          PATH: '/usr/local/bin:/usr/bin:/bin',
          HOME: inside,
          LANG: 'C.UTF-8',
          TMPDIR: '/tmp',
          ...jobRuntimeEnv(limits.cpus),
          ...this.options.env,
          ...job.env,
          ...Object.fromEntries(sockets.map((s) => [s.env, s.container])),
        },
        user: this.user,
        workingDir: inside,
        labels: {
          [LABEL_RUN]: job.runId, [LABEL_JOB]: job.jobId, [LABEL_OWNER]: OWNER,
          [LABEL_DEADLINE]: String(Date.now() + limits.timeSec * 1000 + (this.options.killGraceMs ?? 1000) + DEADLINE_SLACK_MS),
        },
        binds: [
          { host: workspace, container: inside, readOnly: false },
          { host: data, container: `${inside}/data`, readOnly: true },
          // connect() works through a read-only bind; the job cannot replace the socket file
          ...sockets.map((s) => ({ host: s.hostPath, container: s.container, readOnly: true })),
        ],
        tmpfs: {
          '/tmp': `rw,nosuid,nodev,size=${tmpMb}m,mode=1777`,
          '/var/tmp': `rw,nosuid,nodev,size=16m,mode=1777`,
        },
        nanoCpus: Math.round(limits.cpus * 1e9),
        memoryBytes: Math.floor(limits.memoryMb * 1024 * 1024),
        pidsLimit: limits.pids,
        fileSizeBytes: (limits.fileSizeMb ?? 1024) * 1024 * 1024,
        cpuSeconds: Math.ceil(limits.timeSec * Math.max(1, limits.cpus)) + 5,
        networkMode: job.network ? (this.options.networkMode ?? 'bridge') : undefined,
      };

      containerId = await this.client.create(spec);
      const id = containerId;
      live.set(id, this.client);
      this.mine.add(id);
      ctx.log.debug(`executor-docker: job ${job.jobId} in container ${id.slice(0, 12)} (${image})`);

      const logBytes = limits.logBytes ?? DEFAULT_LOG_BYTES;
      const killAfter = this.options.logKillBytes ?? Math.max(64 * 1024 * 1024, 64 * logBytes);
      const tail = new TailBuffer(logBytes);
      let timedOut = false;
      let aborted = false;
      let logFlooded = false;
      let killing = false;
      const kill = (): void => {
        if (killing) return;
        killing = true;
        void this.client.kill(id, 'SIGTERM');
        timers.push(setTimeout(() => void this.client.kill(id, 'SIGKILL'), this.options.killGraceMs ?? 1000));
      };
      const attached = await this.client.attach(id, (chunk) => {
        tail.write(chunk);
        if (tail.totalBytes > killAfter && !logFlooded) {
          logFlooded = true;
          killing = true;
          void this.client.kill(id, 'SIGKILL');
        }
      });
      let peak = 0;
      stopStats = this.client.watchMemory(id, (b) => (peak = b));
      const onAbort = (): void => {
        aborted = true;
        kill();
      };

      const started = performance.now();
      await this.client.start(id);
      timers.push(
        setTimeout(() => {
          timedOut = true;
          kill();
        }, limits.timeSec * 1000),
      );
      if (ctx.signal?.aborted) onAbort();
      ctx.signal?.addEventListener('abort', onAbort, { once: true });
      let exitCode: number;
      try {
        exitCode = await this.client.wait(id);
      } finally {
        ctx.signal?.removeEventListener('abort', onAbort);
      }
      const durationMs = Math.round(performance.now() - started);
      for (const t of timers) clearTimeout(t);
      // The log stream ends right after the container; do not wait forever for it.
      await Promise.race([attached.ended, new Promise((r) => setTimeout(r, 2000))]);
      attached.close();
      stopStats();
      const state = await this.client.inspect(id);

      await mkdir(job.outputDir, { recursive: true });
      const outputs = await collectOutputs(workspace, job.outputs, job.outputDir, (this.options.maxOutputMb ?? 256) * 1024 * 1024);
      let error: string | undefined;
      if (timedOut) error = `timed out after ${limits.timeSec} s`;
      else if (aborted) error = 'aborted';
      else if (state.oomKilled) error = `killed: memory limit of ${limits.memoryMb} MB exceeded`;
      else if (logFlooded) error = `killed: log output passed ${tail.totalBytes} bytes`;
      else if (exitCode !== 0) error = exitCode > 128 ? `killed by signal ${exitCode - 128}` : `exited with code ${exitCode}`;
      error = withRefusedOutputs(error, outputs.refused);

      return {
        jobId: job.jobId,
        exitCode,
        timedOut,
        oomKilled: state.oomKilled,
        durationMs,
        peakMemoryMb: peak ? Math.round((peak / (1024 * 1024)) * 10) / 10 : undefined,
        logTail: tail.toString(),
        logTruncated: tail.truncated,
        outputs: outputs.copied,
        error,
      };
    } finally {
      for (const t of timers) clearTimeout(t);
      stopStats?.();
      if (containerId) {
        await this.client.remove(containerId).catch((err: unknown) => ctx.log.warn(`executor-docker: could not remove container ${containerId}: ${errorMessage(err)}`));
        live.delete(containerId);
        this.mine.delete(containerId);
      }
      await rm(jobDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /**
   * Removes labelled containers left behind: those of `runId` when given, any whose creating
   * process (on this host) is dead, and any past its deadline label (whatever host made it).
   * Also removes workspaces of dead processes. Returns how many containers were removed.
   */
  async cleanup(runId?: string): Promise<number> {
    const host = hostname();
    const now = Date.now();
    const leftovers = (await this.client.list(LABEL_RUN)).filter((c) => {
      if (this.mine.has(c.id)) return false;
      if (runId !== undefined && c.labels[LABEL_RUN] === runId) return true;
      const deadline = Number(c.labels[LABEL_DEADLINE]);
      if (Number.isFinite(deadline) && deadline < now) return true;
      const [ownerHost, ownerPid] = (c.labels[LABEL_OWNER] ?? '').split(':');
      return ownerHost === host && ownerPid !== undefined && !processAlive(Number(ownerPid));
    });
    await Promise.all(leftovers.map((c) => this.client.remove(c.id)));
    await removeStaleJobDirs(this.workRoot);
    return leftovers.length;
  }

  /** Removes this executor's live containers (runs still in flight end with an error). */
  async dispose(): Promise<void> {
    await Promise.all([...this.mine].map((id) => this.client.remove(id).catch(() => undefined)));
    for (const id of this.mine) live.delete(id);
    this.mine.clear();
  }
}
