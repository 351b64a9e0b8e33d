// Comparing two task sets (e.g. generated vs human-designed) through the solvers they rank.
import { UsageError } from '@mle-smith/core';
import { agreement, type AgreementOptions, type AgreementStats } from './agreement.js';
import { elo, type EloOptions, type EloResult } from './elo.js';
import { meanNormalizedScores, type ScoreRow } from './scores.js';

export interface CompareOptions extends EloOptions, AgreementOptions {
  /** Names of the two sets, used in the union's task ids and in reports. Default "A" and "B". */
  labels?: { a: string; b: string };
}

export interface PairedValue {
  solver: string;
  a: number;
  b: number;
}

export interface MeasureAgreement {
  /** Per solver present in both sets. */
  pairs: PairedValue[];
  stats: AgreementStats;
}

export interface ScoreSetComparison {
  labels: { a: string; b: string };
  elo: { a: EloResult; b: EloResult; union: EloResult };
  /** Solvers present in both sets, sorted by name. */
  solvers: string[];
  agreement: { elo: MeasureAgreement; normalizedScore: MeasureAgreement };
}

function paired(solvers: string[], a: Map<string, number>, b: Map<string, number>, options: AgreementOptions): MeasureAgreement {
  const pairs = solvers.map((solver) => ({ solver, a: a.get(solver)!, b: b.get(solver)! }));
  return { pairs, stats: agreement(pairs.map((p) => p.a), pairs.map((p) => p.b), options) };
}

/**
 * Elo on A, on B and on A∪B, and the agreement between A and B of per-solver Elo and of
 * per-solver mean normalized score. In the union a task id is prefixed with its set's label,
 * so equal task names in the two sets stay two tasks.
 */
export function compareScoreSets(a: readonly ScoreRow[], b: readonly ScoreRow[], options: CompareOptions = {}): ScoreSetComparison {
  const labels = options.labels ?? { a: 'A', b: 'B' };
  if (labels.a === labels.b) throw new UsageError(`compareScoreSets: the two labels must differ (both "${labels.a}")`);
  const eloA = elo(a, options);
  const eloB = elo(b, options);
  const union = [
    ...a.map((r) => ({ ...r, task: `${labels.a}:${r.task}` })),
    ...b.map((r) => ({ ...r, task: `${labels.b}:${r.task}` })),
  ];
  const eloU = elo(union, options);
  const inB = new Set(eloB.ratings.map((r) => r.solver));
  const solvers = eloA.ratings.map((r) => r.solver).filter((s) => inB.has(s)).sort();
  if (solvers.length < 2) {
    throw new UsageError(`compareScoreSets: needs at least 2 solvers scored on both sets, found ${solvers.length}`);
  }
  const eloMap = (r: EloResult) => new Map(r.ratings.map((x) => [x.solver, x.elo]));
  const normMap = (rows: readonly ScoreRow[]) => new Map(meanNormalizedScores(rows).map((x) => [x.solver, x.mean]));
  return {
    labels,
    elo: { a: eloA, b: eloB, union: eloU },
    solvers,
    agreement: {
      elo: paired(solvers, eloMap(eloA), eloMap(eloB), options),
      normalizedScore: paired(solvers, normMap(a), normMap(b), options),
    },
  };
}
