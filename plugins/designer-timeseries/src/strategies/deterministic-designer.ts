// Deterministic SpecDesigner: the proposal's plan (layout, horizon, metric) as a declarative
// TaskSpec — the time column as ISO text, the series columns, the known-in-advance columns, the
// target; every other column dropped. Defects cannot be repaired here: the horizon and the split
// follow from the data, so a redesign gives the same spec.
import { DatasetError, type DatasetProfile, type DesignContext, type Finding, type TaskProposal, type TaskSpec } from '@mle-smith/core';
import type { SpecDesigner, StrategyRun } from '@mle-smith/designer-kit';
import { candidateLayouts, type SeriesLayout } from '../layout.js';
import type { ResolvedOptions } from '../options.js';
import { draftSpec } from '../planner.js';
import { quoteLiteral } from '@mle-smith/data';
import { seriesKeySql } from '../series-sql.js';
import type { ForecastHints } from './deterministic-brainstormer.js';

export const ID_COLUMN = 'id';

/** The layout the brainstormer chose, found again from the profile (layouts are a pure function of it). */
export function layoutOf(proposal: TaskProposal, profile: DatasetProfile, options: ResolvedOptions): { layout: SeriesLayout; hints: ForecastHints } {
  const hints = proposal.hints as ForecastHints | undefined;
  const table = profile.tables.find((t) => t.name === proposal.table);
  if (!hints?.shape || !table) throw new DatasetError(`proposal ${proposal.id}: not a time-series proposal of this dataset (table "${proposal.table}")`);
  const layout = candidateLayouts(table, options.knownColumns, options.minSeriesLength)
    .find((l) => l.shape === hints.shape && l.seriesColumns.join('\u0000') === hints.rawSeriesColumns.join('\u0000'));
  if (!layout) throw new DatasetError(`proposal ${proposal.id}: table "${table.name}" no longer has the ${hints.shape} layout it was planned with`);
  return { layout, hints };
}

export function buildSpec(proposal: TaskProposal, profile: DatasetProfile, options: ResolvedOptions): TaskSpec {
  const { layout, hints } = layoutOf(proposal, profile, options);
  const draft = draftSpec(layout, hints.target, { frequency: hints.frequency, horizon: hints.horizon, seasonalPeriod: hints.seasonalPeriod });
  const rawSeries = layout.shape === 'wide-series' ? [] : layout.seriesColumns;
  const filter = hints.droppedSeries.length && layout.shape !== 'wide-series'
    ? `${seriesKeySql(layout.seriesColumns)} NOT IN (${hints.droppedSeries.map(quoteLiteral).join(', ')})`
    : undefined;
  const columns: Record<string, string> = {
    [ID_COLUMN]: `row id: the series key and the time, "<series>|<time>"${draft.timeseries.seriesColumns.length ? '' : ' (just the time: there is one series)'}`,
    [layout.timeName]: `time of the observation (ISO 8601, ${hints.frequency}; text order is time order)`,
    [draft.target.name]: 'the value to forecast',
  };
  for (const c of draft.timeseries.seriesColumns) columns[c] = layout.shape === 'wide-series' ? 'series: the name of the column the value was in' : 'series identifier';
  for (const c of layout.knownColumns) columns[c] = 'known in advance (calendar or declared), given for the test steps too';
  const spec: TaskSpec = {
    specVersion: 1,
    id: proposal.id,
    title: proposal.title,
    dataset: profile.name,
    table: layout.table.name,
    modality: 'time-series',
    objective: 'forecasting',
    target: draft.target,
    rowKey: [...layout.time.columns, ...rawSeries],
    features: draft.features,
    derivedFeatures: draft.derivedFeatures,
    dropColumns: proposal.dropColumns,
    ...(filter ? { filter } : {}),
    metric: proposal.metric,
    split: proposal.split,
    submission: { idColumn: ID_COLUMN, predictionColumns: [{ name: draft.target.name, type: 'number' }] },
    description: { overview: proposal.justification, columns },
    timeseries: draft.timeseries,
  };
  return spec;
}

export function createDeterministicDesigner(options: ResolvedOptions): SpecDesigner {
  return {
    kind: 'deterministic',
    async design(proposal: TaskProposal, profile: DatasetProfile, _defects: Finding[], _ctx: DesignContext): Promise<StrategyRun<TaskSpec>> {
      return { value: buildSpec(proposal, profile, options), agent: 'deterministic' };
    },
  };
}
