import { describe, expect, it } from 'vitest';
import { ladderScale, ladderVerdict, signalPair, type LadderRung, type LadderSignal } from './ladder.js';

const acc = (trivial: number | null, simple: number | null, strong: number | null): LadderRung[] => [
  { tier: 'trivial', score: trivial, higherIsBetter: true, valid: trivial !== null },
  { tier: 'simple', score: simple, higherIsBetter: true, valid: simple !== null },
  { tier: 'strong', score: strong, higherIsBetter: true, valid: strong !== null },
];
const rmse = (trivial: number, simple: number, strong: number): LadderRung[] =>
  acc(trivial, simple, strong).map((e) => ({ ...e, higherIsBetter: false }));
const BOUNDED = { minMarginFraction: 0.02, metricRange: [0, 1] as [number, number] };
const UNBOUNDED = { minMarginFraction: 0.02, metricRange: [0, Infinity] as [number, number] };
const rules = (v: { findings: Array<{ ruleId: string; severity: string }> }, severity = 'error') =>
  v.findings.filter((f) => f.severity === severity).map((f) => f.ruleId);

describe('ladderVerdict', () => {
  it('accepts an ordered, unsaturated ladder and rates its difficulty', () => {
    const v = ladderVerdict(acc(0.63, 0.95, 0.96), BOUNDED);
    expect(v).toMatchObject({ ordered: true, saturated: false, difficulty: 'easy' });
    expect(rules(v)).toEqual([]);
    expect(v.details.margin).toBeCloseTo(0.02);
    expect(v.details.remaining).toBeCloseTo(0.04 / 0.37);
    expect(v.findings.find((f) => f.ruleId === 'execution/difficulty')?.severity).toBe('info');
  });

  it('rejects a ladder where no learned rung clears the trivial one by the margin', () => {
    const v = ladderVerdict(acc(0.6, 0.61, 0.615), BOUNDED);
    expect(v.ordered).toBe(false);
    expect(rules(v)).toEqual(['execution/ladder-unordered']);
    expect(v.difficulty).toBe('hard');
  });

  it('rejects a strong rung that loses more than half of the simple rung\'s gain', () => {
    const v = ladderVerdict(acc(0.5, 0.9, 0.65), BOUNDED);
    expect(v.ordered).toBe(false);
    expect(rules(v)).toEqual(['execution/strong-below-simple']);
    expect(v.findings[0].data).toMatchObject({ tolerance: expect.closeTo(0.2) });
  });

  it('warns when strong is below simple beyond the margin but within the tolerance', () => {
    const v = ladderVerdict(acc(0.5, 0.9, 0.8), BOUNDED);
    expect(v.ordered).toBe(true);
    expect(rules(v, 'warning')).toEqual(['execution/strong-below-simple']);
    expect(ladderVerdict(acc(0.5, 0.9, 0.8), { ...BOUNDED, inversionFraction: 0.1 }).ordered).toBe(false);
  });

  it('tolerates strong slightly below simple (within the margin)', () => {
    expect(ladderVerdict(acc(0.5, 0.9, 0.885), BOUNDED).ordered).toBe(true);
  });

  it('accepts trivial < strong when simple does not clear trivial, with a warning', () => {
    const v = ladderVerdict(acc(0.5, 0.505, 0.8), BOUNDED);
    expect(v.ordered).toBe(true);
    expect(rules(v, 'warning')).toEqual(['execution/simple-not-above-trivial']);
  });

  it('flags saturation within 0.001 of the best value', () => {
    const v = ladderVerdict(acc(0.6, 0.98, 0.9995), BOUNDED);
    expect(v.saturated).toBe(true);
    expect(v.ordered).toBe(true);
    expect(rules(v)).toEqual(['execution/saturated']);
    expect(ladderVerdict(acc(0.6, 0.98, 0.998), BOUNDED).saturated).toBe(false);
  });

  it('an invalid run makes the ladder unordered and names the rung', () => {
    const v = ladderVerdict(acc(0.5, null, 0.9), BOUNDED);
    expect(v.ordered).toBe(false);
    expect(rules(v)).toEqual(['execution/baseline-invalid']);
    expect(v.findings[0]).toMatchObject({ phase: 'execute', data: { tier: 'simple' } });
    // A run marked invalid by the grader counts even when it carries a score.
    const graded = acc(0.5, 0.8, 0.9).map((e) => (e.tier === 'strong' ? { ...e, valid: false } : e));
    const w = ladderVerdict(graded, BOUNDED);
    expect(w.ordered).toBe(false);
    expect(w.difficulty).toBe('unknown');
  });

  it('reports a missing rung', () => {
    const v = ladderVerdict(acc(0.5, 0.8, 0.9).slice(0, 2), BOUNDED);
    expect(v.ordered).toBe(false);
    expect(rules(v)).toContain('execution/baseline-missing');
  });

  it('measures unbounded lower-is-better metrics against the trivial gap', () => {
    const v = ladderVerdict(rmse(10, 6, 4), UNBOUNDED);
    expect(v.details.scale).toBe(10);
    expect(v).toMatchObject({ ordered: true, saturated: false, difficulty: 'medium' });
    expect(ladderVerdict(rmse(10, 9.9, 9.85), UNBOUNDED).ordered).toBe(false);
    expect(ladderVerdict(rmse(10, 1, 0.005), UNBOUNDED).saturated).toBe(true);
    expect(rules(ladderVerdict(rmse(10, 5, 8), UNBOUNDED))).toContain('execution/strong-below-simple');
  });

  it('keeps the best valid score when a rung has several runs', () => {
    const entries = [...acc(0.5, 0.7, 0.8), { tier: 'strong' as const, score: 0.85, higherIsBetter: true, valid: true }];
    expect(ladderVerdict(entries, BOUNDED).details.scores.strong).toBe(0.85);
  });

  it('flags entries that disagree on the metric direction', () => {
    const entries = acc(0.5, 0.7, 0.8).map((e, i) => ({ ...e, higherIsBetter: i !== 2 }));
    expect(rules(ladderVerdict(entries, BOUNDED))).toContain('execution/inconsistent-direction');
  });
});

