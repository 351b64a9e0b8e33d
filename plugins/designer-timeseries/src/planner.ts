// From a profiled dataset to forecasting plans: the layout of each time-indexed table, checked
// against the data (the time and series columns identify every row), then per target the
// frequency, series lengths, gaps and missing values, the horizon and the seasonal period.
import { DesignerDeclinedError, type DatasetProfile, type TableProfile, type TaskSpec } from '@mle-smith/core';
import { FREQUENCY_NAMES, frequencyOfStep, quoteLiteral, stepsBetweenSql, withDuckDb, type DuckDbSession, type Frequency } from '@mle-smith/data';
import { forecastHorizon, type Horizon } from './horizon.js';
import { candidateLayouts, layoutExpressions, uniqueKeySql, type SeriesLayout } from './layout.js';
import type { ResolvedOptions } from './options.js';
import { OBSERVED, seriesKeySql, seriesRelationSql, type TimeseriesFields } from './series-sql.js';

export interface SeriesSummary {
  key: string;
  /** Observed steps (rows with a finite target). */
  length: number;
  first: string;
  last: string;
  /** Steps of the frequency missing between the first and the last observation. */
  gaps: number;
}

export interface ForecastPlan {
  layout: SeriesLayout;
  target: string;
  frequency: Frequency;
  horizon: Horizon;
  /** Kept series (long enough), sorted by key. */
  series: SeriesSummary[];
  /** Series left out for being shorter than minSeriesLength. */
  droppedSeries: string[];
  /** Rows (after melting) whose target is missing or not finite. */
  missingValues: number;
  /** True when some kept series has a zero MASE scale (constant over the training part at lag m). */
  zeroScale: boolean;
}

/** Target name of a plan: the column for long tables, `value` (or a free name) for wide ones. */
export function targetName(layout: SeriesLayout, target: string): string {
  if (layout.shape === 'long') return target;
  const taken = new Set([...layout.table.columns.map((c) => c.name.toLowerCase()), layout.timeName, layout.seriesName]);
  return ['value', 'target', 'y'].find((n) => !taken.has(n)) ?? 'value_';
}

/** The parts of a TaskSpec the long relation reads, for one layout and target (the designer builds the rest around them). */
export function draftSpec(layout: SeriesLayout, target: string, extra: Partial<TimeseriesFields> = {}): Pick<TaskSpec, 'id' | 'table' | 'features' | 'derivedFeatures' | 'target' | 'filter'> & { timeseries: TimeseriesFields } {
  const e = layoutExpressions(layout, target);
  const rawSeries = layout.shape === 'wide-series' ? [] : layout.seriesColumns;
  return {
    id: `${layout.table.name}-${target}`,
    table: layout.table.name,
    features: [...rawSeries, ...layout.knownColumns],
    derivedFeatures: e.derived,
    target: { name: targetName(layout, target), ...e.target },
    timeseries: { timeColumn: layout.timeName, seriesColumns: e.seriesColumns, frequency: '', horizon: 0, seasonalPeriod: 1, ...extra },
  };
}

async function isUniqueKey(db: DuckDbSession, layout: SeriesLayout): Promise<boolean> {
  const rows = await db.all<{ ok: boolean }>(uniqueKeySql(layout));
  return rows[0]?.ok === true;
}

interface RawSeries { key: string; n: number; first: string; last: string; expected: number }

async function planTarget(db: DuckDbSession, layout: SeriesLayout, target: string, options: ResolvedOptions): Promise<ForecastPlan | string> {
  const spec = draftSpec(layout, target) as unknown as TaskSpec;
  const relation = await seriesRelationSql(db, spec);
  const observed = `(SELECT * FROM (${relation}) WHERE ${OBSERVED})`;
  const step = await db.all<{ step: number | null }>(
    `SELECT median(s) AS step FROM (SELECT epoch(__t) - lag(epoch(__t)) OVER (PARTITION BY __key ORDER BY __t) AS s FROM ${observed}) WHERE s IS NOT NULL`,
  );
  const frequency = frequencyOfStep(Number(step[0]?.step ?? NaN));
  if (!frequency) return `"${target}": the time steps are irregular (median step ${step[0]?.step ?? 'none'} s is not hourly, daily, weekly, monthly, quarterly or yearly)`;
  const dup = await db.all<{ n: number }>(`SELECT count(*) - count(DISTINCT (__key, __time)) AS n FROM (${relation})`);
  if (Number(dup[0].n) > 0) return `"${target}": ${dup[0].n} rows repeat a (series, time) pair`;
  const raw = await db.all<RawSeries>(
    `SELECT __key AS key, count(*) AS n, min(__time) AS first, max(__time) AS last, ${stepsBetweenSql(frequency, 'min(__t)', 'max(__t)')} + 1 AS expected FROM ${observed} GROUP BY __key ORDER BY __key`,
  );
  const missing = await db.all<{ n: number }>(`SELECT count(*) FILTER (WHERE NOT (${OBSERVED})) AS n FROM (${relation})`);
  const sources = layout.table.columns.filter((c) => spec.target.sourceColumns.includes(c.name));
  const rawRows = Math.round(layout.table.rowCount * (1 - Math.max(0, ...sources.map((c) => c.missingFraction))));
  const horizon = forecastHorizon({ frequency, seriesLengths: raw.map((s) => Number(s.n)), rawRows, minSeriesLength: options.minSeriesLength });
  if (typeof horizon === 'string') return `"${target}": ${horizon}`;
  const kept = raw.filter((s) => Number(s.n) >= horizon.minLength);
  const plan: ForecastPlan = {
    layout, target, frequency, horizon,
    series: kept.map((s) => ({ key: String(s.key), length: Number(s.n), first: String(s.first), last: String(s.last), gaps: Math.max(0, Number(s.expected) - Number(s.n)) })),
    droppedSeries: raw.filter((s) => Number(s.n) < horizon.minLength).map((s) => String(s.key)),
    missingValues: Number(missing[0].n),
    zeroScale: false,
  };
  const zero = await db.all<{ n: number }>(`SELECT count(*) AS n FROM (${scaleSql(`(SELECT * FROM ${observed} ${keptFilter(plan)})`, horizon.horizon, horizon.seasonalPeriod, 'mase')}) WHERE NOT (scale > 0)`);
  plan.zeroScale = Number(zero[0].n) > 0;
  return plan;
}

