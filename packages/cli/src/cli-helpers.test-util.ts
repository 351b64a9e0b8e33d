// Runs the built mle-smith binary as a user would.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const BIN = join(process.cwd(), 'dist', 'bin.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment variables the LLM tests leave out: no OPENAI_API_KEY/OPENAI_BASE_URL, the config's baseURL must be enough. */
export const NO_OPENAI_ENV = /^OPENAI_/;

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}, drop?: RegExp): Promise<CliResult & { ms: number }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !drop?.test(k)));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

export interface StartedCli {
  /** Resolves when a line of stderr matches `pattern` (rejects if the process ends first). */
  waitFor(pattern: RegExp): Promise<void>;
  kill(signal: NodeJS.Signals): void;
  /** stderr so far. */
  stderr(): string;
  done: Promise<CliResult & { ms: number }>;
}

/** Starts the built binary and lets a test act on its progress (send a signal after a given stage, say). */
export function startCli(args: string[], cwd: string, env: Record<string, string> = {}): StartedCli {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void; reject: (e: Error) => void }> = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      if (w.pattern.test(stderr)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    check();
  });
  const done = new Promise<CliResult & { ms: number }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`exited ${code} before ${w.pattern}:\n${stderr}`));
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
  return {
    waitFor: (pattern) => new Promise<void>((resolve, reject) => {
      waiters.push({ pattern, resolve, reject });
      check();
    }),
    kill: (signal) => child.kill(signal),
    stderr: () => stderr,
    done,
  };
}
