// Elo ratings from a scores table: battles per task → Bradley–Terry fit → Elo scale, with
// bootstrap confidence intervals over tasks.
import { UsageError } from '@mle-smith/core';
import { fitBradleyTerry, type BradleyTerryFit, type BradleyTerryOptions } from './bradley-terry.js';
import { mulberry32, quantileSorted } from './prng.js';
import { groupScores, taskBattles, type ScoreRow, type TaskBattles } from './scores.js';

/** Elo points per logit: a 400-point gap means 10:1 odds. */
export const ELO_SCALE = 400 / Math.LN10;

export interface EloOptions extends BradleyTerryOptions {
  /** Rating of the anchor (or of the mean solver). Default 1000. */
  base?: number;
  /** Solver pinned at `base`; default none: the mean rating is `base`. */
  anchor?: string;
  /** Bootstrap resamples of the tasks; 0 disables intervals. Default 1000. */
  bootstrap?: number;
  /** Seed of the bootstrap PRNG (mulberry32). Default 0. */
  seed?: number;
  /** Confidence level of the percentile intervals. Default 0.95. */
  level?: number;
  /** Valid scores closer than this count as a tie. Default 0 (exact equality). */
  tieTolerance?: number;
}

/** What a solver's model calls cost in an evaluation (from its ledger), shown next to its rating. */
export interface SolverUsage {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

export interface EloRating {
  solver: string;
  /** The solver's model ("backend/model"), when it runs on an LLM; set by eval, not by the fit. */
  model?: string;
  /** Its model calls' tokens and cost; set by eval, not by the fit. */
  usage?: SolverUsage;
  elo: number;
  /** Percentile bootstrap interval; null when bootstrap is 0. */
  ci: [number, number] | null;
  /** Bradley–Terry strength in logits. */
  theta: number;
  /** Tasks the solver ran. */
  tasks: number;
  /** Battles played (fractional when seeds are weighted), and their outcomes. */
  battles: number;
  wins: number;
  ties: number;
  losses: number;
}

export interface EloResult {
  /** Sorted by rating, best first (ties by name). */
  ratings: EloRating[];
  base: number;
  scale: number;
  anchor: string | null;
  regularization: number;
  tasks: number;
  fit: Pick<BradleyTerryFit, 'iterations' | 'converged' | 'logLikelihood' | 'maxGradient'>;
  bootstrap: { samples: number; seed: number; level: number } | null;
}

function winsMatrix(n: number, battles: readonly TaskBattles[]): number[][] {
  const w = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const b of battles) for (const [i, j, amount] of b) w[i]![j]! += amount;
  return w;
}

function toElo(theta: readonly number[], anchorIndex: number, base: number): number[] {
  const ref = anchorIndex >= 0 ? theta[anchorIndex]! : theta.reduce((s, v) => s + v, 0) / theta.length;
  return theta.map((t) => base + ELO_SCALE * (t - ref));
}

/** Elo ratings of every solver in `rows`. Deterministic given `seed`. */
export function elo(rows: readonly ScoreRow[], options: EloOptions = {}): EloResult {
  const base = options.base ?? 1000;
  const samples = options.bootstrap ?? 1000;
  const seed = options.seed ?? 0;
  const level = options.level ?? 0.95;
  const regularization = options.regularization ?? 0.01;
  if (!Number.isInteger(samples) || samples < 0) throw new UsageError(`elo: bootstrap must be a non-negative integer, got ${samples}`);
  if (!(level > 0 && level < 1)) throw new UsageError(`elo: level must be between 0 and 1, got ${level}`);
  const table = groupScores(rows);
  const n = table.solvers.length;
  if (n === 0) throw new UsageError('elo: the scores table is empty');
  const anchorIndex = options.anchor === undefined ? -1 : table.solvers.indexOf(options.anchor);
  if (options.anchor !== undefined && anchorIndex < 0) {
    throw new UsageError(`elo: anchor solver "${options.anchor}" is not in the scores table (solvers: ${table.solvers.join(', ')})`);
  }
  const perTask = table.tasks.map((t) => taskBattles(t, options.tieTolerance ?? 0));
  const btOptions = { ...options, regularization };
  const fit = fitBradleyTerry(winsMatrix(n, perTask), btOptions);
  const ratings = toElo(fit.theta, anchorIndex, base);

  let ci: Array<[number, number]> | null = null;
  if (samples > 0 && perTask.length > 0) {
    const rand = mulberry32(seed);
    const draws: number[][] = table.solvers.map(() => []);
    for (let b = 0; b < samples; b++) {
      const resample: TaskBattles[] = [];
      for (let t = 0; t < perTask.length; t++) resample.push(perTask[Math.floor(rand() * perTask.length)]!);
      const boot = toElo(fitBradleyTerry(winsMatrix(n, resample), btOptions).theta, anchorIndex, base);
      boot.forEach((v, i) => draws[i]!.push(v));
    }
    const alpha = (1 - level) / 2;
    ci = draws.map((d) => {
      d.sort((x, y) => x - y);
      return [quantileSorted(d, alpha), quantileSorted(d, 1 - alpha)];
    });
  }

  const stats = table.solvers.map(() => ({ tasks: 0, battles: 0, wins: 0, ties: 0, losses: 0 }));
  table.tasks.forEach((t, k) => {
    for (const s of t.runs.keys()) stats[s]!.tasks++;
    for (const [i, , amount] of perTask[k]!) {
      // Each ordered pair appears once per direction; amount = wins of i over j in this task (≤ 1).
      stats[i]!.battles += 1;
      stats[i]!.wins += amount;
    }
  });
  // Split the half-wins back into ties for display: recount per run pair.
  table.tasks.forEach((t) => {
    const ids = [...t.runs.keys()];
    for (const i of ids) {
      for (const j of ids) {
        if (i === j) continue;
        const ri = t.runs.get(i)!;
        const rj = t.runs.get(j)!;
        const w = 1 / (ri.length * rj.length);
        for (const a of ri) {
          for (const b of rj) {
            const tie = (!a.valid && !b.valid) || (a.valid && b.valid && Math.abs(a.value - b.value) <= (options.tieTolerance ?? 0));
            if (tie) stats[i]!.ties += w;
          }
        }
      }
    }
  });

  const result: EloRating[] = table.solvers.map((solver, i) => {
    const s = stats[i]!;
    const wins = s.wins - s.ties / 2;
    return {
      solver,
      elo: ratings[i]!,
      ci: ci ? ci[i]! : null,
      theta: fit.theta[i]!,
      tasks: s.tasks,
      battles: s.battles,
      wins,
      ties: s.ties,
      losses: s.battles - wins - s.ties,
    };
  });
  result.sort((a, b) => b.elo - a.elo || (a.solver < b.solver ? -1 : 1));
  return {
    ratings: result,
    base,
    scale: ELO_SCALE,
    anchor: options.anchor ?? null,
    regularization,
    tasks: table.tasks.length,
    fit: { iterations: fit.iterations, converged: fit.converged, logLikelihood: fit.logLikelihood, maxGradient: fit.maxGradient },
    bootstrap: samples > 0 ? { samples, seed, level } : null,
  };
}

/** The summed wins matrix of a scores table (ties split in halves), as the Bradley–Terry fit sees it. */
export function pairwiseWins(rows: readonly ScoreRow[], options: { tieTolerance?: number } = {}): { solvers: string[]; wins: number[][] } {
  const table = groupScores(rows);
  const perTask = table.tasks.map((t) => taskBattles(t, options.tieTolerance ?? 0));
  return { solvers: table.solvers, wins: winsMatrix(table.solvers.length, perTask) };
}
