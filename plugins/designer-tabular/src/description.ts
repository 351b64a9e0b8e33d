// description.md as a Kaggle user knows it: Overview, Data files (with a column table built
// from the profile), Evaluation (the metric in words and as a formula), Submission format
// (with the first lines of sample_submission.csv). Only the overview prose and the column
// meanings come from the Refactor strategy; the rest is generated, so the sections are always there.
import type { ColumnProfile, TableProfile, TaskSpec } from '@mle-smith/core';
import { metricInfo } from './metrics-catalog.js';
import type { DescriptionText } from '@mle-smith/designer-kit';

export interface DescriptionParts {
  spec: TaskSpec;
  table: TableProfile;
  text: DescriptionText;
  rows: { train: number; test: number };
  classes?: string[];
  /** First lines of public/sample_submission.csv (header included). */
  sampleLines: string[];
  license?: string;
}

/** Column table rows beyond this are summarised, so a 2,000-column table stays readable. */
export const MAX_COLUMN_ROWS = 200;

const OBJECTIVE_TITLES: Record<string, string> = {
  binary: 'binary classification', multiclass: 'multiclass classification', regression: 'regression',
  forecasting: 'forecasting', multilabel: 'multilabel classification', ranking: 'ranking',
};

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s+/g, ' ').trim();
}

function code(text: string): string {
  const t = text.replace(/\s+/g, ' ');
  return t.includes('`') ? `\`\` ${t} \`\`` : `\`${t}\``;
}

function examples(col: ColumnProfile): string {
  const values = col.topValues.filter((v) => v.value !== null && v.value !== undefined).slice(0, 3);
  if (values.length) return values.map((v) => code(String(v.value).slice(0, 40))).join(', ');
  if (col.min !== undefined && col.min !== null && col.max !== undefined && col.max !== null) return `${code(String(col.min))} … ${code(String(col.max))}`;
  return '';
}

function typeOf(col: ColumnProfile): string {
  return col.inferredType === 'float' || col.inferredType === 'integer' ? `${col.inferredType}` : col.inferredType;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.001 ? 2 : 1)}%`;
}

function columnTable(parts: DescriptionParts): string[] {
  const { spec, table, text } = parts;
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const lines = ['| column | type | missing | example values | description |', '|---|---|---|---|---|'];
  lines.push(`| ${code(spec.submission.idColumn)} | integer | 0.0% | ${code('1')}, ${code('2')}, ${code('3')} | row id (assigned by the task, carries no information) |`);
  const features = spec.features;
  const shown = features.slice(0, MAX_COLUMN_ROWS);
  for (const name of shown) {
    const col = byName.get(name);
    const meaning = text.columns[name] ?? '';
    lines.push(col ? `| ${code(name)} | ${typeOf(col)} | ${percent(col.missingFraction)} | ${examples(col)} | ${cell(meaning)} |` : `| ${code(name)} | | | | ${cell(meaning)} |`);
  }
  for (const d of spec.derivedFeatures) lines.push(`| ${code(d.name)} | derived | | | ${cell(text.columns[d.name] ?? `computed as ${d.expression}`)} |`);
  const target = spec.target;
  const source = target.sourceColumns.length === 1 && target.sourceColumns[0] === target.name ? byName.get(target.name) : undefined;
  const targetMeaning = text.columns[target.name] ?? 'the target';
  const targetType = parts.classes?.length ? `label (${parts.classes.length} classes)` : source ? typeOf(source) : 'number';
  const targetExamples = parts.classes?.length ? parts.classes.slice(0, 5).map(code).join(', ') : source ? examples(source) : '';
  lines.push(`| ${code(target.name)} | ${targetType} | 0.0% | ${targetExamples} | ${cell(targetMeaning)} (train.csv only) |`);
  const rest = features.length - shown.length;
  if (rest > 0) {
    const types = new Map<string, number>();
    for (const name of features.slice(MAX_COLUMN_ROWS)) {
      const t = byName.get(name)?.inferredType ?? 'other';
      types.set(t, (types.get(t) ?? 0) + 1);
    }
    const summary = [...types.entries()].sort((a, b) => b[1] - a[1]).map(([t, n]) => `${n} ${t}`).join(', ');
    lines.push('', `…and ${rest} more feature columns (${summary}), listed in the header of \`train.csv\`.`);
  }
  return lines;
}

