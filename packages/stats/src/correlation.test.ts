import { describe, expect, it } from 'vitest';
import { averageRanks, kendallTauB, pearson, rSquared, spearman } from './correlation.js';
import { agreement, blandAltman, cronbachAlpha, icc21, linCcc, topKOverlap } from './agreement.js';
import { samplePairs } from './__fixtures__/data.js';
import { reference } from './__fixtures__/python.js';

interface PairRef {
  pearson: number; r2: number; spearman: number; kendallTauB: number; ccc: number; icc21: number; cronbachAlpha: number; baBias: number; baSd: number;
}

// Shrout & Fleiss (1979), Table 2: 6 targets rated by 4 judges.
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];

const pairs = samplePairs();
const ref = reference<{ pairs: PairRef[]; matrices: Array<{ icc21: number; cronbachAlpha: number }> }>({
  pairs,
  matrices: [SHROUT_FLEISS, pairs[0]![0].map((v, i) => [v, pairs[0]![1][i]!, (v + pairs[0]![1][i]!) / 2])],
});

describe('correlations against scipy', () => {
  pairs.forEach(([a, b], idx) => {
    it(`case ${idx}: pearson, r², spearman, kendall τb`, () => {
      const r = ref.pairs[idx]!;
      expect(pearson(a, b)).toBeCloseTo(r.pearson, 12);
      expect(rSquared(a, b)).toBeCloseTo(r.r2, 12);
      expect(spearman(a, b)).toBeCloseTo(r.spearman, 12);
      expect(kendallTauB(a, b)).toBeCloseTo(r.kendallTauB, 12);
    });
    it(`case ${idx}: CCC, ICC(2,1), Cronbach α, Bland–Altman against numpy formulas`, () => {
      const r = ref.pairs[idx]!;
      expect(linCcc(a, b)).toBeCloseTo(r.ccc, 12);
      expect(icc21(a.map((v, i) => [v, b[i]!]))).toBeCloseTo(r.icc21, 12);
      expect(cronbachAlpha(a.map((v, i) => [v, b[i]!]))).toBeCloseTo(r.cronbachAlpha, 12);
      const ba = blandAltman(a, b);
      expect(ba.bias).toBeCloseTo(r.baBias, 12);
      expect(ba.sd).toBeCloseTo(r.baSd, 12);
      expect(ba.lower).toBeCloseTo(r.baBias - 1.96 * r.baSd, 12);
      expect(ba.upper).toBeCloseTo(r.baBias + 1.96 * r.baSd, 12);
    });
  });

  it('agreement() bundles the same values', () => {
    const [a, b] = pairs[0]!;
    const r = ref.pairs[0]!;
    const s = agreement(a, b, { topK: 10 });
    expect(s.n).toBe(a.length);
    expect(s.pearson).toBeCloseTo(r.pearson, 12);
    expect(s.kendallTauB).toBeCloseTo(r.kendallTauB, 12);
    expect(s.icc21).toBeCloseTo(r.icc21, 12);
    expect(s.topK.k).toBe(10);
  });
});

describe('published and hand-checked values', () => {
  it('ICC(2,1) of Shrout & Fleiss Table 2 is 0.29', () => {
    expect(icc21(SHROUT_FLEISS)).toBeCloseTo(0.29, 2);
    expect(icc21(SHROUT_FLEISS)).toBeCloseTo(ref.matrices[0]!.icc21, 12);
  });

  it('Cronbach α on k > 2 items matches numpy', () => {
    expect(cronbachAlpha(SHROUT_FLEISS)).toBeCloseTo(ref.matrices[0]!.cronbachAlpha, 12);
    const [a, b] = pairs[0]!;
    const m = a.map((v, i) => [v, b[i]!, (v + b[i]!) / 2]);
    expect(cronbachAlpha(m)).toBeCloseTo(ref.matrices[1]!.cronbachAlpha, 12);
    expect(icc21(m)).toBeCloseTo(ref.matrices[1]!.icc21, 12);
  });

  it('average ranks share tied positions', () => {
    expect(averageRanks([10, 20, 20, 30, 10])).toEqual([1.5, 3.5, 3.5, 5, 1.5]);
  });

  it('identical samples agree perfectly', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const s = agreement(x, x);
    expect(s.pearson).toBe(1);
    expect(s.ccc).toBeCloseTo(1, 14);
    expect(s.icc21).toBeCloseTo(1, 14);
    expect(s.blandAltman).toMatchObject({ bias: 0, sd: 0, lower: 0, upper: 0 });
    expect(s.topK.fraction).toBe(1);
  });

  it('a constant sample gives NaN correlations rather than a number', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('top-k overlap counts shared members of both top-k sets', () => {
    expect(topKOverlap([5, 4, 3, 2, 1], [1, 4, 5, 2, 3], 2)).toEqual({ k: 2, overlap: 1, fraction: 0.5 });
    expect(topKOverlap([5, 4, 3, 2, 1], [5, 4, 3, 2, 1], 3).fraction).toBe(1);
  });

  it('rejects bad input with a one-line message', () => {
    expect(() => pearson([1, 2], [1, 2, 3])).toThrow(/differ in length/);
    expect(() => pearson([1, Number.NaN], [1, 2])).toThrow(/not a finite number/);
    expect(() => topKOverlap([1, 2], [1, 2], 3)).toThrow(/k must be/);
  });
});
