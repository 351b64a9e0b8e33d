// The project's one process spawner: a child in its own process group, a wall-time limit
// enforced by killing the whole group (SIGTERM, then SIGKILL after a grace period), and
// stdout+stderr captured into one capped tail. Executors, solvers and benches use it.
import { spawn } from 'node:child_process';
import { TailBuffer } from './tail-buffer.js';

export interface SpawnOptions {
  command: string;
  args?: string[];
  cwd?: string;
  /** The complete environment of the child (nothing is inherited when given). */
  env?: Record<string, string>;
  /** Written to the child's stdin, which is then closed. Default: no stdin. */
  stdin?: string;
  /** Wall-time limit; the whole process group is killed when it passes. */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL. Default 1000 ms. */
  killGraceMs?: number;
  /** Bytes of combined stdout+stderr kept (the tail). Default 1 MiB. */
  maxLogBytes?: number;
  /** Kill the job when its total output passes this many bytes. Default: never. */
  killAfterLogBytes?: number;
  signal?: AbortSignal;
  /** Extra kill action run together with each group kill (e.g. killing a cgroup). */
  alsoKill?: (signal: NodeJS.Signals) => void;
  onStart?: (pid: number) => void;
}

export interface SpawnResult {
  /** Exit code, or 128 + signal number when the process was killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** Killed because its output passed `killAfterLogBytes`. */
  logFlooded: boolean;
  durationMs: number;
  log: string;
  logTruncated: boolean;
  logBytes: number;
  pid?: number;
}

const SIGNAL_NUMBERS: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15, SIGXCPU: 24, SIGXFSZ: 25 };

const liveGroups = new Set<number>();
let exitHookInstalled = false;

/** Sends `signal` to every process in the group led by `pid`; ignores a group that is gone. */
export function killProcessGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Detached groups outlive a host that exits normally; take them down with it.
  process.on('exit', () => {
    for (const pid of liveGroups) killProcessGroup(pid, 'SIGKILL');
  });
}

export function spawnProcess(options: SpawnOptions): Promise<SpawnResult> {
  const started = performance.now();
  const tail = new TailBuffer(options.maxLogBytes ?? 1024 * 1024);
  const grace = options.killGraceMs ?? 1000;
  installExitHook();

  return new Promise<SpawnResult>((resolve) => {
    let timedOut = false;
    let aborted = false;
    let logFlooded = false;
    let killing = false;
    const timers: NodeJS.Timeout[] = [];
    const child = spawn(options.command, options.args ?? [], {
      cwd: options.cwd,
      env: options.env ?? (process.env as Record<string, string>),
      detached: true,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const pid = child.pid;
    if (pid !== undefined) {
      liveGroups.add(pid);
      options.onStart?.(pid);
    }

    const killAll = (signal: NodeJS.Signals): void => {
      if (pid !== undefined) killProcessGroup(pid, signal);
      options.alsoKill?.(signal);
    };
    const terminate = (): void => {
      if (killing) return;
      killing = true;
      killAll('SIGTERM');
      timers.push(setTimeout(() => killAll('SIGKILL'), grace));
    };

    const onData = (chunk: Buffer): void => {
      tail.write(chunk);
      if (options.killAfterLogBytes !== undefined && tail.totalBytes > options.killAfterLogBytes && !logFlooded) {
        logFlooded = true;
        // A flood is not worth a grace period: the job keeps writing while we wait.
        killing = true;
        killAll('SIGKILL');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    if (options.stdin !== undefined) child.stdin!.end(options.stdin);
    child.stdin?.on('error', () => undefined);

    if (options.timeoutMs !== undefined) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          terminate();
        }, options.timeoutMs),
      );
    }
    const onAbort = (): void => {
      aborted = true;
      terminate();
    };
    if (options.signal) {
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }

    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let spawnError: Error | undefined;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener('abort', onAbort);
      if (pid !== undefined) liveGroups.delete(pid);
      const code = exit?.code ?? null;
      const signal = exit?.signal ?? null;
      const exitCode = code !== null ? code : signal ? 128 + (SIGNAL_NUMBERS[signal] ?? 0) : null;
      let log = tail.toString();
      if (spawnError) log += `${log ? '\n' : ''}spawn failed: ${spawnError.message}`;
      resolve({
        exitCode: spawnError ? null : exitCode,
        signal,
        timedOut,
        aborted,
        logFlooded,
        durationMs: Math.round(performance.now() - started),
        log,
        logTruncated: tail.truncated,
        logBytes: tail.totalBytes,
        pid,
      });
    };

    child.on('error', (err) => {
      spawnError = err;
      if (pid === undefined) finish();
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Children that outlive the leader (daemonized, or still holding the pipes) die with it.
      killAll('SIGKILL');
      // A process that escaped the group could keep the pipes open forever: stop waiting.
      timers.push(
        setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, 2000),
      );
    });
    child.on('close', () => finish());
  });
}
