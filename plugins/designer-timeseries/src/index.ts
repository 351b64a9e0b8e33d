// @mle-smith/plugin-designer-timeseries: designs forecasting tasks from time-indexed tables (long
// or wide, one or many series) and registers the series baseline ladder (naive, seasonal naive,
// gradient boosting on lags and calendar features).
import { definePlugin } from '@mle-smith/core';
import { seriesBaselineSolvers } from './baselines/series-solver.js';
import { createTimeSeriesDesigner } from './designer.js';
import { optionsSchema, type TimeSeriesDesignerOptions } from './options.js';

export const PLUGIN_NAME = 'designer-timeseries';

const plugin = definePlugin<TimeSeriesDesignerOptions & Record<string, unknown>>(
  (options) => ({
    name: PLUGIN_NAME,
    apiVersion: 1,
    setup(api) {
      api.addDesigner(createTimeSeriesDesigner(options));
      for (const solver of seriesBaselineSolvers()) api.addSolver(solver);
    },
  }),
  optionsSchema,
);

export default plugin;
export { createTimeSeriesDesigner, DESIGNER_ID, type TimeSeriesDesigner } from './designer.js';
export { optionsSchema, resolveOptions, DEFAULT_OPTIONS, type TimeSeriesDesignerOptions, type ResolvedOptions } from './options.js';
export { forecastHorizon, M4_HORIZONS, type Horizon, type HorizonInput } from './horizon.js';
export { candidateLayouts, layoutExpressions, isoTimeSql, type SeriesLayout, type SeriesShape } from './layout.js';
export { planDataset, draftSpec, scaleSql, type ForecastPlan, type DatasetPlans } from './planner.js';
export { materializeForecastSplit, SERIES_COLUMN, SCALE_COLUMN, type ForecastSplitResult } from './forecast-split.js';
export { seriesRelationSql, isoTextTimestampSql, timeseriesOf, SINGLE_SERIES_KEY, type TimeseriesFields } from './series-sql.js';
export { createDeterministicBrainstormer, buildProposal, proposalId, type ForecastHints } from './strategies/deterministic-brainstormer.js';
export { createDeterministicDesigner, buildSpec, ID_COLUMN } from './strategies/deterministic-designer.js';
export { renderDescription } from './description.js';
export { seriesBaselineSolvers, seriesSpecFields, PYTHON_DIR } from './baselines/series-solver.js';
