import { isNumeric } from '../sql-stats.js';
import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import type { DuckDbSession } from '@mle-smith/data';
import { quoteIdent as q, quoteLiteral as lit } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt } from '@mle-smith/task-package';

export interface ClassConfinedOptions extends Record<string, unknown> {
  maxWidthRatio: number;
  maxOverlap: number;
  minDistinct: number;
  minClassRows: number;
  minRows: number;
}

interface ClassBand {
  label: string;
  n: number;
  lo: number;
  hi: number;
}

/** Each label's central 90 % band of x (5th to 95th percentile) over the rows where x is present. */
async function classBands(db: DuckDbSession, x: string, y: string): Promise<ClassBand[]> {
  const rows = await db.all<{ label: string; n: number; lo: number; hi: number }>(
    `SELECT ${y} AS label, count(*)::DOUBLE AS n, quantile_cont(${x}, 0.05) AS lo, quantile_cont(${x}, 0.95) AS hi
     FROM train WHERE ${x} IS NOT NULL AND isfinite(${x}) AND ${y} IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({ label: r.label, n: Number(r.n), lo: Number(r.lo), hi: Number(r.hi) }));
}

/** Share of the rows of labels other than `label` whose x lies inside [lo, hi]. */
async function overlapOf(db: DuckDbSession, x: string, y: string, band: ClassBand): Promise<number> {
  const [r] = await db.all<{ inside: number; n: number }>(
    `SELECT count(*) FILTER (WHERE ${x} BETWEEN ${band.lo} AND ${band.hi})::DOUBLE AS inside, count(*)::DOUBLE AS n
     FROM train WHERE ${x} IS NOT NULL AND isfinite(${x}) AND ${y} IS NOT NULL AND ${y} <> ${lit(band.label)}`,
  );
  return r && r.n ? Number(r.inside) / Number(r.n) : 1;
}

export const classConfined = defineRule<'package', ClassConfinedOptions>({
  id: 'leakage/class-confined',
  phase: 'package',
  severity: 'error',
  description:
    'No public measurement is (nearly) constant within one class of a binary target, at values the other class seldom takes (over train.csv, in ' +
    'DuckDB): the class\'s central 90 % band of the feature is at most maxWidthRatio as wide as the other class\'s, and holds at most maxOverlap of ' +
    'the other class\'s rows. That is a value recorded only after the outcome — the card spending of applicants who were refused a card is 0 — ' +
    'which leaks the label even when a few rows of the other class share the value and the ROC AUC stays under leakage/single-feature\'s threshold. ' +
    'Only columns with at least minDistinct values count: a few-valued column is a category, and a category that marks one class is ' +
    'leakage/single-feature\'s and leakage/functional-dependency\'s to judge.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      maxWidthRatio: { type: 'number', minimum: 0, maximum: 1, description: "largest width of the class's band, as a fraction of the other class's band, that counts as confined" },
      maxOverlap: { type: 'number', minimum: 0, maximum: 1, description: "largest share of the other class's rows inside the band that still counts as a leak" },
      minDistinct: { type: 'integer', minimum: 2, description: 'fewest distinct values of a feature the rule looks at' },
      minClassRows: { type: 'integer', minimum: 2, description: 'fewest train rows of a class (with the feature present) for its band to count' },
      minRows: { type: 'integer', minimum: 2, description: 'skip the rule below this many train rows' },
    },
  },
  defaultOptions: { maxWidthRatio: 0.01, maxOverlap: 0.05, minDistinct: 20, minClassRows: 10, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      if (info.kind !== 'binary') return [];
      const issues: Issue[] = [];
      for (const column of featureColumns(t.train.columns, manifest)) {
        if (!isNumeric(t.train.types[column])) continue;
        const x = `${q(column)}::DOUBLE`;
        const [{ distinct }] = await db.all<{ distinct: number }>(`SELECT count(DISTINCT ${q(column)})::BIGINT AS distinct FROM train`);
        if (Number(distinct) < opts.minDistinct) continue;
        const bands = await classBands(db, x, info.y);
        if (bands.length !== 2) continue;
        for (const [confined, other] of [[bands[0], bands[1]], [bands[1], bands[0]]]) {
          const otherWidth = other.hi - other.lo;
          if (confined.n < opts.minClassRows || other.n < opts.minClassRows || !(otherWidth > 0)) continue;
          const ratio = (confined.hi - confined.lo) / otherWidth;
          if (ratio > opts.maxWidthRatio) continue;
          const overlap = await overlapOf(db, x, info.y, confined);
          if (overlap > opts.maxOverlap) continue;
          issues.push({
            message:
              `public feature "${column}" is confined to [${fmt(confined.lo, 6)}, ${fmt(confined.hi, 6)}] for ${info.name} = "${confined.label}" ` +
              `(90 % of its rows; ${fmt(ratio, 4)} of the width for "${other.label}", whose rows fall there only ${fmt(overlap * 100, 3)} % of the time): ` +
              `a value recorded after the outcome leaks the label; drop it`,
            location: `public/train.csv, column "${column}"`,
            data: { column, label: confined.label, band: [confined.lo, confined.hi], widthRatio: ratio, overlap },
          });
          break;
        }
      }
      return issues;
    });
  },
});
