// Bradley–Terry strengths by penalized maximum likelihood (Newton's method).
//
// Model: P(i beats j) = σ(θ_i − θ_j). A tie counts as half a win for each side. The log-likelihood
//   ℓ(θ) = Σ_{i≠j} w_ij · log σ(θ_i − θ_j) − (λ/2)·Σ θ_i²
// adds a small Gaussian prior θ_i ~ N(0, 1/λ). Without it an undefeated (or winless) solver has no
// finite MLE; with it ℓ is strictly concave, so Newton converges to the unique maximum from θ = 0.
// The pairwise terms of the gradient cancel in Σ_i ∂ℓ/∂θ_i, so at the optimum Σ θ_i = 0.
import { UsageError } from '@mle-smith/core';

export interface BradleyTerryOptions {
  /** λ of the prior; default 0.01 (prior sd 10 logits ≈ 1737 Elo points: negligible unless a solver is unbeaten). */
  regularization?: number;
  maxIterations?: number;
  /** Stop when the largest gradient component is below tolerance × max(1, most games of one solver). Default 1e-10. */
  tolerance?: number;
}

export interface BradleyTerryFit {
  /** Strength per solver, in logits; sums to 0. */
  theta: number[];
  iterations: number;
  converged: boolean;
  /** Penalized log-likelihood at theta. */
  logLikelihood: number;
  /** Largest |∂ℓ/∂θ_i| at theta. */
  maxGradient: number;
}

function logSigmoid(d: number): number {
  return d >= 0 ? -Math.log1p(Math.exp(-d)) : d - Math.log1p(Math.exp(d));
}

function sigmoid(d: number): number {
  return d >= 0 ? 1 / (1 + Math.exp(-d)) : Math.exp(d) / (1 + Math.exp(d));
}

/** Penalized log-likelihood; `wins[i][j]` is how often i beat j (ties already split in halves). */
export function bradleyTerryLogLikelihood(wins: readonly (readonly number[])[], theta: readonly number[], regularization: number): number {
  let ll = 0;
  for (let i = 0; i < theta.length; i++) {
    for (let j = 0; j < theta.length; j++) {
      const w = wins[i]![j]!;
      if (i !== j && w > 0) ll += w * logSigmoid(theta[i]! - theta[j]!);
    }
    ll -= (regularization / 2) * theta[i]! * theta[i]!;
  }
  return ll;
}

/** ∂ℓ/∂θ_i = Σ_j [w_ij − n_ij·σ(θ_i − θ_j)] − λ·θ_i, with n_ij = w_ij + w_ji. */
export function bradleyTerryGradient(wins: readonly (readonly number[])[], theta: readonly number[], regularization: number): number[] {
  const n = theta.length;
  const g = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const games = wins[i]![j]! + wins[j]![i]!;
      if (games > 0) g[i]! += wins[i]![j]! - games * sigmoid(theta[i]! - theta[j]!);
    }
    g[i]! -= regularization * theta[i]!;
  }
  return g;
}

/** Solves A·x = b for a symmetric positive-definite A (Cholesky). */
function solveSpd(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i]![k]! * y[k]!;
    y[i] = s / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k]![i]! * x[k]!;
    x[i] = s / l[i]![i]!;
  }
  return x;
}

/** Fits θ from a wins matrix (square, zero diagonal, non-negative). */
export function fitBradleyTerry(wins: readonly (readonly number[])[], options: BradleyTerryOptions = {}): BradleyTerryFit {
  const lambda = options.regularization ?? 0.01;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new UsageError(`bradleyTerry: regularization must be a positive number, got ${lambda}`);
  const n = wins.length;
  wins.forEach((row, i) => {
    if (row.length !== n) throw new UsageError(`bradleyTerry: wins row ${i} has ${row.length} entries, expected ${n}`);
    row.forEach((w, j) => {
      if (!(w >= 0) || !Number.isFinite(w)) throw new UsageError(`bradleyTerry: wins[${i}][${j}] must be a finite non-negative number, got ${w}`);
    });
  });
  let mostGames = 1;
  for (let i = 0; i < n; i++) {
    let games = 0;
    for (let j = 0; j < n; j++) if (i !== j) games += wins[i]![j]! + wins[j]![i]!;
    mostGames = Math.max(mostGames, games);
  }
  const threshold = tolerance * mostGames;
  let theta = new Array<number>(n).fill(0);
  let ll = bradleyTerryLogLikelihood(wins, theta, lambda);
  let g = bradleyTerryGradient(wins, theta, lambda);
  let iterations = 0;
  // Floating-point noise can keep the gradient just above a tight threshold: a step that no
  // longer moves θ also means we are at the maximum.
  let stalled = false;
  while (!stalled && iterations < maxIterations && Math.max(0, ...g.map(Math.abs)) >= threshold) {
    iterations++;
    // Negative Hessian: a weighted graph Laplacian plus λI, hence positive definite.
    const h = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) {
      h[i]![i] = lambda;
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const games = wins[i]![j]! + wins[j]![i]!;
        if (games === 0) continue;
        const p = sigmoid(theta[i]! - theta[j]!);
        const c = games * p * (1 - p);
        h[i]![i]! += c;
        h[i]![j]! -= c;
      }
    }
    const step = solveSpd(h, g);
    // Newton on a concave function rarely overshoots; halve the step when it does.
    let t = 1;
    let next = theta;
    let nextLl = ll;
    for (let k = 0; k < 40; k++) {
      next = theta.map((v, i) => v + t * step[i]!);
      nextLl = bradleyTerryLogLikelihood(wins, next, lambda);
      if (nextLl >= ll - 1e-12 * Math.abs(ll)) break;
      t /= 2;
    }
    stalled = t * Math.max(0, ...step.map(Math.abs)) <= 1e-13 * (1 + Math.max(0, ...theta.map(Math.abs)));
    theta = next;
    ll = nextLl;
    g = bradleyTerryGradient(wins, theta, lambda);
  }
  const maxGradient = Math.max(0, ...g.map(Math.abs));
  return { theta, iterations, converged: maxGradient < threshold || stalled, logLikelihood: ll, maxGradient };
}
