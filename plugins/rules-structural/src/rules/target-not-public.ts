import { defineRule, type Issue } from '@mle-smith/core';
import { quoteIdent as q } from '@mle-smith/data';
import { formatNumber as fmt, withPackage } from '@mle-smith/task-package';

export interface TargetNotPublicOptions extends Record<string, unknown> {
  maxSampleAgreement: number;
}

export const targetNotPublic = defineRule<'package', TargetNotPublicOptions>({
  id: 'structural/target-not-public',
  phase: 'package',
  severity: 'error',
  description:
    'The target column is absent from public test.csv, and sample_submission.csv does not hold the true answers (agreement with answers.csv above maxSampleAgreement).',
  schema: { type: 'object', additionalProperties: false, properties: { maxSampleAgreement: { type: 'number', minimum: 0, maximum: 1 } } },
  defaultOptions: { maxSampleAgreement: 0.95 },
  async check({ taskDir, manifest }, { opts }) {
    const id = manifest.submission.idColumn;
    const target = manifest.target;
    return withPackage(taskDir, ['test', 'sample', 'answers'], async (db, t) => {
      const issues: Issue[] = [];
      const inTest = t.test.columns.find((c) => c.toLowerCase() === target.toLowerCase());
      if (inTest) {
        issues.push({ message: `public/test.csv contains the target column "${inTest}"; remove it (the answers belong in private/answers.csv only)`, location: `public/test.csv, column "${inTest}"`, data: { column: inTest } });
      }
      if (!t.sample.columns.includes(id) || !t.answers.columns.includes(id) || !t.answers.columns.includes(target)) return issues;
      const [{ distinct }] = await db.all<{ distinct: number }>(`SELECT count(DISTINCT ${q(target)})::BIGINT AS distinct FROM answers`);
      if (Number(distinct) < 2) return issues;
      for (const col of manifest.submission.predictionColumns) {
        if (!t.sample.columns.includes(col.name) || col.name === id) continue;
        const [{ n, same }] = await db.all<{ n: number; same: number }>(
          `SELECT count(*)::BIGINT AS n, count(*) FILTER (WHERE trim(s.${q(col.name)}) = trim(a.${q(target)})
             OR TRY_CAST(s.${q(col.name)} AS DOUBLE) = TRY_CAST(a.${q(target)} AS DOUBLE))::BIGINT AS same
           FROM sample s JOIN answers a ON s.${q(id)} = a.${q(id)}`,
        );
        const agreement = Number(n) ? Number(same) / Number(n) : 0;
        if (agreement > opts.maxSampleAgreement) {
          issues.push({
            message: `sample_submission.csv column "${col.name}" equals the true target on ${fmt(agreement * 100, 3)}% of ids: it leaks the answers; fill it with a constant or random placeholder`,
            location: `public/sample_submission.csv, column "${col.name}"`,
            data: { column: col.name, agreement },
          });
        }
      }
      return issues;
    });
  },
});
