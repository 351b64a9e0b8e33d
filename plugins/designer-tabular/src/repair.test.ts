import { describe, expect, it } from 'vitest';
import type { Finding, TableProfile, TaskSpec } from '@mle-smith/core';
import { applyDefects, findingColumns } from './repair.js';

const col = (name: string, over: Partial<TableProfile['columns'][number]> = {}): TableProfile['columns'][number] => ({
  name, duckdbType: 'DOUBLE', inferredType: 'float', missingFraction: 0, distinctCount: 50, uniqueness: 0.5, topValues: [], identifierLike: false, ...over,
});

const table: TableProfile = {
  name: 't', file: 't.csv', format: 'csv', rowCount: 100,
  columns: [col('a'), col('b'), col('patient', { inferredType: 'categorical', distinctCount: 20 }), col('y', { inferredType: 'categorical', distinctCount: 2 })],
  candidateKeys: [], candidateTargets: [], groupColumns: ['patient'], mediaColumns: [],
};

const spec: TaskSpec = {
  specVersion: 1, id: 'd-y-binary', title: 't', dataset: 'd', table: 't', modality: 'tabular', objective: 'binary',
  target: { name: 'y', expression: '"y"', sourceColumns: ['y'] }, rowKey: [], features: ['a', 'b'], derivedFeatures: [],
  dropColumns: ['patient'], metric: { name: 'accuracy', higherIsBetter: true, params: {} },
  split: { strategy: 'stratified', testFraction: 0.2, seed: 1, by: 'y' },
  submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'string' }] }, description: { overview: 'x' },
};

const finding = (ruleId: string, data?: Record<string, unknown>, location?: string): Finding => ({ ruleId, severity: 'error', phase: 'package', message: ruleId, data, location });

describe('applyDefects', () => {
  it('reads columns from data.column, data.columns and column: locations', () => {
    expect(findingColumns(finding('x', { column: 'a', columns: ['b', 7] }, 'column:c'))).toEqual(['a', 'b', 'c']);
  });

  it('drops a column a leakage finding names, never the target', () => {
    const r = applyDefects(spec, [finding('leakage/single-feature', { column: 'b' }), finding('leakage/target-in-public', { column: 'y' })], table);
    expect(r.spec.features).toEqual(['a']);
    expect(r.spec.dropColumns).toEqual(['patient', 'b']);
    expect(r.unrepaired.map((f) => f.ruleId)).toEqual(['leakage/target-in-public']);
    expect(spec.features).toEqual(['a', 'b']); // input untouched
  });

  it('grades probabilities with log_loss when a classification task saturates, and cannot repair a saturated regression', () => {
    const r = applyDefects(spec, [finding('execution/saturated', { top: 1 })], table);
    expect(r.spec.metric).toEqual({ name: 'log_loss', higherIsBetter: false, params: {} });
    expect(r.unrepaired).toEqual([]);
    const again = applyDefects(r.spec, [finding('execution/saturated', { top: 0 })], table);
    expect(again.unrepaired.map((f) => f.ruleId)).toEqual(['execution/saturated']);
    const regression = applyDefects({ ...spec, objective: 'regression', metric: { name: 'rmse', higherIsBetter: false } }, [finding('execution/saturated')], table);
    expect(regression.unrepaired).toHaveLength(1);
  });

  it('switches to a group split on group leakage', () => {
    const r = applyDefects(spec, [finding('leakage/group')], table);
    expect(r.spec.split).toEqual({ strategy: 'group', testFraction: 0.2, seed: 1, by: 'patient' });
  });

  it('groups duplicate rows by content and drops nothing', () => {
    const r = applyDefects(spec, [finding('leakage/duplicate-rows', { kind: 'near', columns: ['a', 'b'] })], table);
    expect(r.spec.features).toEqual(['a', 'b']);
    expect(r.spec.split).toMatchObject({ strategy: 'group', by: 'md5(CAST(row(round(CAST("a" AS DOUBLE), 2), round(CAST("b" AS DOUBLE), 2)) AS VARCHAR))' });
  });

  it('reads the group column of a group-split finding', () => {
    const r = applyDefects({ ...spec, dropColumns: [], features: ['a', 'b', 'patient'] }, [finding('leakage/group-split', { groupColumns: ['patient'] })], table);
    expect(r.spec.split).toMatchObject({ strategy: 'group', by: 'patient' });
    expect(r.spec.features).toEqual(['a', 'b']);
  });

  it('changes an unsuitable metric to a suitable one', () => {
    const r = applyDefects({ ...spec, metric: { name: 'rmse', higherIsBetter: false } }, [finding('structural/metric-suits-objective')], table);
    expect(r.spec.metric).toEqual({ name: 'roc_auc', higherIsBetter: true, params: {} });
  });

  it('ignores warnings', () => {
    const r = applyDefects(spec, [{ ...finding('leakage/single-feature', { column: 'a' }), severity: 'warning' }], table);
    expect(r.spec).toEqual(spec);
  });
});