function keptFilter(plan: ForecastPlan): string {
  return plan.droppedSeries.length ? `WHERE __key NOT IN (${plan.droppedSeries.map(quoteLiteral).join(', ')})` : '';
}

/**
 * Per series (`__key`) of an observed relation: the metric's in-sample scale over the training
 * part (every step but the last `horizon`): mean |y_t − y_{t−m}| for MASE (M4), mean
 * (y_t − y_{t−1})² for RMSSE (M5).
 */
export function scaleSql(observed: string, horizon: number, seasonalPeriod: number, metric: string): string {
  const lag = metric === 'rmsse' ? 1 : seasonalPeriod;
  const diff = metric === 'rmsse' ? `pow(__y - lag(__y, ${lag}) OVER w, 2)` : `abs(__y - lag(__y, ${lag}) OVER w)`;
  const train = `(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY __key ORDER BY __time DESC) AS __back FROM ${observed}) WHERE __back > ${horizon})`;
  return `SELECT __key, coalesce(avg(d), 0) AS scale FROM (SELECT __key, ${diff} AS d FROM ${train} WINDOW w AS (PARTITION BY __key ORDER BY __time)) GROUP BY __key`;
}

/** SQL filter on the raw table leaving out the dropped series of a long table. */
export function seriesFilter(plan: ForecastPlan): string | undefined {
  if (plan.droppedSeries.length === 0 || plan.layout.shape === 'wide-series') return undefined;
  return `${seriesKeySql(plan.layout.seriesColumns)} NOT IN (${plan.droppedSeries.map(quoteLiteral).join(', ')})`;
}

export interface DatasetPlans {
  plans: ForecastPlan[];
  /** Why a time-indexed table or target gave no plan. */
  rejected: string[];
}

/** Every forecasting plan of the dataset: tables in profile order, targets in layout order. */
export async function planDataset(profile: DatasetProfile, options: ResolvedOptions): Promise<DatasetPlans> {
  const out: DatasetPlans = { plans: [], rejected: [] };
  await withDuckDb(async (db) => {
    for (const table of profile.tables) await planTable(db, table, options, out);
  }, { readOnlyRawDir: profile.dir });
  return out;
}

async function planTable(db: DuckDbSession, table: TableProfile, options: ResolvedOptions, out: DatasetPlans): Promise<void> {
  const layouts = candidateLayouts(table, options.knownColumns, options.minSeriesLength);
  let layout: SeriesLayout | undefined;
  for (const l of layouts) {
    if (await isUniqueKey(db, l)) {
      layout = l;
      break;
    }
  }
  if (!layout) {
    if (layouts.length) out.rejected.push(`${table.file}: the time column${layouts[0].time.columns.length > 1 ? 's' : ''} ${layouts[0].time.columns.join(' + ')} with no series column (or one of ${layouts.map((l) => l.seriesColumns.join('+')).filter(Boolean).join(', ') || 'none'}) identify every row`);
    return;
  }
  const targets = layout.shape === 'long' ? layout.valueColumns : [layout.valueColumns[0]];
  for (const target of targets) {
    const plan = await planTarget(db, layout, target, options);
    if (typeof plan === 'string') out.rejected.push(`${table.file}: ${plan}`);
    else out.plans.push(plan);
  }
}

/** One line on the series of a plan, for justifications and descriptions. */
export function describeSeries(plan: ForecastPlan): string {
  const n = plan.series.length;
  const lengths = plan.series.map((s) => s.length);
  const gaps = plan.series.reduce((a, s) => a + s.gaps, 0);
  const range = n === 1 ? `${plan.series[0].length} steps from ${plan.series[0].first} to ${plan.series[0].last}` : `${n} series of ${Math.min(...lengths)}–${Math.max(...lengths)} steps`;
  return `${FREQUENCY_NAMES[plan.frequency]} data, ${range}; ${gaps} missing step${gaps === 1 ? '' : 's'} (gaps) and ${plan.missingValues} missing value${plan.missingValues === 1 ? '' : 's'}`;
}

export function noPlanError(profile: DatasetProfile, plans: DatasetPlans): DesignerDeclinedError {
  return new DesignerDeclinedError(`no forecasting task in dataset "${profile.name}": ${plans.rejected.join('; ') || 'no time-indexed table'}`, profile.tables[0] ? { file: profile.tables[0].file } : undefined);
}
