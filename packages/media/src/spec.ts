// Deterministic Brainstormer and Designer: one proposal per labelled source the data offers (the
// folder label, label columns and numeric attributes of an attributes table), and its complete
// TaskSpec. Media tasks have few free choices, so rules make them.
import type { DatasetProfile, MetricRef, Objective, SubmissionFormat, TaskProposal, TaskSpec } from '@mle-smith/core';
import { DatasetError } from '@mle-smith/core';
import { quoteIdent, sortLabels } from '@mle-smith/data';
import type { MediaConfig } from './config.js';
import type { ResolvedOptions } from './options.js';
import { findMediaSources, type MediaSource } from './source.js';

export const ID_COLUMN = 'id';

export interface MediaHints {
  column: string;
  classes?: string[];
}

export function proposalId(dataset: string, target: string, objective: Objective): string {
  return `${dataset}-${target}-${objective}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function metricFor(objective: Objective, profile: DatasetProfile, source: MediaSource): MetricRef {
  if (objective === 'regression') return { name: 'rmse', higherIsBetter: false, params: {} };
  const counts = classCounts(profile, source);
  const balanced = counts.length > 0 && Math.min(...counts) / Math.max(...counts) >= 0.5;
  return balanced ? { name: 'accuracy', higherIsBetter: true, params: {} } : { name: 'f1_macro', higherIsBetter: true, params: {} };
}

function classCounts(profile: DatasetProfile, source: MediaSource): number[] {
  const column = profile.tables.find((t) => t.name === source.table)?.columns.find((c) => c.name === source.target.column);
  return column?.topValues.map((v) => v.count) ?? [];
}

function classesOf(profile: DatasetProfile, source: MediaSource): string[] | undefined {
  const column = profile.tables.find((t) => t.name === source.table)?.columns.find((c) => c.name === source.target.column);
  // The profile keeps the 10 most frequent values; beyond that the split reports the classes.
  if (column && column.distinctCount <= column.topValues.length) return sortLabels(column.topValues.filter((v) => v.value !== null).map((v) => String(v.value)));
  return undefined;
}

/** Every proposal the data allows, best first (the Brainstormer keeps the first N; the LLM one chooses among them). */
export function brainstormProposals(profile: DatasetProfile, config: MediaConfig, options: ResolvedOptions, seed: number): TaskProposal[] {
  const sources = findMediaSources(profile, config, options);
  if (sources.length === 0) throw new DatasetError(`no labelled ${config.kind} files: expected class folders or a table with a ${config.kind} path column and a label`, { file: profile.dir });
  const ids = new Set<string>();
  return sources.map((source) => {
    let id = proposalId(profile.name, source.target.column, source.target.objective);
    // The folder label and a table column may share a name: the table's proposal names its table.
    if (ids.has(id)) id = proposalId(`${profile.name}-${source.table}`, source.target.column, source.target.objective);
    ids.add(id);
    return proposalFrom(source, id, profile, config, options, seed);
  });
}

function proposalFrom(source: MediaSource, id: string, profile: DatasetProfile, config: MediaConfig, options: ResolvedOptions, seed: number): TaskProposal {
  const objective = source.target.objective;
  const target = source.target.column;
  const hints: MediaHints = { column: source.column };
  const classes = objective === 'regression' ? undefined : classesOf(profile, source);
  if (classes) hints.classes = classes;
  const folders = profile.tables.find((t) => t.name === source.table)?.file === '.';
  const what = objective === 'regression' ? `the value of \`${target}\`` : folders ? 'its class (the folder it sits in)' : `the class (\`${target}\`)`;
  return {
    id,
    dataset: profile.name,
    table: source.table,
    title: `${profile.name}: predict the ${target} of each ${config.noun}`,
    modality: config.kind,
    objective,
    target: { name: target, expression: quoteIdent(target), sourceColumns: [target] },
    metric: metricFor(objective, profile, source),
    split: { strategy: objective === 'regression' ? 'random' : 'stratified', testFraction: options.testFraction, seed },
    dropColumns: source.otherColumns,
    justification: `Each ${config.noun} carries ${what} in table ${source.table}; predicting it from the ${config.noun} alone is a standard ${config.kind} ${objective} task.`,
    hints: hints as unknown as Record<string, unknown>,
  };
}

export function submissionFormat(objective: Objective, target: string, classes: string[] | undefined): SubmissionFormat {
  const classification = objective !== 'regression';
  const format: SubmissionFormat = { idColumn: ID_COLUMN, predictionColumns: [{ name: target, type: classification ? 'string' : 'number' }] };
  if (classification && classes) format.classes = classes;
  return format;
}

export function buildSpec(proposal: TaskProposal, config: MediaConfig): TaskSpec {
  const hints = (proposal.hints ?? {}) as unknown as Partial<MediaHints>;
  if (!hints.column) throw new DatasetError(`proposal ${proposal.id} names no ${config.kind} column`);
  const what = proposal.objective === 'regression' ? `\`${proposal.target.name}\`` : `the class \`${proposal.target.name}\``;
  return {
    specVersion: 1,
    id: proposal.id,
    title: proposal.title,
    dataset: proposal.dataset,
    table: proposal.table,
    modality: config.kind,
    objective: proposal.objective,
    target: { ...proposal.target, sourceColumns: [...proposal.target.sourceColumns] },
    rowKey: [hints.column],
    features: [hints.column],
    derivedFeatures: [],
    dropColumns: [...proposal.dropColumns],
    metric: { name: proposal.metric.name, higherIsBetter: proposal.metric.higherIsBetter ?? true, params: { ...(proposal.metric.params ?? {}) } },
    split: { ...proposal.split },
    submission: submissionFormat(proposal.objective, proposal.target.name, hints.classes),
    media: { column: hints.column, kind: config.kind, folder: config.folder },
    description: {
      overview:
        `Predict ${what} of each ${config.noun} listed in \`test.csv\` from the ${config.noun} file alone. ` +
        `This is a${proposal.objective === 'regression' ? '' : proposal.objective === 'binary' ? ' binary' : ' multiclass'} ${config.kind} ${proposal.objective === 'regression' ? 'regression' : 'classification'} task built from the ${proposal.dataset} dataset.`,
      columns: { [config.column]: `path of the ${config.noun} file, relative to the data folder`, [proposal.target.name]: 'the label to predict' },
    },
  };
}
