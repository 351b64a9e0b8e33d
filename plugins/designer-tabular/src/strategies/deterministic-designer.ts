// Deterministic Designer: proposal → complete TaskSpec, then repair from earlier defects.
import {
  DatasetError,
  type DatasetProfile, type DesignContext, type Finding, type SubmissionColumn, type SubmissionFormat, type TableProfile,
  type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import { columnIndex, findTable, isTemporal } from '../columns.js';
import { quoteIdent, snake } from '../sql.js';
import { sortLabels, type DataAccess } from '../data-access.js';
import { metricInfo } from '../metrics-catalog.js';
import type { ResolvedOptions } from '../options.js';
import { applyDefects } from '../repair.js';
import { isClassification, type TabularHints } from './deterministic-brainstormer.js';
import type { SpecDesigner, StrategyRun } from '@mle-smith/designer-kit';

export const ID_COLUMN = 'id';

/**
 * The task's id column: `id`, unless the target or a public column already has that name in any
 * case (a target called `Id`, a source `ID` an LLM design kept); then `row_id`, `row_id_2`, …
 * (docs/task-format.md).
 */
export function taskIdColumn(spec: Pick<TaskSpec, 'target'> & Partial<Pick<TaskSpec, 'features' | 'derivedFeatures'>>): string {
  const taken = new Set([spec.target.name, ...(spec.features ?? []), ...(spec.derivedFeatures ?? []).map((d) => d.name)].map((n) => n.toLowerCase()));
  for (let k = 0; ; k++) {
    const name = k === 0 ? ID_COLUMN : k === 1 ? 'row_id' : `row_id_${k}`;
    if (!taken.has(name)) return name;
  }
}

/** A source column named like the task's id column (`id`, `ID`, `Id`) names rows or units: never a feature. */
export const isSourceIdColumn = (name: string): boolean => name.toLowerCase() === ID_COLUMN;

export function requireTable(profile: DatasetProfile, name: string): TableProfile {
  const table = findTable(profile, name);
  if (!table) throw new DatasetError(`dataset "${profile.name}" has no table "${name}"`);
  return table;
}

/**
 * rowKey: an identifier-like candidate key first, else the first candidate key, else [] — the
 * whole raw row, which every table has: identical rows share it and so stay on one side of the
 * split (docs/task-format.md).
 */
export function chooseRowKey(table: TableProfile): string[] {
  const cols = columnIndex(table);
  const keys = table.candidateKeys.filter((k) => cols.has(k));
  const key = keys.find((k) => cols.get(k)!.identifierLike) ?? keys[0];
  return key === undefined ? [] : [key];
}

/** Submission columns per metric: label column, one probability per class, or a value. */
export function submissionFormat(
  spec: Pick<TaskSpec, 'objective' | 'target' | 'metric'> & Partial<Pick<TaskSpec, 'features' | 'derivedFeatures'>>, classes: string[] | undefined,
): SubmissionFormat {
  const idColumn = taskIdColumn(spec);
  const info = metricInfo(spec.metric.name);
  const classification = isClassification(spec.objective);
  let predictionColumns: SubmissionColumn[];
  if (info?.prediction === 'probability' && classification && spec.objective === 'multiclass' && classes?.length) {
    predictionColumns = classes.map((c) => ({ name: c === idColumn ? `${c}_probability` : c, type: 'probability' }));
  } else if (info?.prediction === 'probability') {
    predictionColumns = [{ name: spec.target.name, type: 'probability' }];
  } else {
    predictionColumns = [{ name: spec.target.name, type: classification ? 'string' : 'number' }];
  }
  const format: SubmissionFormat = { idColumn, predictionColumns };
  if (classification && classes) format.classes = classes;
  return format;
}

const OBJECTIVE_WORDS: Record<string, string> = {
  binary: 'a binary classification', multiclass: 'a multiclass classification', regression: 'a regression',
  forecasting: 'a forecasting', multilabel: 'a multilabel classification', ranking: 'a ranking',
};

/**
 * What one row is: the documentation's own words when it says ("The observations are occupations"),
 * else the unit the data shows (a group's repeated measurements, or a record of the file).
 */
export function rowUnitSentence(table: TableProfile, documentation: DatasetProfile['documentation']): string {
  // Within one paragraph, ending at its sentence: a help page's next section is not part of it.
  const paragraphs = (documentation?.text ?? '').split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim());
  for (const p of paragraphs) {
    const said = /\b(?:the )?(?:observations|rows|cases|records) (?:are|represent|correspond to) ([^.;:]{3,60})\./i.exec(p);
    if (said) return `Each row is one of the ${said[1].trim()} the data describe.`;
    const each = /\beach (?:row|observation|record|case) (?:is|represents|corresponds to|describes) ([^.;:]{3,60})\./i.exec(p);
    if (each) return `Each row is ${each[1].trim()}.`;
  }
  const group = table.columns.find((c) => c.role === 'group');
  if (group) return `Each row is one measurement of one \`${group.name}\`; a \`${group.name}\` has several rows.`;
  return `Each row is one record (observation) of \`${table.file}\`.`;
}

