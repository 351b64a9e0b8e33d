import { describe, expect, it } from 'vitest';
import { bradleyTerryGradient, fitBradleyTerry } from './bradley-terry.js';
import { ELO_SCALE, elo, pairwiseWins } from './elo.js';
import { SKILL, scoresTable } from './__fixtures__/scores.js';
import { reference } from './__fixtures__/python.js';
import type { ScoreRow } from './scores.js';

const rows = scoresTable();

describe('Bradley–Terry fit', () => {
  const { wins } = pairwiseWins(rows);
  const undefeated = [
    [0, 4, 3, 5],
    [0, 0, 2, 3],
    [0, 1, 0, 2.5],
    [0, 0, 0.5, 0],
  ];
  const ref = reference<{ bt: Array<{ theta: number[]; maxGrad: number }> }>({
    bt: [
      { wins, lambda: 0.01 },
      { wins: undefeated, lambda: 0.01 },
      { wins, lambda: 1 },
    ],
  });

  it('the gradient of the penalized log-likelihood is ~0 at the solution', () => {
    const fit = fitBradleyTerry(wins);
    expect(fit.converged).toBe(true);
    const g = bradleyTerryGradient(wins, fit.theta, 0.01);
    expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-8);
    // The prior makes the strengths sum to zero at the optimum.
    expect(fit.theta.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 9);
  });

  it('matches scipy.optimize on the same likelihood', () => {
    const cases: Array<[number[][], number]> = [[wins, 0.01], [undefeated, 0.01], [wins, 1]];
    cases.forEach(([w, lambda], k) => {
      expect(ref.bt[k]!.maxGrad).toBeLessThan(1e-6);
      const fit = fitBradleyTerry(w, { regularization: lambda });
      fit.theta.forEach((t, i) => expect(t).toBeCloseTo(ref.bt[k]!.theta[i]!, 5));
    });
  });

  it('converges with an undefeated and a winless solver thanks to the prior', () => {
    const fit = fitBradleyTerry(undefeated);
    expect(fit.converged).toBe(true);
    expect(fit.theta.every(Number.isFinite)).toBe(true);
    expect(fit.theta[0]).toBeGreaterThan(fit.theta[1]!);
    expect(fit.iterations).toBeLessThan(50);
  });

  it('two solvers: the Elo gap is 400·log10(wins/losses) when the prior is negligible', () => {
    const fit = fitBradleyTerry([[0, 3], [1, 0]], { regularization: 1e-9 });
    expect(ELO_SCALE * (fit.theta[0]! - fit.theta[1]!)).toBeCloseTo(400 * Math.log10(3), 4);
  });
});