function evaluation(parts: DescriptionParts): string[] {
  const { spec } = parts;
  const info = metricInfo(spec.metric.name);
  const better = (spec.metric.higherIsBetter ?? info?.higherIsBetter ?? true) ? 'higher is better' : 'lower is better';
  const lines = [`Submissions are scored with **${spec.metric.name}** on the test rows (${better}).`, ''];
  if (info) lines.push(info.definition, '', '```', info.formula, '```');
  const pos = spec.metric.params?.pos_label;
  const probColumns = spec.submission.predictionColumns.filter((c) => c.type === 'probability');
  if (probColumns.length === 1 && pos !== undefined) {
    lines.push('', `The submitted value is the predicted probability that \`${spec.target.name}\` is \`${String(pos)}\` (the positive class).`);
  } else if (probColumns.length > 1) {
    lines.push('', 'Each row gives one probability per class; the probabilities of a row should sum to 1.');
  } else if (pos !== undefined) {
    lines.push('', `The positive class is \`${String(pos)}\`.`);
  }
  return lines;
}

function submissionSection(parts: DescriptionParts): string[] {
  const { spec } = parts;
  const cols = spec.submission.predictionColumns;
  const lines = [
    `Submit a CSV file with a header and one row per row of \`test.csv\` (${parts.rows.test} rows), with these columns:`,
    '',
    `- \`${spec.submission.idColumn}\`: the id from \`test.csv\``,
  ];
  for (const c of cols) {
    const what =
      c.type === 'probability'
        ? cols.length > 1 ? `predicted probability of class \`${c.name}\`` : `predicted probability of the positive class`
        : parts.classes?.length ? `the predicted class, one of ${parts.classes.slice(0, 10).map((x) => `\`${x}\``).join(', ')}${parts.classes.length > 10 ? ', …' : ''}` : 'the predicted value';
    lines.push(`- \`${c.name}\` (${c.type}): ${what}`);
  }
  if (parts.sampleLines.length) {
    lines.push('', '`sample_submission.csv` has this shape (a constant prediction, valid but not good):', '', '```csv', ...parts.sampleLines, '...', '```');
  }
  return lines;
}

export function renderDescription(parts: DescriptionParts): string {
  const { spec, table } = parts;
  const objective = OBJECTIVE_TITLES[spec.objective] ?? spec.objective;
  const out: string[] = [`# ${spec.title}`, '', '## Overview', '', parts.text.overview.trim(), ''];
  out.push(
    `- Task: ${objective}; target \`${spec.target.name}\``,
    `- Rows: ${parts.rows.train} in train, ${parts.rows.test} in test (${spec.split.strategy} split${spec.split.strategy === 'group' || spec.split.strategy === 'time' ? ` by \`${spec.split.by}\`` : ''})`,
    `- Source: \`${table.file}\` of the ${spec.dataset} dataset${parts.license ? ` (license: ${parts.license})` : ''}`,
    '',
    '## Data files',
    '',
    `- \`train.csv\`: ${parts.rows.train} rows with \`${spec.submission.idColumn}\`, the ${spec.features.length + spec.derivedFeatures.length} feature columns and the target \`${spec.target.name}\`.`,
    `- \`test.csv\`: ${parts.rows.test} rows with \`${spec.submission.idColumn}\` and the feature columns; predict the target for these.`,
    '- `sample_submission.csv`: a valid submission in the expected format.',
    '',
    '### Columns',
    '',
    ...columnTable(parts),
    '',
    '## Evaluation',
    '',
    ...evaluation(parts),
    '',
    '## Submission format',
    '',
    ...submissionSection(parts),
    '',
  );
  return out.join('\n');
}