export function overviewText(spec: TaskSpec, table: TableProfile, proposal: TaskProposal, profile?: Pick<DatasetProfile, 'documentation'>): string {
  const hints = (proposal.hints ?? {}) as Partial<TabularHints>;
  const what =
    hints.derivation === 'above-median'
      ? `\`${spec.target.name}\`: whether \`${spec.target.sourceColumns[0]}\` is above its median (\`1\`) or not (\`0\`)`
      : hints.derivation === 'tertiles'
        ? `\`${spec.target.name}\`: the tertile of \`${spec.target.sourceColumns[0]}\` (\`low\`, \`medium\` or \`high\`)`
        : `\`${spec.target.name}\``;
  return (
    `Predict ${what} for each row of \`test.csv\` from the other columns. ` +
    `This is ${OBJECTIVE_WORDS[spec.objective] ?? spec.objective} task built from \`${table.file}\` of the ${spec.dataset} dataset. ` +
    rowUnitSentence(table, profile?.documentation)
  );
}

/**
 * The month of each raw date left out as a time index: seasonality is a property of the row,
 * the date itself only its place in time. Not of a date that ends the follow-up of the target's
 * event (`excluded` reason time-to-event): its month still tells when the outcome came.
 */
function monthFeatures(table: TableProfile, drops: Set<string>, taken: string[], excluded: TabularHints['excluded'] = {}): Array<TaskSpec['derivedFeatures'][number] & { description: string }> {
  const names = new Set([...table.columns.map((c) => c.name), ...taken].map((n) => n.toLowerCase()));
  const out: Array<TaskSpec['derivedFeatures'][number] & { description: string }> = [];
  for (const c of table.columns) {
    if (!drops.has(c.name) || !isTemporal(c) || c.missingFraction >= 1 || excluded[c.name] === 'time-to-event') continue;
    let name = `${snake(c.name)}_month`;
    while (names.has(name.toLowerCase())) name += '_';
    names.add(name.toLowerCase());
    out.push({
      name, expression: `month(TRY_CAST(${quoteIdent(c.name)} AS ${c.inferredType === 'timestamp' ? 'TIMESTAMP' : 'DATE'}))`,
      description: `the month (1–12) of "${c.name}", whose full date is left out as a time index`,
    });
  }
  return out;
}

