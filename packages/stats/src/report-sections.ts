// The shape of `RunSummary.sections` for evaluation results, shared by the reporters. The JSON
// Schema of the same shape ships with @mle-smith/plugin-reporter-json (report.schema.json).
import { flattenAgreement } from './agreement.js';
import type { ScoreSetComparison } from './compare.js';
import type { EloResult, SolverUsage } from './elo.js';
import type { ScoreRow } from './scores.js';

/** `sections.eval`: the scores table. */
export interface EvalSection {
  rows: Array<ScoreRow & { taskSet?: string }>;
}

export interface EloSectionRow {
  solver: string;
  elo: number;
  /** [low, high] of the bootstrap interval, or null without bootstrap. */
  ci: [number, number] | null;
  /** Which task set the rating was fitted on, when several are reported (e.g. "A", "B", "A∪B"). */
  taskSet?: string;
  battles?: number;
  model?: string;
  usage?: SolverUsage;
}

/** `sections.elo`: ratings, best first within each task set. */
export interface EloSection {
  rows: EloSectionRow[];
  base?: number;
  anchor?: string | null;
  seed?: number;
  samples?: number;
  level?: number;
}

export interface AgreementMeasure {
  /** What was compared per solver, e.g. "elo" or "normalizedScore". */
  measure: string;
  /** Statistic name → value (null when undefined, e.g. a constant sample). */
  stats: Record<string, number | null>;
  /** The paired values: `id` (a solver) measured on set a and on set b. */
  pairs: Array<{ id: string; a: number; b: number }>;
}

/** `sections.agreement`: how two task sets agree, one entry per measure. */
export interface AgreementSection {
  labels: { a: string; b: string };
  measures: AgreementMeasure[];
}

export interface ReportSections {
  eval?: EvalSection;
  elo?: EloSection;
  agreement?: AgreementSection;
}

export function evalSection(rows: readonly ScoreRow[], taskSet?: string): EvalSection {
  return { rows: rows.map((r) => (taskSet === undefined ? { ...r } : { ...r, taskSet })) };
}

export function eloSection(result: EloResult, taskSet?: string): EloSection {
  return {
    rows: result.ratings.map((r) => ({
      solver: r.solver,
      elo: r.elo,
      ci: r.ci,
      battles: r.battles,
      ...(r.model ? { model: r.model } : {}),
      ...(r.usage ? { usage: { ...r.usage } } : {}),
      ...(taskSet === undefined ? {} : { taskSet }),
    })),
    base: result.base,
    anchor: result.anchor,
    ...(result.bootstrap ? { seed: result.bootstrap.seed, samples: result.bootstrap.samples, level: result.bootstrap.level } : {}),
  };
}

/** All three sections for a comparison of two task sets (the union is labelled "a∪b"). */
export function comparisonSections(cmp: ScoreSetComparison, a: readonly ScoreRow[], b: readonly ScoreRow[]): ReportSections {
  const { labels } = cmp;
  const union = `${labels.a}∪${labels.b}`;
  const ea = eloSection(cmp.elo.a, labels.a);
  const eb = eloSection(cmp.elo.b, labels.b);
  const eu = eloSection(cmp.elo.union, union);
  return {
    eval: { rows: [...evalSection(a, labels.a).rows, ...evalSection(b, labels.b).rows] },
    elo: { ...ea, rows: [...ea.rows, ...eb.rows, ...eu.rows] },
    agreement: {
      labels,
      measures: (['elo', 'normalizedScore'] as const).map((measure) => ({
        measure,
        stats: flattenAgreement(cmp.agreement[measure].stats),
        pairs: cmp.agreement[measure].pairs.map((p) => ({ id: p.solver, a: p.a, b: p.b })),
      })),
    },
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function isEval(v: unknown): v is EvalSection {
  return isObj(v) && Array.isArray(v.rows) && v.rows.every((r) => isObj(r) && typeof r.task === 'string' && typeof r.solver === 'string' && typeof r.valid === 'boolean' && (r.score === null || isNum(r.score)));
}

function isElo(v: unknown): v is EloSection {
  return isObj(v) && Array.isArray(v.rows) && v.rows.every((r) => isObj(r) && typeof r.solver === 'string' && isNum(r.elo) && (r.ci === null || (Array.isArray(r.ci) && r.ci.length === 2 && r.ci.every(isNum))));
}

function isAgreement(v: unknown): v is AgreementSection {
  return (
    isObj(v) && isObj(v.labels) && typeof v.labels.a === 'string' && typeof v.labels.b === 'string' && Array.isArray(v.measures) &&
    v.measures.every((m) => isObj(m) && typeof m.measure === 'string' && isObj(m.stats) && Object.values(m.stats).every((x) => x === null || isNum(x)) &&
      Array.isArray(m.pairs) && m.pairs.every((p) => isObj(p) && typeof p.id === 'string' && isNum(p.a) && isNum(p.b)))
  );
}

/**
 * Picks the well-formed evaluation sections out of `RunSummary.sections` (other keys and
 * malformed sections are left out and named in `skipped`), so reporters can render them safely.
 */
export function readReportSections(sections: Record<string, unknown> | undefined): ReportSections & { skipped: string[] } {
  const out: ReportSections & { skipped: string[] } = { skipped: [] };
  if (!sections) return out;
  if (sections.eval !== undefined) isEval(sections.eval) ? (out.eval = sections.eval) : out.skipped.push('eval');
  if (sections.elo !== undefined) isElo(sections.elo) ? (out.elo = sections.elo) : out.skipped.push('elo');
  if (sections.agreement !== undefined) isAgreement(sections.agreement) ? (out.agreement = sections.agreement) : out.skipped.push('agreement');
  return out;
}
