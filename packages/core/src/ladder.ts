// The execution verdict of DESIGN.md §5: every baseline yields a valid submission, the ladder
// is ordered by a clear margin, and the strong baseline is not saturated.
import type { Difficulty, Finding } from './contracts/task.js';

export interface LadderScore {
  solver: string;
  tier: string;
  /** null when the run failed or the submission was invalid. */
  score: number | null;
}

export interface LadderVerdictOptions {
  higherIsBetter: boolean;
  /** Best and worst value of the metric, e.g. [0, 1] for accuracy, [0, Infinity] for rmse. */
  range: [number, number];
  /** The clear margin, as a fraction of the trivial baseline's distance to the best value. */
  minMarginFraction: number;
  /** Distance to the best value below which the strong baseline counts as saturated. */
  saturationTolerance?: number;
}

export interface LadderVerdict {
  passed: boolean;
  difficulty: Difficulty;
  findings: Finding[];
}

const TIER_ORDER = ['trivial', 'simple', 'strong'];

export function ladderVerdict(entries: LadderScore[], options: LadderVerdictOptions): LadderVerdict {
  const findings: Finding[] = [];
  const fail = (ruleId: string, message: string, data?: Record<string, unknown>): void => {
    findings.push({ ruleId, severity: 'error', message, phase: 'execute', data });
  };
  for (const e of entries) {
    if (e.score === null || !Number.isFinite(e.score)) fail('execution/baseline-failed', `baseline ${e.solver} (${e.tier}) produced no valid submission`, { solver: e.solver });
  }
  const byTier = (tier: string): number | null => entries.find((e) => e.tier === tier)?.score ?? null;
  const best = options.higherIsBetter ? options.range[1] : options.range[0];
  const gap = (score: number): number => Math.abs(best - score);
  const trivial = byTier('trivial');
  const learned = [byTier('simple'), byTier('strong')].filter((s): s is number => s !== null && Number.isFinite(s));
  let difficulty: Difficulty = 'unknown';
  if (trivial !== null && learned.length > 0) {
    const top = options.higherIsBetter ? Math.max(...learned) : Math.min(...learned);
    const trivialGap = Number.isFinite(gap(trivial)) ? gap(trivial) : Math.abs(top - trivial);
    const improvement = options.higherIsBetter ? top - trivial : trivial - top;
    if (!(improvement > options.minMarginFraction * Math.max(trivialGap, 1e-12))) {
      fail('execution/ladder-unordered', `learned baselines do not beat the trivial baseline by a clear margin (trivial ${fmt(trivial)}, best learned ${fmt(top)}): the metric does not respond to method quality, or the target is not learnable`, { trivial, top });
    }
    const tolerance = options.saturationTolerance ?? 1e-3 * (Number.isFinite(options.range[1] - options.range[0]) ? options.range[1] - options.range[0] : 1);
    if (Number.isFinite(best) && gap(top) <= tolerance) {
      fail('execution/saturated', `the best baseline reaches ${fmt(top)}, the metric's best value: the task is trivial or leaky`, { top });
    }
    const remaining = Number.isFinite(trivialGap) && trivialGap > 0 ? gap(top) / trivialGap : 1;
    difficulty = remaining < 0.15 ? 'easy' : remaining < 0.5 ? 'medium' : 'hard';
  }
  return { passed: findings.length === 0, difficulty, findings };
}

export function sortLadder<E extends { tier?: string }>(entries: E[]): E[] {
  return [...entries].sort((a, b) => TIER_ORDER.indexOf(a.tier ?? '') - TIER_ORDER.indexOf(b.tier ?? ''));
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
