// Runs the independent Python reference (Debian's python3 with numpy/scipy) on JSON input.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./reference.py', import.meta.url));

export const python = process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3';

export function reference<T>(input: unknown): T {
  const res = spawnSync(python, [script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`${python} ${script} failed (${res.status}): ${res.stderr || res.error?.message}`);
  return JSON.parse(res.stdout) as T;
}
