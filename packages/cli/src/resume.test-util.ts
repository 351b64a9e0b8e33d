// What the interrupt, stale-cache and disk-fault tests share: a small run folder with real example
// datasets, and a digest of a run directory that ignores only the documented volatile fields
// (docs/resume.md): wall-clock times, the run id, the run's own path, and the output hashes a
// checkpoint records (they cover files holding durations).
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const EXAMPLES = resolve(process.cwd(), '..', '..', 'examples', 'datasets');
export const PLUGINS = ['designer-tabular', 'rules-structural', 'rules-leakage', 'reviewer-llm', 'solver-baselines', 'executor-local', 'reporter-json'];

const VOLATILE = new Set(['durationMs', 'completedAt', 'createdAt', 'resumedAt', 'startedAt', 'finishedAt', 'runId', 'runDir', 'outputs']);

/** A project folder with the named example datasets and a one-proposal config (`extra` merged in). */
export async function project(datasets: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mls-resume-'));
  for (const d of datasets) await cp(join(EXAMPLES, d), join(dir, 'datasets', d), { recursive: true });
  await mkdir(join(dir, 'datasets'), { recursive: true });
  await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify({
    datasets: ['datasets'], plugins: PLUGINS, seed: 42, concurrency: 1, design: { maxProposalsPerDataset: 1 },
    executor: { backend: 'local', limits: { timeSec: 300, memoryMb: 2048, cpus: 1 } }, report: ['json'], ...extra,
  }));
  return dir;
}

function normalize(value: unknown, runDir: string): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, runDir));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !VOLATILE.has(k)).map(([k, v]) => [k, normalize(v, runDir)]));
  }
  return typeof value === 'string' ? value.split(runDir).join('<run>') : value;
}

/** sha256 of every file below `runDir` by relative path; JSON files without their volatile fields. */
export async function digestRun(runDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        await walk(full);
        continue;
      }
      let bytes: Buffer = await readFile(full);
      if (e.name.endsWith('.json')) bytes = Buffer.from(JSON.stringify(normalize(JSON.parse(bytes.toString('utf8')), runDir)));
      out[relative(runDir, full)] = createHash('sha256').update(bytes).digest('hex');
    }
  };
  await walk(runDir);
  return out;
}

/** Temp files and staging folders anywhere below `dir`. */
export async function leftovers(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (/\.tmp$|\.staging-|\.old-\d+-/.test(e.name)) found.push(relative(dir, join(d, e.name)));
      if (e.isDirectory()) await walk(join(d, e.name));
    }
  };
  await walk(dir);
  return found;
}