export async function buildSpec(
  proposal: TaskProposal, profile: DatasetProfile, defects: Finding[], data: DataAccess, options: ResolvedOptions, log?: DesignContext['log'],
): Promise<TaskSpec> {
  const table = requireTable(profile, proposal.table);
  const cols = columnIndex(table);
  const hints = (proposal.hints ?? {}) as Partial<TabularHints>;
  const sources = new Set(proposal.target.sourceColumns);
  const drops = new Set(proposal.dropColumns);
  for (const c of table.columns) if (isSourceIdColumn(c.name) && c.name !== proposal.target.name) drops.add(c.name);
  const features = table.columns
    .map((c) => c.name)
    .filter((n) => !drops.has(n) && !sources.has(n) && n !== proposal.target.name);

  const months = monthFeatures(table, drops, [...features, proposal.target.name], hints.excluded);
  let classes: string[] | undefined;
  if (isClassification(proposal.objective)) {
    classes = hints.classes ? sortLabels(hints.classes) : undefined;
    if (!classes && proposal.target.sourceColumns.length === 1 && cols.has(proposal.target.sourceColumns[0])) {
      classes = await data.distinctValues(profile, table.name, proposal.target.sourceColumns[0], options.maxClasses).catch(() => undefined);
    }
  }
  // Rows without a label cannot be graded: keep only labelled rows.
  const missingSource = proposal.target.sourceColumns.some((c) => (cols.get(c)?.missingFraction ?? 0) > 0);
  const metric = { name: proposal.metric.name, higherIsBetter: proposal.metric.higherIsBetter ?? metricInfo(proposal.metric.name)?.higherIsBetter ?? true, params: { ...(proposal.metric.params ?? {}) } };
  if (proposal.objective === 'binary' && hints.positiveClass !== undefined && metric.params.pos_label === undefined && (metricInfo(metric.name)?.prediction === 'probability' || metric.name === 'f1')) {
    metric.params.pos_label = hints.positiveClass;
  }

  let spec: TaskSpec = {
    specVersion: 1,
    id: proposal.id,
    title: proposal.title,
    dataset: proposal.dataset,
    table: proposal.table,
    modality: 'tabular',
    objective: proposal.objective,
    target: { ...proposal.target, sourceColumns: [...proposal.target.sourceColumns] },
    rowKey: chooseRowKey(table),
    features,
    derivedFeatures: months.map(({ name, expression }) => ({ name, expression })),
    dropColumns: table.columns.map((c) => c.name).filter((n) => drops.has(n) || (sources.has(n) && n !== proposal.target.name)),
    metric,
    split: { ...proposal.split },
    submission: { idColumn: ID_COLUMN, predictionColumns: [] },
    description: { overview: '', columns: {} },
  };
  const rowFilter = labelledRows(proposal, cols, missingSource);
  if (rowFilter) spec.filter = rowFilter;

  if (defects.length) {
    const repaired = applyDefects(spec, defects, table);
    spec = repaired.spec;
    for (const line of repaired.applied) log?.info(`repair ${spec.id}: ${line}`);
    for (const f of repaired.unrepaired) log?.warn(`repair ${spec.id}: no deterministic fix for ${f.ruleId}: ${f.message}`);
  }
  // The metric may have changed in repair: the submission format follows it.
  if (spec.objective === 'binary' && (metricInfo(spec.metric.name)?.prediction === 'probability' || spec.metric.name === 'f1') && spec.metric.params?.pos_label === undefined && hints.positiveClass !== undefined) {
    spec.metric.params = { ...spec.metric.params, pos_label: hints.positiveClass };
  }
  spec.submission = submissionFormat(spec, classes);
  const documented = profile.documentation?.columns ?? {};
  const columns: Record<string, string> = {};
  for (const f of spec.features) if (documented[f]) columns[f] = documented[f];
  for (const m of months) if (spec.derivedFeatures.some((d) => d.name === m.name)) columns[m.name] = m.description;
  const source = spec.target.sourceColumns[0];
  columns[spec.target.name] = hints.derivation && hints.derivation !== 'none'
    ? `label derived from ${spec.target.sourceColumns.join(', ')}${documented[source] ? ` (${documented[source]})` : ''}`
    : documented[spec.target.name] ?? 'the label to predict';
  spec.description = { overview: overviewText(spec, table, proposal, profile), columns };
  return spec;
}

export function createDeterministicDesigner(options: ResolvedOptions, data: DataAccess): SpecDesigner {
  return {
    kind: 'deterministic',
    async design(proposal, profile, defects, ctx): Promise<StrategyRun<TaskSpec>> {
      return { value: await buildSpec(proposal, profile, defects, data, options, ctx.log), agent: 'deterministic' };
    },
  };
}

/**
 * The row filter that keeps only rows with a gradable label: the target is not NULL, and float
 * source columns holding NaN, ±Infinity or values past 1e100 (counted by the profile) are finite
 * and moderate — such a label would make the answers ungradable or the baselines' means overflow.
 * Features keep those values; the baselines read them as missing (docs/data-edge-cases.md).
 */
function labelledRows(proposal: TaskProposal, cols: ReturnType<typeof columnIndex>, missingSource: boolean): string | undefined {
  const parts = missingSource ? [`(${proposal.target.expression}) IS NOT NULL`] : [];
  for (const name of proposal.target.sourceColumns) {
    const c = cols.get(name);
    if (c && ((c.nonFiniteCount ?? 0) > 0 || (c.extremeCount ?? 0) > 0)) parts.push(`abs(${quoteIdent(name)}) <= 1e100`);
  }
  return parts.length ? parts.join(' AND ') : undefined;
}
