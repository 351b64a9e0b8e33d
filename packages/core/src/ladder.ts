// The execution verdict of DESIGN.md §5 over graded baseline runs: every rung valid, the best
// learned rung above the trivial one beyond noise (a paired-bootstrap interval from the grader)
// and by a clear margin, the strong rung not far below the simple one, no rung saturated, and a
// difficulty level.
// The exact rule is written down in docs/baselines.md; keep the two in step.
import { BASELINE_TIERS as TIERS, type BaselineTier } from './contracts/execution.js';
import type { Difficulty, Finding } from './contracts/task.js';

export interface LadderRung {
  tier: BaselineTier;
  /** Host-side grade of the rung's submission; null when there is none. */
  score: number | null;
  higherIsBetter: boolean;
  /** The run finished with a submission that the grader accepted. */
  valid: boolean;
  /** Solver id, used in messages only. */
  solver?: string;
}

/**
 * The paired-bootstrap interval of the best learned rung's gain over the trivial one, in the
 * metric's good direction (from `Grader.compare`; the two rungs are those `signalPair` picks).
 */
export interface LadderSignal {
  lo: number;
  hi: number;
  /** The gain on every test row. */
  difference: number;
  confidence: number;
  resamples: number;
  /** Resamples on which the metric was defined for both rungs. */
  usedResamples?: number;
  rows?: number;
  sampledRows?: number;
  best: { tier: BaselineTier; solver?: string };
  trivial: { tier: BaselineTier; solver?: string };
}

export interface LadderVerdictOptions {
  /** The clear margin, as a fraction of the scale (see `ladderScale`). Config: execute.minMarginFraction. */
  minMarginFraction: number;
  /** The metric's [worst..best] bounds as [min, max], e.g. [0, 1] for accuracy, [0, Infinity] for rmse. */
  metricRange: [number, number];
  /** Distance to the best value, as a fraction of the scale, that counts as saturated. Default 0.001. */
  saturationFraction?: number;
  /**
   * How far strong may fall below simple and the ladder still count as ordered, as a fraction of
   * the simple rung's gain over trivial (never less than the margin). Default 0.5: strong must keep
   * at least half of what the linear model gained. A smaller drop than this (but above the margin)
   * is a warning.
   */
  inversionFraction?: number;
  /** Upper bounds of the headroom fraction the strong rung leaves, for easy and medium. Default 0.15 / 0.5. */
  difficultyThresholds?: { easy: number; medium: number };
  /**
   * The signal test: the ladder is unordered unless `signal.lo > 0`. Absent: not tested, the
   * margin alone decides (the caller says why in a finding of its own).
   */
  signal?: LadderSignal;
}

export interface LadderVerdict {
  /** Every rung valid, a learned rung clearly above trivial, strong not far below simple. */
  ordered: boolean;
  /** The best rung is (almost) at the metric's best value: the task is trivial or leaky. */
  saturated: boolean;
  /** How much of the trivial→best headroom the strong rung leaves; 'unknown' without valid trivial and strong scores. */
  difficulty: Difficulty;
  findings: Finding[];
  /** The numbers behind the verdict, for reports. */
  details: {
    scale: number | null;
    margin: number | null;
    best: number;
    scores: Partial<Record<BaselineTier, number>>;
    /** Fraction of the headroom above trivial left by the strong rung (0 = perfect, 1 = no better than trivial). */
    remaining: number | null;
    signal: LadderSignal | null;
  };
}

const DEFAULT_SATURATION_FRACTION = 1e-3;
const DEFAULT_INVERSION_FRACTION = 0.5;
const DEFAULT_THRESHOLDS = { easy: 0.15, medium: 0.5 };

/**
 * The scale margins are measured in: the metric's range when it is bounded (accuracy, AUC, R²
 * clipped, ...), else the trivial rung's distance to the best value (rmse, log_loss, ...), so that
 * "2 %" means 2 % of what a model could gain over a constant prediction.
 */
export function ladderScale(metricRange: [number, number], best: number, trivial: number | undefined): number | null {
  const width = metricRange[1] - metricRange[0];
  if (Number.isFinite(width) && width > 0) return width;
  if (trivial !== undefined && Number.isFinite(best)) {
    const gap = Math.abs(best - trivial);
    return gap > 0 ? gap : null;
  }
  return null;
}

/** What the verdict's parts share: the findings so far, the metric's direction and best value. */
interface Judge {
  add(severity: Finding['severity'], rule: string, message: string, data?: Record<string, unknown>): void;
  /** Improvement of `a` over `b` in the metric's good direction. */
  gain(a: number, b: number): number;
  best: number;
  options: LadderVerdictOptions;
}

