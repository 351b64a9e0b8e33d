// Finds the profiling child process of a dataset (packages/data's profile-child.js, one per
// dataset while a run first reads it) from outside, through /proc, so tests can kill it with a
// real signal or check that a signal to the run took it down.
import { readFileSync, readdirSync } from 'node:fs';

export interface ProfilingChild {
  pid: number;
  /** The report file the child writes (`{ reading }` while it reads a table file). */
  reportFile: string;
}

function childOf(datasetSuffix: string): ProfilingChild | undefined {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    const at = args.findIndex((a) => a.endsWith('profile-child.js'));
    if (at >= 0 && args[at + 1]?.endsWith(datasetSuffix)) return { pid: Number(name), reportFile: args[at + 2]! };
  }
  return undefined;
}

const reading = (child: ProfilingChild): string | undefined => {
  try {
    return (JSON.parse(readFileSync(child.reportFile, 'utf8')) as { reading?: string }).reading;
  } catch {
    return undefined; // no report yet
  }
};

/** Waits for the profiling child of the dataset whose folder ends with `datasetSuffix` to start reading a table file. */
export async function waitForProfilingChild(datasetSuffix: string, timeoutMs = 120_000): Promise<ProfilingChild & { reading: string }> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
    const child = childOf(datasetSuffix);
    const file = child && reading(child);
    if (child && file) return { ...child, reading: file };
  }
  throw new Error(`no profiling child of …${datasetSuffix} started reading within ${timeoutMs} ms`);
}

/** Whether `pid` is gone (a zombie waiting for a parent that does not reap counts as gone). */
export function processGone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').startsWith('Z');
  } catch {
    return true;
  }
}
