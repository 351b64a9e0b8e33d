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
