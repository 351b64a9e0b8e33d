// An example third-party plugin, written in plain JavaScript so it loads without a build step.
// It contributes a Designer (quantile classes of a numeric column) and a Reporter (audit.json),
// and observes the pipeline through hooks. See docs/plugin-authoring.md.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { definePlugin, writeFileAtomic, writeJsonAtomic } from '@mle-smith/core';
import { materializeSplit, quoteIdent, runReadOnlySql } from '@mle-smith/data';

const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['column'],
  properties: {
    column: { type: 'string', description: 'Numeric column to bin into low / mid / high.' },
    hookLog: { type: 'string', description: 'Optional file that records every hook call, one per line.' },
  },
};

export default definePlugin((options) => {
  const record = (line) => options.hookLog && appendFileSync(options.hookLog, `${line}\n`);
  const column = options.column;

  const designer = {
    id: 'quantiles',
    modality: 'tabular',
    supports: (profile) => profile.tables.some((t) => t.columns.some((c) => c.name === column && (c.inferredType === 'float' || c.inferredType === 'integer'))),

    async brainstorm(profile, ctx) {
      const table = profile.tables.find((t) => t.columns.some((c) => c.name === column));
      // Tertile cut points come from the data, computed read-only in DuckDB.
      const { rows } = await runReadOnlySql(profile.dir, `SELECT quantile_cont(${quoteIdent(column)}, [1/3, 2/3]) FROM ${quoteIdent(table.name)}`);
      const [q1, q2] = rows[0][0];
      const c = quoteIdent(column);
      return [{
        id: `${profile.name}-${column}-tertile`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-'),
        dataset: profile.name,
        table: table.name,
        title: `${column} tertile of ${profile.name}`,
        modality: 'tabular',
        objective: 'multiclass',
        target: { name: `${column}_level`, expression: `CASE WHEN ${c} < ${q1} THEN 'low' WHEN ${c} < ${q2} THEN 'mid' ELSE 'high' END`, sourceColumns: [column] },
        metric: { name: 'accuracy', higherIsBetter: true },
        split: { strategy: 'stratified', testFraction: 0.25, seed: ctx.seed },
        dropColumns: [],
        justification: `Predict whether ${column} is low, mid or high (tertiles ${q1.toFixed(3)} / ${q2.toFixed(3)}) from the other columns.`,
      }];
    },

    async design(proposal, profile) {
      const table = profile.tables.find((t) => t.name === proposal.table);
      const features = table.columns.map((c) => c.name).filter((n) => n !== column && !table.columns.find((c) => c.name === n).identifierLike);
      return {
        specVersion: 1, id: proposal.id, title: proposal.title, dataset: proposal.dataset, table: proposal.table,
        modality: 'tabular', objective: 'multiclass', target: proposal.target, rowKey: [], features, derivedFeatures: [],
        dropColumns: [column], metric: proposal.metric, split: proposal.split,
        submission: { idColumn: 'id', predictionColumns: [{ name: proposal.target.name, type: 'string' }] },
        description: { overview: proposal.justification },
      };
    },

    async materialize(spec, ctx) {
      const result = await materializeSplit(spec, { rawDir: ctx.rawDir, outDir: ctx.outDir });
      await writeFileAtomic(join(ctx.outDir, 'description.md'), [
        `# ${spec.title}`, '', '## Overview', spec.description.overview, '',
        '## Data', 'public/train.csv (with the target), public/test.csv (without it), public/sample_submission.csv.', '',
        '## Evaluation', 'Accuracy: the fraction of test rows whose predicted level equals the true level.', '',
        '## Submission format', `A CSV with columns id and ${spec.target.name} (low, mid or high).`, '',
      ].join('\n'));
      return { rows: result.rows, classes: result.classes };
    },
  };

  return {
    name: 'quantiles',
    apiVersion: 1,
    setup(api) {
      api.addDesigner(designer);
      api.addReporter({
        id: 'audit',
        onRunEnd: (summary) => writeJsonAtomic(join(summary.runDir, 'audit.json'), summary.tasks.map((t) => ({ task: t.taskId, status: t.status, reasons: t.reasons }))),
      });
    },
    onRunStart: () => record('onRunStart'),
    beforeStage: (scope) => record(`beforeStage ${scope.stage}`),
    afterStage: (scope) => record(`afterStage ${scope.stage}`),
    transformTaskSpec: () => record('transformTaskSpec'),
    onFinding: (finding) => record(`onFinding ${finding.ruleId}`),
    onRunEnd: () => record('onRunEnd'),
  };
}, optionsSchema);
