// description.md for a media task: Overview, Data files, Evaluation, Submission format. Only the
// overview prose comes from the Refactor strategy; the rest is generated from the spec and split.
import type { TaskSpec } from '@mle-smith/core';
import type { MediaConfig } from './config.js';
import { MEDIA_METRICS } from './metrics.js';

export interface DescriptionParts {
  spec: TaskSpec;
  config: MediaConfig;
  overview: string;
  rows: { train: number; test: number };
  classes?: string[];
  /** First lines of public/sample_submission.csv (header included). */
  sampleLines: string[];
  /** Extensions of the public files, e.g. [".png"]. */
  extensions: string[];
  license?: string;
}

export function renderDescription(p: DescriptionParts): string {
  const { spec, config } = p;
  const id = spec.submission.idColumn;
  const target = spec.target.name;
  const classification = spec.objective !== 'regression';
  const better = spec.metric.higherIsBetter === false ? 'lower is better' : 'higher is better';
  const classList = p.classes?.length ? p.classes.slice(0, 20).map((c) => `\`${c}\``).join(', ') + (p.classes.length > 20 ? ', …' : '') : '';
  const out = [
    `# ${spec.title}`, '', '## Overview', '', p.overview.trim(), '',
    `- Task: ${config.kind} ${classification ? `${spec.objective} classification` : 'regression'}; target \`${target}\`${p.classes?.length ? ` (${p.classes.length} classes)` : ''}`,
    `- Examples: ${p.rows.train} in train, ${p.rows.test} in test (${spec.split.strategy} split)`,
    `- Source: the ${spec.dataset} dataset${p.license ? ` (license: ${p.license})` : ''}`,
    '', '## Data files', '',
    `- Folder \`${config.folder}/\`: one file per example (${p.extensions.join(', ')}), named \`<${id}>${p.extensions[0] ?? ''}\`; names carry no information.`,
    `- \`train.csv\`: ${p.rows.train} rows with \`${id}\`, \`${config.column}\` (path of the file relative to the data folder) and \`${target}\`.`,
    `- \`test.csv\`: ${p.rows.test} rows with \`${id}\` and \`${config.column}\`; predict \`${target}\` for these.`,
    '- `sample_submission.csv`: a valid submission in the expected format.',
    '', '## Evaluation', '',
    `Submissions are scored with **${spec.metric.name}** on the test examples (${better})${MEDIA_METRICS.info(spec.metric.name) ? `: ${MEDIA_METRICS.info(spec.metric.name)!.definition}` : ''}.`,
    '', '## Submission format', '',
    `Submit a CSV file with a header and one row per row of \`test.csv\` (${p.rows.test} rows), with these columns:`, '',
    `- \`${id}\`: the id from \`test.csv\``,
    `- \`${target}\`: ${classification ? `the predicted class${classList ? `, one of ${classList}` : ''}` : 'the predicted value'}`,
  ];
  if (p.sampleLines.length) out.push('', '`sample_submission.csv` has this shape (a constant prediction, valid but not good):', '', '```csv', ...p.sampleLines, '...', '```');
  out.push('');
  return out.join('\n');
}