/** A signal-test interval of the strong rung's gain over the trivial one. */
const signal = (lo: number, difference: number, hi: number, best: LadderSignal['best']['tier'] = 'strong'): LadderSignal => ({
  lo, hi, difference, confidence: 0.95, resamples: 1000, usedResamples: 1000, rows: 60, sampledRows: 60,
  best: { tier: best, solver: `baseline-${best}` }, trivial: { tier: 'trivial', solver: 'baseline-trivial' },
});

describe('ladderVerdict: the signal test', () => {
  it('rejects a gain within noise as "no learnable signal", not as a hard task, with the interval in its data', () => {
    // the case: rmse 0.529 → 0.508 on a small test set, larger than the margin (0.0106)
    const v = ladderVerdict(rmse(0.529, 0.52, 0.508), { ...UNBOUNDED, signal: signal(-0.004, 0.021, 0.047) });
    expect(v.ordered).toBe(false);
    expect(rules(v)).toEqual(['execution/no-learnable-signal']);
    const f = v.findings.find((x) => x.ruleId === 'execution/no-learnable-signal')!;
    expect(f.message).toMatch(/^no learnable signal: the best learned baseline \(baseline-strong, 0\.5080\) does not beat the trivial one \(0\.5290\) with 95 % confidence/);
    expect(f.message).toContain('over 60 test rows, 1000 resamples: gain 0.02100, interval [-0.004000, 0.04700]');
    expect(f.data).toEqual({
      lo: -0.004, hi: 0.047, difference: 0.021, confidence: 0.95, resamples: 1000, usedResamples: 1000, rows: 60, sampledRows: 60,
      best: 'strong', bestSolver: 'baseline-strong', trivialSolver: 'baseline-trivial', bestScore: 0.508, trivialScore: 0.529,
    });
    expect(v.details.signal).toMatchObject({ lo: -0.004 });
    // without the interval the margin alone accepts it (and rates it hard): what the test prevents
    expect(ladderVerdict(rmse(0.529, 0.52, 0.508), UNBOUNDED)).toMatchObject({ ordered: true, difficulty: 'hard' });
  });

  it('needs the lower bound strictly above 0: identical submissions give [0, 0] and no signal', () => {
    expect(rules(ladderVerdict(acc(0.6, 0.6, 0.6), { ...BOUNDED, signal: signal(0, 0, 0) }))).toEqual(['execution/no-learnable-signal']);
    expect(rules(ladderVerdict(acc(0.5, 0.8, 0.9), { ...BOUNDED, signal: signal(0, 0.4, 0.5) }))).toEqual(['execution/no-learnable-signal']);
  });

  it('accepts a gain the interval holds above 0 and that clears the margin', () => {
    const v = ladderVerdict(acc(0.63, 0.95, 0.96), { ...BOUNDED, signal: signal(0.27, 0.33, 0.39) });
    expect(v).toMatchObject({ ordered: true, saturated: false, difficulty: 'easy' });
    expect(rules(v)).toEqual([]);
    // the interval of a passing task is kept too, as an info finding
    expect(v.findings.find((f) => f.ruleId === 'execution/signal')).toMatchObject({
      severity: 'info', message: expect.stringMatching(/^the best learned baseline \(baseline-strong, 0\.9600\) beats the trivial one \(0\.6300\) with 95 % confidence/),
      data: { lo: 0.27, hi: 0.39, difference: 0.33 },
    });
  });

  it('a real gain below the margin is still unordered (the margin check stays for large test sets)', () => {
    const v = ladderVerdict(acc(0.6, 0.61, 0.615), { ...BOUNDED, signal: signal(0.005, 0.015, 0.025) });
    expect(rules(v)).toEqual(['execution/ladder-unordered']);
  });

  it('reports no signal once: no ladder-unordered or simple-not-above-trivial finding beside it', () => {
    const v = ladderVerdict(acc(0.6, 0.6, 0.605), { ...BOUNDED, signal: signal(-0.01, 0.005, 0.02) });
    expect(v.findings.filter((f) => f.severity !== 'info').map((f) => f.ruleId)).toEqual(['execution/no-learnable-signal']);
  });

  it('keeps the other checks: an inverted ladder with a real signal is still an error', () => {
    const v = ladderVerdict(acc(0.5, 0.9, 0.65), { ...BOUNDED, signal: signal(0.3, 0.4, 0.5, 'simple') });
    expect(rules(v)).toEqual(['execution/strong-below-simple']);
  });
});