describe('elo()', () => {
  it('ranks solvers by their latent skill and centres the mean at 1000', () => {
    const r = elo(rows, { bootstrap: 0 });
    const order = Object.entries(SKILL).sort((a, b) => b[1] - a[1]).map(([s]) => s);
    expect(r.ratings.map((x) => x.solver)).toEqual(order);
    const m = r.ratings.reduce((s, x) => s + x.elo, 0) / r.ratings.length;
    expect(m).toBeCloseTo(1000, 9);
    expect(r.ratings.every((x) => x.ci === null)).toBe(true);
    expect(r.tasks).toBe(24);
    for (const x of r.ratings) {
      expect(x.battles).toBeCloseTo(24 * 4, 9);
      expect(x.wins + x.ties + x.losses).toBeCloseTo(x.battles, 9);
    }
  });

  it('pins a named anchor solver at the base', () => {
    const r = elo(rows, { bootstrap: 50, anchor: 'linear', base: 1200 });
    const lin = r.ratings.find((x) => x.solver === 'linear')!;
    expect(lin.elo).toBe(1200);
    expect(lin.ci).toEqual([1200, 1200]);
    expect(() => elo(rows, { anchor: 'nobody' })).toThrow(/anchor solver "nobody"/);
  });

  it('bootstrap intervals are deterministic given the seed', () => {
    const a = elo(rows, { bootstrap: 200, seed: 123 });
    const b = elo(rows, { bootstrap: 200, seed: 123 });
    const c = elo(rows, { bootstrap: 200, seed: 124 });
    expect(a).toEqual(b);
    expect(a.ratings.map((x) => x.ci)).not.toEqual(c.ratings.map((x) => x.ci));
    for (const x of a.ratings) {
      expect(x.ci![0]).toBeLessThanOrEqual(x.ci![1]);
      expect(x.ci![0]).toBeLessThan(x.elo + 1e-9);
      expect(x.ci![1]).toBeGreaterThan(x.elo - 1e-9);
    }
    expect(a.bootstrap).toEqual({ samples: 200, seed: 123, level: 0.95 });
  });

  it('battle rules: invalid loses to valid, two invalid runs tie, equal scores tie, direction respected', () => {
    const t: ScoreRow[] = [
      // lower is better: a beats b
      { task: 'rmse', solver: 'a', score: 1, valid: true, higherIsBetter: false },
      { task: 'rmse', solver: 'b', score: 2, valid: true, higherIsBetter: false },
      { task: 'rmse', solver: 'c', score: null, valid: false, higherIsBetter: false },
      { task: 'acc', solver: 'a', score: 0.5, valid: true },
      { task: 'acc', solver: 'b', score: 0.5, valid: true },
      { task: 'acc', solver: 'c', score: null, valid: false },
      { task: 'f1', solver: 'b', score: null, valid: false },
      { task: 'f1', solver: 'c', score: null, valid: false },
    ];
    const { solvers, wins } = pairwiseWins(t);
    expect(solvers).toEqual(['a', 'b', 'c']);
    expect(wins).toEqual([
      [0, 1.5, 2],
      [0.5, 0, 2.5],
      [0, 0.5, 0],
    ]);
    const r = elo(t, { bootstrap: 0 });
    expect(r.ratings.map((x) => x.solver)).toEqual(['a', 'b', 'c']);
    const c = r.ratings.find((x) => x.solver === 'c')!;
    expect(c).toMatchObject({ tasks: 3, battles: 5, wins: 0, ties: 1, losses: 4 });
  });

  it('spreads a task battle over the seed runs', () => {
    const t: ScoreRow[] = [
      { task: 't', solver: 'a', seed: 0, score: 0.9, valid: true },
      { task: 't', solver: 'a', seed: 1, score: 0.1, valid: true },
      { task: 't', solver: 'b', seed: 0, score: 0.5, valid: true },
    ];
    expect(pairwiseWins(t).wins).toEqual([[0, 0.5], [0.5, 0]]);
  });

  it('three seeds each, one side winning every run: the loser has exactly 0 wins (nine float ninths sum past 1)', () => {
    // the agreement bench's attrition task: zoo-tabular-knn beat zoo-tabular-stump on all 3 × 3 runs,
    // and 1 − Σ 1/9 gave the stump −2.2e-16 wins, which the fit rejected
    const t: ScoreRow[] = [0, 1, 2].flatMap((seed) => [
      { task: 't', solver: 'stump', seed, score: 0.5886811956240848, valid: true },
      { task: 't', solver: 'knn', seed, score: 0.7998104918597639, valid: true },
    ]);
    const { solvers, wins } = pairwiseWins(t);
    const [stump, knn] = [solvers.indexOf('stump'), solvers.indexOf('knn')];
    expect(wins[knn]![stump]).toBe(1);
    expect(wins[stump]![knn]).toBe(0);
    expect(() => elo(t, { bootstrap: 10 })).not.toThrow();
  });

  it('rejects inconsistent tables', () => {
    expect(() => elo([{ task: 't', solver: 'a', score: null, valid: true }])).toThrow(/valid but its score/);
    expect(() =>
      elo([
        { task: 't', solver: 'a', score: 1, valid: true, higherIsBetter: true },
        { task: 't', solver: 'b', score: 1, valid: true, higherIsBetter: false },
      ]),
    ).toThrow(/both higherIsBetter/);
  });
});
