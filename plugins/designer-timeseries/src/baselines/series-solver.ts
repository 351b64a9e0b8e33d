// The series baseline ladder: one Solver per tier (series-trivial = naive, series-simple =
// seasonal naive, series-strong = gradient boosting on lags and calendar features), each
// python/<tier>.py with python/series.py, run through the configured executor by
// @mle-smith/baseline-kit exactly as the tabular and text ladders are.
import { fileURLToPath } from 'node:url';
import type { BaselineTier, Solver, TaskPublicView } from '@mle-smith/core';
import { pythonBaselineLadder, type PythonBaselineOptions } from '@mle-smith/baseline-kit';
import type { TimeseriesFields } from '../series-sql.js';

/** Folder of the Python scripts; `../../python` from both src/baselines/*.ts and dist/baselines/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));

/** task_public.json's forecasting fields: the task's `timeseries` (no answers in it), or why there are none. */
export async function seriesSpecFields(view: TaskPublicView): Promise<Record<string, unknown> | string> {
  const ts: TimeseriesFields | undefined = view.manifest.timeseries;
  if (!ts) return 'task.json has no "timeseries" (time column, series columns, horizon)';
  return { timeColumn: ts.timeColumn, seriesColumns: ts.seriesColumns, horizon: ts.horizon, seasonalPeriod: ts.seasonalPeriod, frequency: ts.frequency };
}

function seriesBaseline(tier: BaselineTier): Omit<PythonBaselineOptions, 'tier'> {
  return {
    id: `series-${tier}`, modalities: ['time-series'], objectives: ['forecasting'],
    script: `${PYTHON_DIR}${tier}.py`,
    extraFiles: [`${PYTHON_DIR}series.py`],
    extraSpec: (task) => seriesSpecFields(task),
    singleThreadBelowBytes: 5_000_000,
  };
}

export function seriesBaselineSolvers(): Solver[] {
  return pythonBaselineLadder(seriesBaseline);
}
