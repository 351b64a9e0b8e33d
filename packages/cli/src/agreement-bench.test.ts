// A small version of the agreement study (bench/agreement.mjs, docs/agreement.md): 3 datasets,
// 4 zoo solvers, 1 seed, the generated set from `mle-smith run` (without its execute stage, to stay
// small). Its printed statistics must agree with scipy's (the stats package's independent
// reference script) recomputed from the printed Elo tables.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(process.cwd(), '..', '..');
const SOLVERS = ['zoo-tabular-constant', 'zoo-tabular-nb', 'zoo-tabular-linear', 'zoo-tabular-gbm'];
const SCIPY_REFERENCE = join(repo, 'packages', 'stats', 'src', '__fixtures__', 'reference.py');
/** Printed statistic → the reference script's name for it. */
const CHECKED = { pearson: 'pearson', r2: 'r2', spearman: 'spearman', kendallTauB: 'kendallTauB', ccc: 'ccc', icc21: 'icc21', cronbachAlpha: 'cronbachAlpha', blandAltmanBias: 'baBias' } as const;

function run(command: string, args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** The first study's Elo table and statistics, as printed. */
function parseStudy(stdout: string): { elo: Array<{ solver: string; generated: number; reference: number }>; stats: Record<string, number> } {
  const section = stdout.split('\n== ')[1];
  const lines = section.split('\n');
  const tableStart = lines.findIndex((l) => l.trim().startsWith('solver'));
  const statsStart = lines.findIndex((l) => l.startsWith('Agreement of the two Elo tables'));
  const elo = lines.slice(tableStart + 1, statsStart).map((l) => l.trim().split(/\s+/)).map(([solver, g, r]) => ({ solver, generated: Number(g), reference: Number(r) }));
  const stats: Record<string, number> = {};
  for (const l of lines.slice(statsStart + 1)) {
    const m = /^ {2}(\w+)\s+(-?[\d.]+|n\/a)\s/.exec(l);
    if (m) stats[m[1]] = Number(m[2]);
  }
  return { elo, stats };
}

const out = await mkdtemp(join(tmpdir(), 'mls-agreement-'));
afterAll(() => rm(out, { recursive: true, force: true }));

describe('bench/agreement.mjs, small', () => {
  it('prints Elo on both sets and agreement statistics that scipy reproduces from the printed tables', async () => {
    const args = ['bench/agreement.mjs', '--datasets', 'iris,wine,penguins', '--solvers', SOLVERS.join(','), '--seeds', '1', '--no-execute',
      '--bootstrap', '50', '--halves', '10', '--concurrency', '2', '--out', out];
    const r = await run(process.execPath, args);
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    expect(r.stdout).toMatch(/agreement study: 3 datasets, 3 reference tasks, 4 solvers, 1 seed/);
    const { elo, stats } = parseStudy(r.stdout);
    expect(elo.map((e) => e.solver).sort()).toEqual([...SOLVERS].sort());
    for (const e of elo) expect(Number.isFinite(e.generated) && Number.isFinite(e.reference), JSON.stringify(e)).toBe(true);
    // Every statistic is printed with its interval and, where the paper has one, the paper's value.
    expect(r.stdout).toMatch(/kendallTauB\s+-?[\d.]+\s+\[-?[\d.]+, -?[\d.]+\]\s+paper 0\.857/);
    expect(r.stdout).toMatch(/pearson\s+-?[\d.]+\s+\[-?[\d.]+, -?[\d.]+\]\s+paper 0\.982/);
    expect(r.stdout).toMatch(/== ceiling: random halves of the reference set \(3 tasks, 10 splits\)/);

    const py = await run('/usr/bin/python3', [SCIPY_REFERENCE], JSON.stringify({ pairs: [[elo.map((e) => e.generated), elo.map((e) => e.reference)]] }));
    expect(py.code, py.stderr).toBe(0);
    const reference = JSON.parse(py.stdout).pairs[0] as Record<string, number>;
    for (const [printed, name] of Object.entries(CHECKED)) {
      if (!Number.isFinite(reference[name])) continue; // undefined for constant tables; printed n/a
      expect(stats[printed], printed).toBeCloseTo(reference[name], 2);
    }

    const summary = JSON.parse(await readFile(join(out, 'agreement.json'), 'utf8'));
    expect(summary.referenceTasks).toEqual(['ref-iris-species', 'ref-penguins-species', 'ref-wine-cultivar']);
    expect(summary.generatedTasks.length).toBeGreaterThan(0);
    expect(await readFile(join(out, 'report', 'report.html'), 'utf8')).toMatch(/<html/i);

    // Resumable: a rerun evaluates nothing again.
    const again = await run(process.execPath, args);
    expect(again.code, again.stderr.slice(-2000)).toBe(0);
    expect(again.stderr).not.toMatch(/evaluated/);
    expect(parseStudy(again.stdout)).toEqual({ elo, stats });
  }, 1_800_000);
});