export function ladderVerdict(entries: LadderRung[], options: LadderVerdictOptions): LadderVerdict {
  const findings: Finding[] = [];
  const higherIsBetter = entries[0]?.higherIsBetter ?? true;
  const judge: Judge = {
    add: (severity, rule, message, data) => {
      findings.push({ ruleId: `execution/${rule}`, severity, message, phase: 'execute', ...(data ? { data } : {}) });
    },
    gain: (a, b) => (higherIsBetter ? a - b : b - a),
    best: higherIsBetter ? options.metricRange[1] : options.metricRange[0],
    options,
  };
  const scores = checkRungs(judge, entries, higherIsBetter);
  const scale = ladderScale(options.metricRange, judge.best, scores.trivial);
  const margin = scale === null ? null : options.minMarginFraction * scale;
  const complete = scores.trivial !== undefined && scores.simple !== undefined && scores.strong !== undefined && !findings.some((f) => f.severity === 'error');
  const ordered = judgeOrder(judge, scores, margin, complete);
  const saturated = judgeSaturation(judge, scores, scale);
  const { difficulty, remaining } = judgeDifficulty(judge, scores);
  return { ordered, saturated, difficulty, findings, details: { scale, margin, best: judge.best, scores, remaining, signal: options.signal ?? null } };
}

/** One direction for every rung, every rung valid, every tier run; the best score per tier. */
function checkRungs(judge: Judge, entries: LadderRung[], higherIsBetter: boolean): Partial<Record<BaselineTier, number>> {
  const { add } = judge;
  if (entries.some((e) => e.higherIsBetter !== higherIsBetter)) {
    add('error', 'inconsistent-direction', 'ladder entries disagree on whether higher scores are better; they must share one metric');
  }
  for (const e of entries) {
    if (!usable(e)) add('error', 'baseline-invalid', `baseline ${e.solver ?? e.tier} (${e.tier}) produced no valid submission`, { tier: e.tier, solver: e.solver ?? null, score: e.score });
  }
  const scores: Partial<Record<BaselineTier, number>> = {};
  for (const [tier, e] of bestPerTier(entries, higherIsBetter)) scores[tier] = e.score as number;
  for (const tier of TIERS) {
    if (!entries.some((e) => e.tier === tier)) add('error', 'baseline-missing', `the ladder has no ${tier} baseline run`, { tier });
  }
  return scores;
}

/** A learned rung above trivial (beyond noise and by the margin), and strong not far below simple. */
function judgeOrder(judge: Judge, scores: Partial<Record<BaselineTier, number>>, margin: number | null, complete: boolean): boolean {
  const { add, gain, options } = judge;
  const { trivial, simple, strong } = scores;
  if (trivial === undefined) return false;
  if (margin === null) {
    const [lo, hi] = options.metricRange;
    add('error', 'ladder-unordered', `the ladder cannot be judged: the metric range [${lo}, ${hi}] and the trivial score give no scale`, { trivial });
    return false;
  }
  if (simple === undefined && strong === undefined) return false;
  const learned = [simple, strong].filter((s): s is number => s !== undefined);
  const top = learned.reduce((a, b) => (gain(b, a) > 0 ? b : a));
  // Noise first: a gain the bootstrap cannot tell from zero is no signal, whatever its size; a
  // real gain below the margin is too small to tell methods apart (large test sets).
  const significant = options.signal === undefined || options.signal.lo > 0;
  if (options.signal) reportSignal(judge, options.signal, significant, top, trivial);
  const clearlyAbove = gain(top, trivial) >= margin;
  if (significant && !clearlyAbove) {
    add('error', 'ladder-unordered', `no learned baseline beats the trivial one by the margin ${fmt(margin)} (trivial ${fmt(trivial)}, best learned ${fmt(top)}): the metric does not respond to method quality, or the target is not learnable`, { trivial, top, margin });
  }
  const strongHolds = judgeInversion(judge, scores, margin);
  if (significant && clearlyAbove && simple !== undefined && gain(simple, trivial) < margin) {
    add('warning', 'simple-not-above-trivial', `the simple baseline (${fmt(simple)}) does not clear the trivial one (${fmt(trivial)}) by the margin; only the strong baseline does`, { trivial, simple, margin });
  }
  return complete && significant && clearlyAbove && strongHolds;
}

function reportSignal(judge: Judge, signal: LadderSignal, significant: boolean, top: number, trivial: number): void {
  const over = signal.rows === undefined ? '' : ` over ${signal.rows} test rows${signal.sampledRows !== undefined && signal.sampledRows < signal.rows ? ` (${signal.sampledRows} sampled)` : ''}`;
  const how = `paired bootstrap${over}, ${signal.resamples} resamples: gain ${fmt(signal.difference)}, interval [${fmt(signal.lo)}, ${fmt(signal.hi)}]`;
  const rungs = `the best learned baseline (${signal.best.solver ?? signal.best.tier}, ${fmt(top)})`;
  const data = {
    lo: signal.lo, hi: signal.hi, difference: signal.difference, confidence: signal.confidence, resamples: signal.resamples,
    usedResamples: signal.usedResamples ?? signal.resamples, rows: signal.rows ?? null, sampledRows: signal.sampledRows ?? null,
    best: signal.best.tier, bestSolver: signal.best.solver ?? null, trivialSolver: signal.trivial.solver ?? null, bestScore: top, trivialScore: trivial,
  };
  if (significant) judge.add('info', 'signal', `${rungs} beats the trivial one (${fmt(trivial)}) with ${pct(signal.confidence)} confidence — ${how}`, data);
  else judge.add('error', 'no-learnable-signal', `no learnable signal: ${rungs} does not beat the trivial one (${fmt(trivial)}) with ${pct(signal.confidence)} confidence — ${how}`, data);
}