describe('signalPair', () => {
  it('picks the best trivial entry and the better learned rung, as the verdict does', () => {
    expect(signalPair(acc(0.5, 0.7, 0.8))).toMatchObject({ trivial: { tier: 'trivial', score: 0.5 }, best: { tier: 'strong', score: 0.8 } });
    expect(signalPair(acc(0.5, 0.8, 0.7))?.best).toMatchObject({ tier: 'simple' });
    expect(signalPair(acc(0.5, 0.8, 0.8))?.best).toMatchObject({ tier: 'simple' }); // simple on a tie
    expect(signalPair(rmse(10, 6, 4))?.best).toMatchObject({ tier: 'strong', score: 4 });
    expect(signalPair(acc(0.5, 0.7, null))?.best).toMatchObject({ tier: 'simple' });
  });

  it('takes the best valid run of a tier and keeps extra fields (the submission path)', () => {
    const entries = [...acc(0.5, 0.7, 0.8), { tier: 'strong' as const, score: 0.85, higherIsBetter: true, valid: true }].map((e, i) => ({ ...e, submission: `s${i}.csv` }));
    expect(signalPair(entries)?.best).toMatchObject({ score: 0.85, submission: 's3.csv' });
  });

  it('is undefined without a valid trivial or a valid learned run', () => {
    expect(signalPair(acc(null, 0.7, 0.8))).toBeUndefined();
    expect(signalPair(acc(0.5, null, null))).toBeUndefined();
    expect(signalPair([])).toBeUndefined();
  });
});

describe('ladderScale', () => {
  it('is the range width when bounded, else the trivial distance to the best value', () => {
    expect(ladderScale([-1, 1], 1, 0)).toBe(2);
    expect(ladderScale([0, Infinity], 0, 1.1)).toBeCloseTo(1.1);
    expect(ladderScale([-Infinity, 1], 1, 0)).toBe(1);
    expect(ladderScale([0, Infinity], 0, undefined)).toBeNull();
  });
});
