// description.md as a Kaggle user knows it: Overview, Data, Evaluation, Submission format.
// Only the overview prose and the column meanings come from the Refactor strategy; the rest is
// generated from the spec and the split, so the four sections are always there.
import type { TaskSpec } from '@mle-smith/core';
import { metricInfo } from './metrics-catalog.js';
import type { DescriptionText } from '@mle-smith/designer-kit';

export interface DescriptionParts {
  spec: TaskSpec;
  text: DescriptionText;
  rows: { train: number; test: number };
  classes?: string[];
  /** First lines of public/sample_submission.csv (header included). */
  sampleLines: string[];
  /** Where the text is: inline in a column, or files under `folder/` named by a column. */
  layout: 'inline' | 'files';
  /** The public text column (inline text or text file path). */
  textColumn: string;
  /** Mean and maximum document length in characters, when known. */
  textLength?: { mean: number; max: number };
  source: string;
  license?: string;
}

const OBJECTIVE_TITLES: Record<string, string> = { binary: 'binary classification', multiclass: 'multiclass classification', regression: 'regression' };

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s+/g, ' ').trim();
}

function dataSection(p: DescriptionParts): string[] {
  const { spec } = p;
  const id = spec.submission.idColumn;
  const target = spec.target.name;
  const folder = spec.media?.folder ?? 'texts';
  const lines = [
    `- \`train.csv\`: ${p.rows.train} documents with \`${id}\`, \`${p.textColumn}\` and the target \`${target}\`.`,
    `- \`test.csv\`: ${p.rows.test} documents with \`${id}\` and \`${p.textColumn}\`; predict \`${target}\` for these.`,
  ];
  if (p.layout === 'files') {
    lines.push(`- Folder \`${folder}/\`: one UTF-8 text file per document of train and test, named by \`${p.textColumn}\` (paths are relative to the folder holding \`train.csv\`). File names are random-looking hashes and carry no information.`);
  }
  lines.push('- `sample_submission.csv`: a valid submission in the expected format.', '');
  if (p.textLength) {
    lines.push(`Documents are ${Math.round(p.textLength.mean).toLocaleString('en-US')} characters long on average (longest ${Math.round(p.textLength.max).toLocaleString('en-US')}).`, '');
  }
  lines.push('### Columns', '', '| column | description |', '|---|---|');
  lines.push(`| \`${id}\` | document id (assigned by the task, carries no information) |`);
  lines.push(`| \`${p.textColumn}\` | ${cell(p.text.columns[p.textColumn] ?? (p.layout === 'files' ? 'path of the text file' : 'the document text'))} |`);
  const targetWhat = p.classes?.length ? `one of ${p.classes.map((c) => `\`${c}\``).join(', ')}` : 'a number';
  lines.push(`| \`${target}\` | ${cell(p.text.columns[target] ?? 'the label to predict')}: ${targetWhat} (train.csv only) |`);
  return lines;
}

function evaluation(p: DescriptionParts): string[] {
  const { spec } = p;
  const info = metricInfo(spec.metric.name);
  const better = (spec.metric.higherIsBetter ?? info?.higherIsBetter ?? true) ? 'higher is better' : 'lower is better';
  const lines = [`Submissions are scored with **${spec.metric.name}** on the test documents (${better}).`, ''];
  if (info) lines.push(info.definition, '', '```', info.formula, '```');
  const pos = spec.metric.params?.pos_label;
  if (spec.submission.predictionColumns.some((c) => c.type === 'probability') && pos !== undefined) {
    lines.push('', `The submitted value is the predicted probability that \`${spec.target.name}\` is \`${String(pos)}\` (the positive class).`);
  } else if (pos !== undefined) {
    lines.push('', `The positive class is \`${String(pos)}\`.`);
  }
  return lines;
}

function submissionSection(p: DescriptionParts): string[] {
  const { spec } = p;
  const lines = [
    `Submit a CSV file with a header and one row per document of \`test.csv\` (${p.rows.test} rows), with these columns:`,
    '',
    `- \`${spec.submission.idColumn}\`: the id from \`test.csv\``,
  ];
  for (const c of spec.submission.predictionColumns) {
    const what = c.type === 'probability' ? 'predicted probability of the positive class' : p.classes?.length ? `the predicted class, one of ${p.classes.map((x) => `\`${x}\``).join(', ')}` : 'the predicted value';
    lines.push(`- \`${c.name}\` (${c.type}): ${what}`);
  }
  if (p.sampleLines.length) {
    lines.push('', '`sample_submission.csv` has this shape (a constant prediction, valid but not good):', '', '```csv', ...p.sampleLines, '...', '```');
  }
  return lines;
}

export function renderDescription(p: DescriptionParts): string {
  const { spec } = p;
  const split = `${spec.split.strategy} split${spec.split.strategy === 'group' ? ` by ${spec.split.by} (not public)` : ''}`;
  return [
    `# ${spec.title}`, '', '## Overview', '', p.text.overview.trim(), '',
    `- Task: ${OBJECTIVE_TITLES[spec.objective] ?? spec.objective} from text; target \`${spec.target.name}\``,
    `- Documents: ${p.rows.train} in train, ${p.rows.test} in test (${split})`,
    `- Source: ${p.source}${p.license ? ` (license: ${p.license})` : ''}`,
    '', '## Data', '', ...dataSection(p),
    '', '## Evaluation', '', ...evaluation(p),
    '', '## Submission format', '', ...submissionSection(p), '',
  ].join('\n');
}