/** Strong below simple by more than the margin: a warning within the tolerance, an inverted ladder beyond it. */
function judgeInversion(judge: Judge, scores: Partial<Record<BaselineTier, number>>, margin: number): boolean {
  const { add, gain, options } = judge;
  const { trivial, simple, strong } = scores;
  if (trivial === undefined || simple === undefined || strong === undefined || gain(strong, simple) >= -margin) return true;
  const tolerance = Math.max(margin, (options.inversionFraction ?? DEFAULT_INVERSION_FRACTION) * Math.max(0, gain(simple, trivial)));
  const holds = gain(strong, simple) >= -tolerance;
  const data = { simple, strong, margin, tolerance };
  if (holds) add('warning', 'strong-below-simple', `the strong baseline (${fmt(strong)}) is below the simple one (${fmt(simple)}) by more than the margin ${fmt(margin)}, within the tolerance ${fmt(tolerance)}`, data);
  else add('error', 'strong-below-simple', `the strong baseline (${fmt(strong)}) is worse than the simple one (${fmt(simple)}) by more than the tolerance ${fmt(tolerance)}: the ladder is inverted`, data);
  return holds;
}

/** Saturation looks at the best valid rung: if any rung reaches the best value the task is too easy. */
function judgeSaturation(judge: Judge, scores: Partial<Record<BaselineTier, number>>, scale: number | null): boolean {
  const { best, gain, options } = judge;
  const valid = Object.values(scores);
  if (valid.length === 0 || !Number.isFinite(best) || scale === null) return false;
  const top = valid.reduce((a, b) => (gain(b, a) > 0 ? b : a));
  const tolerance = (options.saturationFraction ?? DEFAULT_SATURATION_FRACTION) * scale;
  const saturated = Math.abs(best - top) <= tolerance;
  if (saturated) judge.add('error', 'saturated', `a baseline reaches ${fmt(top)}, within ${fmt(tolerance)} of the metric's best value ${fmt(best)}: the task is trivial or leaky`, { top, best, tolerance });
  return saturated;
}

function judgeDifficulty(judge: Judge, scores: Partial<Record<BaselineTier, number>>): { difficulty: Difficulty; remaining: number | null } {
  const { best, gain, options } = judge;
  const { trivial, strong } = scores;
  if (trivial === undefined || strong === undefined || !Number.isFinite(best)) return { difficulty: 'unknown', remaining: null };
  const headroom = Math.abs(best - trivial);
  const remaining = headroom > 0 ? Math.max(0, gain(best, strong)) / headroom : 0;
  const t = options.difficultyThresholds ?? DEFAULT_THRESHOLDS;
  const difficulty: Difficulty = remaining < t.easy ? 'easy' : remaining < t.medium ? 'medium' : 'hard';
  judge.add('info', 'difficulty', `${difficulty}: the strong baseline leaves ${(remaining * 100).toFixed(1)} % of the headroom above the trivial one`, { remaining, trivial, strong, best });
  return { difficulty, remaining };
}

const usable = (e: LadderRung): boolean => e.valid && e.score !== null && Number.isFinite(e.score);

/** One entry per tier: the best valid one (several entries per tier happen with several seeds); the first wins ties. */
function bestPerTier<R extends LadderRung>(entries: R[], higherIsBetter: boolean): Map<BaselineTier, R> {
  const best = new Map<BaselineTier, R>();
  for (const e of entries) {
    if (!usable(e)) continue;
    const prev = best.get(e.tier);
    if (prev === undefined || (higherIsBetter ? (e.score as number) > (prev.score as number) : (e.score as number) < (prev.score as number))) best.set(e.tier, e);
  }
  return best;
}

/**
 * The two entries the signal test compares, chosen as the verdict chooses them: the best valid
 * trivial entry and the better of the best simple and best strong entries (simple on a tie).
 * Undefined without a valid trivial and a valid learned entry.
 */
export function signalPair<R extends LadderRung>(entries: R[]): { trivial: R; best: R } | undefined {
  const higherIsBetter = entries[0]?.higherIsBetter ?? true;
  const tiers = bestPerTier(entries, higherIsBetter);
  const trivial = tiers.get('trivial');
  const simple = tiers.get('simple');
  const strong = tiers.get('strong');
  const better = (a: R, b: R) => (higherIsBetter ? (b.score as number) > (a.score as number) : (b.score as number) < (a.score as number));
  const best = simple && strong ? (better(simple, strong) ? strong : simple) : simple ?? strong;
  return trivial && best ? { trivial, best } : undefined;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}

function pct(x: number): string {
  return `${Number((x * 100).toPrecision(4))} %`;
}

const TIER_ORDER: readonly string[] = TIERS;

export function sortLadder<E extends { tier?: string }>(entries: E[]): E[] {
  return [...entries].sort((a, b) => TIER_ORDER.indexOf(a.tier ?? '') - TIER_ORDER.indexOf(b.tier ?? ''));
}
