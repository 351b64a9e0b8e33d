import { describe, expect, it } from 'vitest';
import { agreement } from './agreement.js';
import { compareScoreSets } from './compare.js';
import { elo } from './elo.js';
import { comparisonSections, readReportSections } from './report-sections.js';
import { meanNormalizedScores, type ScoreRow } from './scores.js';
import { scoresTable } from './__fixtures__/scores.js';

const generated = scoresTable({ seed: 1, prefix: 'gen', tasks: 20 });
const human = scoresTable({ seed: 2, prefix: 'human', tasks: 16 });

describe('compareScoreSets', () => {
  const cmp = compareScoreSets(generated, human, { labels: { a: 'generated', b: 'human' }, bootstrap: 100, seed: 3 });

  it('rates each set and the union, with the same options', () => {
    expect(cmp.elo.a).toEqual(elo(generated, { bootstrap: 100, seed: 3 }));
    expect(cmp.elo.b).toEqual(elo(human, { bootstrap: 100, seed: 3 }));
    expect(cmp.elo.union.tasks).toBe(36);
    expect(cmp.solvers).toHaveLength(5);
  });

  it('agreement is computed on the per-solver Elo and mean normalized scores', () => {
    const ea = new Map(cmp.elo.a.ratings.map((r) => [r.solver, r.elo]));
    const eb = new Map(cmp.elo.b.ratings.map((r) => [r.solver, r.elo]));
    const expected = agreement(cmp.solvers.map((s) => ea.get(s)!), cmp.solvers.map((s) => eb.get(s)!));
    expect(cmp.agreement.elo.stats).toEqual(expected);
    // The two sets come from the same latent skills, so they agree strongly.
    expect(cmp.agreement.elo.stats.spearman).toBeGreaterThan(0.8);
    const na = new Map(meanNormalizedScores(generated).map((r) => [r.solver, r.mean]));
    expect(cmp.agreement.normalizedScore.pairs.map((p) => p.a)).toEqual(cmp.solvers.map((s) => na.get(s)));
  });

  it('keeps equal task names of the two sets apart in the union', () => {
    const a: ScoreRow[] = [
      { task: 't', solver: 'x', score: 1, valid: true },
      { task: 't', solver: 'y', score: 0, valid: true },
    ];
    const b: ScoreRow[] = [
      { task: 't', solver: 'x', score: 0, valid: true },
      { task: 't', solver: 'y', score: 1, valid: true },
    ];
    const c = compareScoreSets(a, b, { bootstrap: 0 });
    expect(c.elo.union.tasks).toBe(2);
  });

  it('needs two shared solvers', () => {
    const a: ScoreRow[] = [{ task: 't', solver: 'x', score: 1, valid: true }, { task: 't', solver: 'y', score: 0, valid: true }];
    const b: ScoreRow[] = [{ task: 't', solver: 'x', score: 0, valid: true }, { task: 't', solver: 'z', score: 1, valid: true }];
    expect(() => compareScoreSets(a, b, { bootstrap: 0 })).toThrow(/at least 2 solvers/);
  });

  it('builds report sections that read back intact', () => {
    const sections = comparisonSections(cmp, generated, human);
    expect(sections.eval!.rows).toHaveLength(generated.length + human.length);
    expect(new Set(sections.elo!.rows.map((r) => r.taskSet))).toEqual(new Set(['generated', 'human', 'generated∪human']));
    expect(sections.agreement!.measures.map((m) => m.measure)).toEqual(['elo', 'normalizedScore']);
    const roundTrip = JSON.parse(JSON.stringify(sections)) as Record<string, unknown>;
    const read = readReportSections({ ...roundTrip, other: 1 });
    expect(read.skipped).toEqual([]);
    expect(read.agreement).toEqual(sections.agreement);
    expect(readReportSections({ elo: { rows: [{ solver: 'x' }] } }).skipped).toEqual(['elo']);
  });
});

describe('meanNormalizedScores', () => {
  it('scales per task to [0, 1], direction-aware, invalid = 0', () => {
    const rows: ScoreRow[] = [
      { task: 'rmse', solver: 'a', score: 1, valid: true, higherIsBetter: false },
      { task: 'rmse', solver: 'b', score: 3, valid: true, higherIsBetter: false },
      { task: 'rmse', solver: 'c', score: 2, valid: true, higherIsBetter: false },
      { task: 'acc', solver: 'a', score: 0.7, valid: true },
      { task: 'acc', solver: 'b', score: 0.7, valid: true },
      { task: 'acc', solver: 'c', score: null, valid: false },
    ];
    expect(meanNormalizedScores(rows)).toEqual([
      { solver: 'a', mean: 1, tasks: 2 },
      { solver: 'b', mean: 0.5, tasks: 2 },
      { solver: 'c', mean: 0.25, tasks: 2 },
    ]);
  });
});
