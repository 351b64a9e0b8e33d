// Deterministic Brainstormer: one forecasting proposal per target of each time-indexed table
// (the wide table's melted series count as one target), in table and target order. Same profile
// and seed → same proposals.
import type { DatasetProfile, DesignContext, MetricRef, TaskProposal } from '@mle-smith/core';
import type { Brainstormer, StrategyRun } from '@mle-smith/designer-kit';
import { proposalLimit, type ResolvedOptions } from '../options.js';
import { describeSeries, draftSpec, noPlanError, planDataset, type ForecastPlan } from '../planner.js';
import { SERIES_COLUMN, SCALE_COLUMN } from '../forecast-split.js';

/** What the designer needs from the plan, carried in the proposal's hints. */
export interface ForecastHints extends Record<string, unknown> {
  shape: ForecastPlan['layout']['shape'];
  /** The layout's raw series columns (to find the same layout again at design time). */
  rawSeriesColumns: string[];
  target: string;
  frequency: ForecastPlan['frequency'];
  horizon: number;
  seasonalPeriod: number;
  testFraction: number;
  droppedSeries: string[];
  summary: string;
  horizonReason: string;
}

/** The unit of one step, for titles. */
export const STEP_UNITS: Record<ForecastPlan['frequency'], string> = { H: 'hour', D: 'day', W: 'week', M: 'month', Q: 'quarter', Y: 'year' };

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

export function proposalId(dataset: string, target: string): string {
  return `${slug(dataset)}-${slug(target)}-forecast`;
}

/** The metric: the configured one (MASE by default), sMAPE when some series has a zero MASE scale. */
export function chooseMetric(plan: ForecastPlan, options: ResolvedOptions): { metric: MetricRef; why: string } {
  const scaled = (name: string) => name === 'mase' || name === 'rmsse';
  const name = plan.zeroScale && scaled(options.metric) ? 'smape' : options.metric;
  const params = scaled(name) ? { seasonalPeriod: plan.horizon.seasonalPeriod, seriesColumn: SERIES_COLUMN, scaleColumn: SCALE_COLUMN } : {};
  const why = name === 'mase'
    ? `MASE compares each series' errors with the in-sample error of a seasonal naive forecast (m = ${plan.horizon.seasonalPeriod}), so series of any scale count equally`
    : name === 'smape' && plan.zeroScale
      ? 'sMAPE, because some series is constant over its training part and has no MASE scale'
      : `${name}, as configured`;
  return { metric: { name, higherIsBetter: false, params }, why };
}

export function buildProposal(profile: DatasetProfile, plan: ForecastPlan, options: ResolvedOptions, seed: number): TaskProposal {
  const { layout, horizon } = plan;
  const draft = draftSpec(layout, plan.target);
  const { metric, why } = chooseMetric(plan, options);
  const what = layout.shape === 'long' ? `"${plan.target}"` : `the ${layout.valueColumns.length} ${layout.shape === 'wide-months' ? 'monthly columns (melted to one series per row key)' : 'series columns (melted)'}`;
  const summary = describeSeries(plan);
  const hints: ForecastHints = {
    shape: layout.shape, rawSeriesColumns: layout.seriesColumns, target: plan.target, frequency: plan.frequency,
    horizon: horizon.horizon, seasonalPeriod: horizon.seasonalPeriod, testFraction: horizon.testFraction,
    droppedSeries: plan.droppedSeries, summary, horizonReason: horizon.reason,
  };
  const kept = new Set([...draft.features, ...draft.target.sourceColumns]);
  return {
    id: proposalId(profile.name, layout.shape === 'long' ? plan.target : draft.target.name),
    dataset: profile.name,
    table: layout.table.name,
    title: `${profile.name}: forecast ${layout.shape === 'long' ? plan.target : draft.target.name} ${horizon.horizon} ${STEP_UNITS[plan.frequency]}${horizon.horizon === 1 ? '' : 's'} ahead`,
    modality: 'time-series',
    objective: 'forecasting',
    target: draft.target,
    metric,
    split: { strategy: 'time', by: layout.time.sql, testFraction: horizon.testFraction, seed },
    dropColumns: layout.table.columns.map((c) => c.name).filter((n) => !kept.has(n)),
    justification:
      `Forecast ${what} of ${layout.table.file}: ${summary}. Horizon H = ${horizon.horizon} (${horizon.reason}); the test set is the last H steps of every series.` +
      ` Metric ${metric.name}: ${why}.` +
      (plan.droppedSeries.length ? ` ${plan.droppedSeries.length} series shorter than ${horizon.minLength} observed steps are left out.` : ''),
    hints,
  };
}

export function createDeterministicBrainstormer(options: ResolvedOptions): Brainstormer {
  return {
    kind: 'deterministic',
    async brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<StrategyRun<TaskProposal[]>> {
      const plans = await planDataset(profile, options);
      if (plans.plans.length === 0) throw noPlanError(profile, plans);
      for (const r of plans.rejected) ctx.log.info(`designer-timeseries: ${r}`);
      const limit = proposalLimit(options, ctx.maxProposals);
      const proposals: TaskProposal[] = [];
      for (const plan of plans.plans) {
        if (proposals.length >= limit) break;
        const p = buildProposal(profile, plan, options, ctx.seed);
        if (!proposals.some((q) => q.id === p.id)) proposals.push(p);
      }
      return { value: proposals, agent: 'deterministic' };
    },
  };
}
