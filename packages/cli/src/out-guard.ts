// No silent destruction: `prepare`, `export`, `import` and `run` write only into a folder that is new,
// empty, or one they wrote before (a marker file, or run.json for a run directory). An --out
// that equals an input, sits inside one (a dataset folder: the next run would read the output as
// tables) or contains one is refused even with --force: no command may delete its own input.
import { lstat, readFile, readdir, realpath } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { UsageError, writeJsonAtomic } from '@mle-smith/core';

/** The file that marks a folder as written by prepare, export or import. */
export const OUT_MARKER = '.mle-smith-out.json';

export type OutOwner = 'prepare' | 'export' | 'import' | 'run';

/** The real path of `p`, or of its nearest existing ancestor joined with the rest. */
async function realish(p: string): Promise<string> {
  const abs = resolve(p);
  try {
    return await realpath(abs);
  } catch {
    const parent = dirname(abs);
    if (parent === abs) return abs;
    return join(await realish(parent), abs.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
  }
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

async function isOwn(out: string, owner: OutOwner): Promise<boolean> {
  if (owner === 'run') return (await lstat(join(out, 'run.json')).catch(() => undefined))?.isFile() ?? false;
  try {
    const marker = JSON.parse(await readFile(join(out, OUT_MARKER), 'utf8')) as { by?: unknown };
    return marker.by === owner;
  } catch {
    return false;
  }
}

/**
 * Throws a UsageError (one line, exit 2) unless `out` may be written by `owner`.
 * `inputs` are the folders the command reads (dataset folders, the source package).
 */
export async function guardOutDir(out: string, options: { owner: OutOwner; inputs: Array<{ path: string; what: string }>; force?: boolean }): Promise<void> {
  const outReal = await realish(out);
  for (const input of options.inputs) {
    const inReal = await realish(input.path);
    if (outReal === inReal) throw new UsageError(`--out ${out} is the ${input.what} itself; choose another folder`);
    if (inside(outReal, inReal)) throw new UsageError(`--out ${out} is inside the ${input.what} ${input.path}; choose a folder outside it`);
    if (inside(inReal, outReal)) throw new UsageError(`--out ${out} contains the ${input.what} ${input.path}; choose a folder that does not`);
  }
  const st = await lstat(out).catch(() => undefined);
  if (!st) return;
  if (!st.isDirectory()) throw new UsageError(`--out ${out} exists and is not a folder`);
  const entries = await readdir(out);
  // A new run folder seeded with an earlier run's LLM response cache (docs/llm.md: replaying a run).
  const seededCache = options.owner === 'run' && entries.length === 1 && entries[0] === 'llm-cache';
  if (entries.length === 0 || seededCache || (await isOwn(out, options.owner))) return;
  if (options.force) return;
  const own = options.owner === 'run' ? 'a run directory (no run.json)' : `written by ${options.owner} (no ${OUT_MARKER})`;
  throw new UsageError(`--out ${out} exists and is not ${own}; refusing to write into it (--force to do so anyway)`);
}

/** Marks a folder as written by `owner`, so a later call may replace it. */
export async function markOutDir(dir: string, owner: Exclude<OutOwner, 'run'>): Promise<void> {
  await writeJsonAtomic(join(dir, OUT_MARKER), { by: owner, note: `written by mle-smith ${owner}; it may replace this folder` });
}
