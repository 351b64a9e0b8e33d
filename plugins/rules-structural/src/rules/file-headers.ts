import { defineRule, type Issue } from '@mle-smith/core';
import { withPackage } from '@mle-smith/task-package';

export const fileHeaders = defineRule({
  id: 'structural/file-headers',
  phase: 'package',
  severity: 'error',
  description:
    'train.csv has the id and target columns; test.csv has the id and the same feature columns as train; sample_submission.csv has exactly the id and prediction columns of task.json; answers.csv has the id and the target.',
  async check({ taskDir, manifest }) {
    const id = manifest.submission.idColumn;
    const target = manifest.target;
    const predictions = manifest.submission.predictionColumns.map((c) => c.name);
    return withPackage(taskDir, ['train', 'test', 'sample', 'answers'], async (_db, t) => {
      const issues: Issue[] = [];
      const need = (file: { file: string; columns: string[] }, column: string, why: string): void => {
        if (!file.columns.includes(column)) issues.push({ message: `${file.file} has no "${column}" column (${why})`, location: `${file.file}, column "${column}"`, data: { column } });
      };
      need(t.train, target, 'the target solvers learn from');
      need(t.test, id, 'task.json submission.idColumn');
      need(t.answers, id, 'task.json submission.idColumn');
      need(t.answers, target, 'the graded target');
      const trainFeatures = t.train.columns.filter((c) => c !== id && c !== target);
      const testFeatures = t.test.columns.filter((c) => c !== id && c !== target);
      const missing = trainFeatures.filter((c) => !testFeatures.includes(c));
      const extra = testFeatures.filter((c) => !trainFeatures.includes(c));
      if (missing.length) issues.push({ message: `test.csv lacks train feature column(s) ${missing.map((c) => `"${c}"`).join(', ')}; both files need the same features`, location: 'public/test.csv', data: { columns: missing } });
      if (extra.length) issues.push({ message: `test.csv has column(s) ${extra.map((c) => `"${c}"`).join(', ')} that train.csv lacks; both files need the same features`, location: 'public/test.csv', data: { columns: extra } });
      const expected = [id, ...predictions];
      if (t.sample.columns.join('\u0000') !== expected.join('\u0000')) {
        issues.push({
          message: `sample_submission.csv header is [${t.sample.columns.join(', ')}] but task.json submission expects [${expected.join(', ')}]`,
          location: 'public/sample_submission.csv, header',
          data: { header: t.sample.columns, expected },
        });
      }
      return issues;
    });
  },
});
