import { defineRule, type Issue } from '@mle-smith/core';
import { quoteLiteral as lit, quoteIdent as q } from '@mle-smith/data';
import { isClassification, withPackage } from '@mle-smith/task-package';

export interface SplitSizesOptions extends Record<string, unknown> {
  minTrainRows: number;
  minTestRows: number;
  minPerClass: number;
}

export const splitSizes = defineRule<'package', SplitSizesOptions>({
  id: 'structural/split-sizes',
  phase: 'package',
  severity: 'error',
  description:
    'train.csv has at least minTrainRows rows and test.csv at least minTestRows; for classification every class has at least minPerClass train rows, and no test class is absent from train.',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      minTrainRows: { type: 'integer', minimum: 1 },
      minTestRows: { type: 'integer', minimum: 1 },
      minPerClass: { type: 'integer', minimum: 1 },
    },
  },
  // As structural/test-fraction's: a 40-row table can make a task (20 train, 20 test rows).
  defaultOptions: { minTrainRows: 20, minTestRows: 20, minPerClass: 2 },
  async check({ taskDir, manifest }, { opts }) {
    const target = manifest.target;
    return withPackage(taskDir, ['train', 'test', 'answers'], async (db, t) => {
      const issues: Issue[] = [];
      // What the repair needs to move the test fraction (docs/verification.md).
      const sizes = { trainRows: t.train.rows, testRows: t.test.rows, minTrainRows: opts.minTrainRows, minTestRows: opts.minTestRows, testFraction: manifest.split.testFraction };
      if (t.train.rows < opts.minTrainRows) {
        issues.push({ message: `train.csv has ${t.train.rows} rows (< ${opts.minTrainRows}); use more data or a smaller test fraction`, location: 'public/train.csv', data: { rows: t.train.rows, side: 'train', ...sizes } });
      }
      if (t.test.rows < opts.minTestRows) {
        issues.push({ message: `test.csv has ${t.test.rows} rows (< ${opts.minTestRows}); scores on so few rows are noise, raise the test fraction`, location: 'public/test.csv', data: { rows: t.test.rows, side: 'test', ...sizes } });
      }
      if (!isClassification(manifest.objective) || !t.train.columns.includes(target)) return issues;
      const counts = await db.all<{ label: string | null; n: number }>(`SELECT ${q(target)} AS label, count(*)::BIGINT AS n FROM train GROUP BY 1 ORDER BY 2, 1`);
      const rare = counts.filter((c) => c.label !== null && Number(c.n) < opts.minPerClass);
      for (const c of rare.slice(0, 10)) {
        issues.push({
          message: `class ${lit(String(c.label))} has ${c.n} train row(s) (< ${opts.minPerClass}); merge rare classes or filter them out`,
          location: `public/train.csv, column "${target}"`,
          data: { class: c.label, count: Number(c.n) },
        });
      }
      if (counts.filter((c) => c.label !== null).length < 2) {
        issues.push({ message: `train.csv has fewer than two classes in "${target}"; a classification task needs at least two`, location: `public/train.csv, column "${target}"` });
      }
      if (t.answers.columns.includes(target)) {
        const unseen = await db.all<{ label: string }>(
          `SELECT DISTINCT ${q(target)} AS label FROM answers WHERE ${q(target)} IS NOT NULL EXCEPT SELECT ${q(target)} FROM train ORDER BY 1 LIMIT 10`,
        );
        if (unseen.length) {
          issues.push({
            message: `answers.csv has class(es) ${unseen.map((u) => lit(u.label)).join(', ')} that never occur in train.csv; solvers cannot learn them — use a stratified split`,
            location: `private/answers.csv, column "${target}"`,
            data: { classes: unseen.map((u) => u.label) },
          });
        }
      }
      return issues;
    });
  },
});
