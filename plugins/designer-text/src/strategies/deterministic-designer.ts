// Deterministic Designer: proposal → complete TaskSpec. The text is the only public feature:
// inline as its column, or as `text_file`, an opaque public file name under texts/ derived
// from the raw path by a salted hash (so names leak neither label nor order).
import {
  DatasetError,
  type DatasetProfile, type Finding, type SubmissionColumn, type SubmissionFormat, type TableProfile, type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import { metricInfo, metricSuits } from '../metrics-catalog.js';
import { compareStrings, textFileExpression } from '../sql.js';
import { classFilter } from './deterministic-brainstormer.js';
import type { SpecDesigner, StrategyRun } from '@mle-smith/designer-kit';
import type { TextHints } from './text-hints.js';

export const ID_COLUMN = 'id';
export const TEXT_FILE_COLUMN = 'text_file';
export const TEXT_FOLDER = 'texts';

export function requireTable(profile: DatasetProfile, name: string): TableProfile {
  const table = profile.tables.find((t) => t.name === name);
  if (!table) throw new DatasetError(`dataset "${profile.name}" has no table "${name}"`);
  return table;
}

export function submissionFormat(spec: Pick<TaskSpec, 'objective' | 'target' | 'metric'>, classes: string[] | undefined): SubmissionFormat {
  const info = metricInfo(spec.metric.name);
  const classification = spec.objective === 'binary' || spec.objective === 'multiclass';
  let predictionColumns: SubmissionColumn[];
  if (info?.prediction === 'probability') predictionColumns = [{ name: spec.target.name, type: 'probability' }];
  else predictionColumns = [{ name: spec.target.name, type: classification ? 'string' : 'number' }];
  const format: SubmissionFormat = { idColumn: ID_COLUMN, predictionColumns };
  if (classification && classes) format.classes = classes;
  return format;
}

/** A public column name that no raw column has. */
function freshName(table: TableProfile, base: string): string {
  const taken = new Set(table.columns.map((c) => c.name.toLowerCase()));
  let name = base;
  while (taken.has(name.toLowerCase())) name = `${name}_`;
  return name;
}

const OBJECTIVE_WORDS: Record<string, string> = { binary: 'a binary classification', multiclass: 'a multiclass classification', regression: 'a regression' };

export function overviewText(spec: TaskSpec, hints: TextHints, datasetNote: string): string {
  const where = hints.layout === 'files' ? `the text of each document (the file named in \`${spec.features[0] ?? spec.derivedFeatures[0]?.name}\`, under \`${TEXT_FOLDER}/\`)` : `the text in \`${hints.textColumn}\``;
  return `Predict \`${spec.target.name}\` for each document of \`test.csv\` from ${where}. This is ${OBJECTIVE_WORDS[spec.objective] ?? spec.objective} task built from ${datasetNote}.`;
}

/** Error findings this designer can act on: a metric that does not suit the objective. */
function repairMetric(spec: TaskSpec, defects: Finding[]): void {
  const metricDefect = defects.some((d) => /metric/.test(d.ruleId) && !metricSuits(spec.metric.name, spec.objective));
  if (!metricDefect) return;
  const name = spec.objective === 'binary' ? 'roc_auc' : spec.objective === 'multiclass' ? 'f1_macro' : 'rmse';
  spec.metric = { name, higherIsBetter: metricInfo(name)!.higherIsBetter, params: spec.metric.params ?? {} };
}

/** A test side too small for the rules: raise testFraction (up to 0.5) so it holds about 20 rows. */
function repairTestFraction(spec: TaskSpec, defects: Finding[]): void {
  const d = defects.find((f) => f.ruleId === 'structural/test-fraction' && typeof f.data?.rows === 'number');
  if (!d) return;
  const rows = d.data!.rows as number;
  const wanted = Math.min(0.5, Math.ceil((22 / Math.max(rows, 1)) * 20) / 20);
  if (wanted > spec.split.testFraction) spec.split = { ...spec.split, testFraction: wanted };
}

export function buildSpec(proposal: TaskProposal, profile: DatasetProfile, defects: Finding[]): TaskSpec {
  const table = requireTable(profile, proposal.table);
  const hints = proposal.hints as TextHints | undefined;
  if (!hints || (hints.layout !== 'inline' && hints.layout !== 'files') || typeof hints.textColumn !== 'string') {
    throw new DatasetError(`proposal ${proposal.id} has no text source hint (hints.layout, hints.textColumn)`);
  }
  const textCol = table.columns.find((c) => c.name === hints.textColumn);
  if (!textCol) throw new DatasetError(`table "${table.name}" has no column "${hints.textColumn}"`, { file: table.file });
  const classification = proposal.objective === 'binary' || proposal.objective === 'multiclass';
  const target = proposal.target.name;
  const drops = new Set(table.columns.map((c) => c.name).filter((n) => n !== target && (n !== hints.textColumn || hints.layout === 'files')));
  for (const c of proposal.dropColumns) if (c !== target && table.columns.some((x) => x.name === c)) drops.add(c);
  // A key column gives stable ids; file paths are unique by construction.
  const key = hints.layout === 'files' ? hints.textColumn : table.candidateKeys.find((k) => table.columns.find((c) => c.name === k)?.identifierLike);
  const metric = { name: proposal.metric.name, higherIsBetter: proposal.metric.higherIsBetter ?? metricInfo(proposal.metric.name)?.higherIsBetter ?? true, params: { ...(proposal.metric.params ?? {}) } };
  const spec: TaskSpec = {
    specVersion: 1,
    id: proposal.id,
    title: proposal.title,
    dataset: proposal.dataset,
    table: table.name,
    modality: 'text',
    objective: proposal.objective,
    target: { ...proposal.target, sourceColumns: [...proposal.target.sourceColumns] },
    rowKey: key ? [key] : [],
    features: hints.layout === 'inline' ? [hints.textColumn] : [],
    derivedFeatures:
      hints.layout === 'files' ? [{ name: freshName(table, TEXT_FILE_COLUMN), expression: textFileExpression(hints.textColumn, proposal.split.seed, TEXT_FOLDER) }] : [],
    dropColumns: table.columns.map((c) => c.name).filter((n) => drops.has(n)).sort(compareStrings),
    filter: classification ? classFilter(target, hints.classes, hints.droppedClasses) : `${proposal.target.expression} IS NOT NULL`,
    metric,
    split: { ...proposal.split },
    submission: { idColumn: ID_COLUMN, predictionColumns: [] },
    media: hints.layout === 'files' ? { column: hints.textColumn, kind: 'text', folder: TEXT_FOLDER } : { column: hints.textColumn, kind: 'text' },
    description: { overview: '', columns: {} },
  };
  repairMetric(spec, defects);
  repairTestFraction(spec, defects);
  if (spec.objective === 'binary' && metricInfo(spec.metric.name)?.prediction !== 'value' && spec.metric.params?.pos_label === undefined && hints.positiveClass !== undefined) {
    spec.metric.params = { ...spec.metric.params, pos_label: hints.positiveClass };
  }
  spec.submission = submissionFormat(spec, classification ? hints.classes : undefined);
  const publicText = hints.layout === 'files' ? spec.derivedFeatures[0].name : hints.textColumn;
  spec.description = {
    overview: overviewText(spec, hints, table.file === '.' ? `the ${profile.name} text corpus` : `\`${table.file}\` of the ${profile.name} dataset`),
    columns: {
      [publicText]: hints.layout === 'files' ? `path of the document's text file, relative to the public folder (e.g. \`${TEXT_FOLDER}/0123456789abcdef.txt\`); the name carries no information` : 'the document text',
      [target]: hints.droppedClasses?.length ? `the label to predict (rows of the rare classes ${hints.droppedClasses.join(', ')} are left out)` : 'the label to predict',
    },
  };
  return spec;
}

export function createDeterministicDesigner(): SpecDesigner {
  return {
    kind: 'deterministic',
    async design(proposal, profile, defects): Promise<StrategyRun<TaskSpec>> {
      return { value: buildSpec(proposal, profile, defects), agent: 'deterministic' };
    },
  };
}
