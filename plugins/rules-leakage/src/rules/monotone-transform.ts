import { isNumeric, linearR2, spearman } from '../sql-stats.js';
import { withTrainTarget } from '../target-info.js';
import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { featureColumns, formatNumber as fmt } from '@mle-smith/task-package';

export interface MonotoneTransformOptions extends Record<string, unknown> {
  threshold: number;
  minRows: number;
}

/** |Spearman ρ| from which a feature named as a version of the target (`adjdep` of `depression`) is that version. */
const NAMED_VARIANT_RHO = 0.8;
/** Prefixes that make a version of a variable: adjusted, log, standardised, ranked, lagged … */
const VARIANT_PREFIX = /^(adj|adjusted|log|ln|log10|sqrt|std|standardi[sz]ed|z|scaled|norm|normali[sz]ed|rank|ranked|pct|percent|cum|cumulative|resid|residual|corr|corrected)[_.]?/i;

/**
 * "an adjusted version" when the feature's name is a variant prefix plus the start of the target's
 * name (`adjdep` for `depression`, `log_price` for `price`), else undefined.
 */
export function namedVariant(feature: string, target: string): string | undefined {
  const m = VARIANT_PREFIX.exec(feature);
  if (!m) return undefined;
  const rest = feature.slice(m[0].length).toLowerCase().replace(/[^a-z0-9]/g, '');
  const t = target.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (rest.length < 3 || !t.startsWith(rest)) return undefined;
  return `a version (${m[1].toLowerCase()})`;
}

export const monotoneTransform = defineRule<'package', MonotoneTransformOptions>({
  id: 'leakage/monotone-transform',
  phase: 'package',
  severity: 'error',
  description:
    'No numeric public feature is a monotone transform of a regression target (log, rank, rescaling, a unit change): |Spearman ρ| ≥ threshold ' +
    'over the train rows where both are set (computed in DuckDB with mid-ranks). The message says whether the transform is also linear. ' +
    'A feature named as a version of the target (adj/log/std/rank/… + the start of its name: `adjdep` of `depression`) is one already at |ρ| ≥ 0.8.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      threshold: { type: 'number', minimum: 0, maximum: 1, description: '|Spearman ρ| at or above which a feature is a transform of the target' },
      minRows: { type: 'integer', minimum: 2, description: 'skip a feature with fewer train rows where it and the target are both set' },
    },
  },
  defaultOptions: { threshold: 0.999, minRows: 20 },
  async check({ taskDir, manifest }, { opts }) {
    return withTrainTarget(taskDir, manifest, opts.minRows, async (db, t, info) => {
      if (info.kind !== 'regression') return [];
      const issues: Issue[] = [];
      for (const column of featureColumns(t.train.columns, manifest)) {
        if (!isNumeric(t.train.types[column])) continue;
        const x = `${q(column)}::DOUBLE`;
        const fit = await linearR2(db, 'train', x, info.y);
        if (!fit || fit.n < opts.minRows) continue;
        const variant = namedVariant(column, info.name);
        if (variant && Math.sqrt(fit.rankR2) >= NAMED_VARIANT_RHO) {
          issues.push({
            message:
              `public feature "${column}" is by its name ${variant} of the target "${info.name}" and follows it (|Spearman ρ| ${fmt(Math.sqrt(fit.rankR2), 4)} ≥ ${NAMED_VARIANT_RHO}, ` +
              `over ${fit.n} rows); drop it`,
            location: `public/train.csv, column "${column}"`,
            data: { column, variant, rankR2: fit.rankR2, rows: fit.n },
          });
          continue;
        }
        if (Math.sqrt(fit.rankR2) < opts.threshold) continue;
        const rho = (await spearman(db, 'train', x, info.y)) ?? 0;
        const kind = fit.r2 >= opts.threshold ? 'a linear rescaling' : 'a non-linear monotone transform (log, power, rank, …)';
        issues.push({
          message:
            `public feature "${column}" is ${kind} of the target "${info.name}", ${rho > 0 ? 'increasing' : 'decreasing'} ` +
            `(|Spearman ρ| ${fmt(Math.abs(rho), 6)} ≥ ${opts.threshold}, linear R² ${fmt(fit.r2, 6)}, over ${fit.n} rows); drop it`,
          location: `public/train.csv, column "${column}"`,
          data: { column, spearman: rho, linearR2: fit.r2, rows: fit.n },
        });
      }
      return issues;
    });
  },
});
