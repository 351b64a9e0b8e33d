import { describe, expect, it } from 'vitest';
import type { TaskManifest, TaskSpec } from './contracts/task.js';
import { validateTaskManifest, validateTaskSpec } from './schemas.js';

// A forecasting spec as the time-series designer writes it (issue 16's agreed interface).
const forecastingSpec: TaskSpec = {
  specVersion: 1, id: 'sales-forecast', title: 'Forecast weekly sales', dataset: 'sales', table: 'sales',
  modality: 'time-series', objective: 'forecasting',
  target: { name: 'sales', expression: 'sales', sourceColumns: ['sales'] },
  rowKey: ['store', 'week'], features: ['store', 'week', 'promo'], derivedFeatures: [], dropColumns: [],
  metric: { name: 'mase', higherIsBetter: false, params: { seasonalPeriod: 52, seriesColumn: 'series', scaleColumn: 'scale' } },
  split: { strategy: 'time', by: 'week', testFraction: 0.1, seed: 0 },
  submission: { idColumn: 'id', predictionColumns: [{ name: 'sales', type: 'number' }] },
  timeseries: { timeColumn: 'week', seriesColumns: ['store'], frequency: 'W', horizon: 8, seasonalPeriod: 52 },
  description: { overview: 'Forecast the next 8 weeks of sales of every store.' },
};

const withTimeseries = (timeseries: unknown): unknown => ({ ...forecastingSpec, timeseries });

describe('task-spec schema: timeseries', () => {
  it('accepts a forecasting spec, with series columns or with none (one series), and a spec without the field', () => {
    expect(validateTaskSpec(forecastingSpec)).toEqual({ valid: true, errors: [] });
    expect(validateTaskSpec(withTimeseries({ ...forecastingSpec.timeseries, seriesColumns: [], frequency: '15min' })).valid).toBe(true);
    const { timeseries: _dropped, ...tabular } = forecastingSpec;
    expect(validateTaskSpec(tabular).valid).toBe(true);
  });

  it('rejects a missing key, a zero horizon, a fractional seasonal period and an unknown key, naming the path', () => {
    const { horizon: _h, ...noHorizon } = forecastingSpec.timeseries!;
    expect(validateTaskSpec(withTimeseries(noHorizon)).errors).toContain("at /timeseries: must have required property 'horizon'");
    expect(validateTaskSpec(withTimeseries({ ...forecastingSpec.timeseries, horizon: 0 })).errors).toContain('at /timeseries/horizon: must be >= 1');
    expect(validateTaskSpec(withTimeseries({ ...forecastingSpec.timeseries, seasonalPeriod: 1.5 })).errors).toContain('at /timeseries/seasonalPeriod: must be integer');
    expect(validateTaskSpec(withTimeseries({ ...forecastingSpec.timeseries, lags: 3 })).errors).toContain('at /timeseries: unknown key "lags"');
    expect(validateTaskSpec(withTimeseries({ ...forecastingSpec.timeseries, seriesColumns: 'store' })).errors).toContain('at /timeseries/seriesColumns: must be array');
  });
});

describe('task.json schema: timeseries', () => {
  const manifest: TaskManifest = {
    id: forecastingSpec.id, title: forecastingSpec.title, modality: 'time-series', objective: 'forecasting', target: 'sales',
    metric: { name: 'mase', higherIsBetter: false, params: forecastingSpec.metric.params! },
    submission: forecastingSpec.submission, split: forecastingSpec.split, timeseries: forecastingSpec.timeseries,
    source: { dataset: 'sales', files: [] }, spec: forecastingSpec,
    files: [{ path: 'public/train.csv', sha256: 'a'.repeat(64), bytes: 1 }],
    generator: { name: 'mle-smith', version: '0.0.0', designer: 'timeseries', agents: {}, models: [], promptHashes: {} },
  };

  it('accepts the top-level field and checks it with the spec definition', () => {
    expect(validateTaskManifest(manifest)).toEqual({ valid: true, errors: [] });
    expect(validateTaskManifest({ ...manifest, timeseries: { ...manifest.timeseries, horizon: -2 } }).errors).toContain('at /timeseries/horizon: must be >= 1');
  });
});
