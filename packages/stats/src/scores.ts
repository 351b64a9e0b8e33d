// The scores table an evaluation produces, and what is derived from it per task:
// pairwise battles and min-max normalized scores.
import { DatasetError } from '@mle-smith/core';

export interface ScoreRow {
  task: string;
  solver: string;
  /** Run seed when a solver ran several times on a task. */
  seed?: number;
  /** Graded score; null (or ignored) when the run is invalid. */
  score: number | null;
  /** False when the run produced no gradable submission (crash, timeout, invalid file). */
  valid: boolean;
  /** Direction of the task's metric; must agree across a task's rows. Default true. */
  higherIsBetter?: boolean;
}

export interface Run {
  valid: boolean;
  /** Oriented so that larger is better; NaN when invalid. */
  value: number;
}

export interface TaskRuns {
  task: string;
  higherIsBetter: boolean;
  /** Runs per solver index (into `solvers`). */
  runs: Map<number, Run[]>;
}

export interface ScoreTable {
  /** Solvers sorted by name: the index used everywhere else. */
  solvers: string[];
  tasks: TaskRuns[];
}

/** Groups and checks a scores table. A row with valid=true needs a finite score. */
export function groupScores(rows: readonly ScoreRow[]): ScoreTable {
  const solvers = [...new Set(rows.map((r) => r.solver))].sort();
  const index = new Map(solvers.map((s, i) => [s, i]));
  const byTask = new Map<string, TaskRuns>();
  rows.forEach((row, i) => {
    if (typeof row.task !== 'string' || row.task === '') throw new DatasetError(`scores table: row ${i} has no task`);
    if (typeof row.solver !== 'string' || row.solver === '') throw new DatasetError(`scores table: row ${i} has no solver`);
    const valid = row.valid === true;
    if (valid && (typeof row.score !== 'number' || !Number.isFinite(row.score))) {
      throw new DatasetError(`scores table: row ${i} (task ${row.task}, solver ${row.solver}) is valid but its score is ${String(row.score)}`);
    }
    const hib = row.higherIsBetter ?? true;
    let t = byTask.get(row.task);
    if (!t) {
      t = { task: row.task, higherIsBetter: hib, runs: new Map() };
      byTask.set(row.task, t);
    } else if (t.higherIsBetter !== hib) {
      throw new DatasetError(`scores table: task ${row.task} has rows with both higherIsBetter=true and false`);
    }
    const s = index.get(row.solver)!;
    const list = t.runs.get(s) ?? [];
    list.push({ valid, value: valid ? (hib ? row.score! : -row.score!) : Number.NaN });
    t.runs.set(s, list);
  });
  const tasks = [...byTask.values()].sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : 0));
  return { solvers, tasks };
}

/** One battle outcome between two runs: 1 = first wins, 0.5 = tie, 0 = first loses. */
function outcome(a: Run, b: Run, tieTolerance: number): number {
  if (!a.valid && !b.valid) return 0.5;
  if (!a.valid) return 0;
  if (!b.valid) return 1;
  const d = a.value - b.value;
  if (Math.abs(d) <= tieTolerance) return 0.5;
  return d > 0 ? 1 : 0;
}

/** Sparse battle results of one task: wins[i][j] as (i, j, amount) triples. */
export type TaskBattles = Array<[number, number, number]>;

/**
 * Pairwise battles of one task. Every pair of solvers that both ran the task plays one battle
 * in total: with several seeds each run of i meets each run of j at weight 1/(n_i·n_j).
 * A tie gives half a win to each side; an invalid run loses to a valid one and ties another invalid one.
 */
export function taskBattles(task: TaskRuns, tieTolerance = 0): TaskBattles {
  const out: TaskBattles = [];
  const ids = [...task.runs.keys()].sort((a, b) => a - b);
  for (let p = 0; p < ids.length; p++) {
    for (let q = p + 1; q < ids.length; q++) {
      const i = ids[p]!;
      const j = ids[q]!;
      const ri = task.runs.get(i)!;
      const rj = task.runs.get(j)!;
      // counted in half-wins (integers), so the two sides sum to exactly 1 and neither goes below 0
      // (nine float ninths can sum past 1, and 1 minus that is a negative win)
      const games = 2 * ri.length * rj.length;
      let halves = 0;
      for (const a of ri) for (const b of rj) halves += 2 * outcome(a, b, tieTolerance);
      out.push([i, j, halves / games], [j, i, (games - halves) / games]);
    }
  }
  return out;
}

export interface NormalizedScore {
  solver: string;
  /** Mean over the tasks the solver ran of its (seed-averaged) normalized score, in [0, 1]. */
  mean: number;
  tasks: number;
}

/**
 * Per task, scores are min-max scaled over the task's valid runs so that 1 is the best run and 0 the
 * worst (direction-aware); an invalid run scores 0; when all valid runs are equal they score 1.
 * Seeds are averaged per (task, solver), then tasks are averaged per solver.
 */
export function meanNormalizedScores(rows: readonly ScoreRow[]): NormalizedScore[] {
  const table = groupScores(rows);
  const sums = new Array<number>(table.solvers.length).fill(0);
  const counts = new Array<number>(table.solvers.length).fill(0);
  for (const t of table.tasks) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const runs of t.runs.values()) {
      for (const r of runs) {
        if (r.valid) {
          lo = Math.min(lo, r.value);
          hi = Math.max(hi, r.value);
        }
      }
    }
    for (const [s, runs] of t.runs) {
      let acc = 0;
      for (const r of runs) acc += !r.valid ? 0 : hi > lo ? (r.value - lo) / (hi - lo) : 1;
      sums[s]! += acc / runs.length;
      counts[s]!++;
    }
  }
  return table.solvers.map((solver, i) => ({ solver, mean: counts[i]! ? sums[i]! / counts[i]! : 0, tasks: counts[i]! }));
}
