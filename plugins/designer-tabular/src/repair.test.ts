import { describe, expect, it } from 'vitest';
import type { Finding, TableProfile, TaskSpec } from '@mle-smith/core';
import { withDuckDb } from '@mle-smith/data';
import { applyDefects, findingColumns, repairedTestFraction } from './repair.js';

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
  it('test rows that repeat train rows verbatim: equal rows go to one side, no feature is dropped', () => {
    const r = applyDefects(spec, [finding('structural/train-test-disjoint', { count: 9, fraction: 0.45, columns: ['a', 'b'] })], table);
    expect(r.spec.features).toEqual(['a', 'b']);
    expect(r.spec.split.strategy).toBe('group');
    expect(r.spec.split.by).toContain('md5(CAST(row(');
    expect(r.unrepaired).toEqual([]);
  });

  it('reads columns from data.column, data.columns and column: locations', () => {
    expect(findingColumns(finding('x', { column: 'a', columns: ['b', 7] }, 'column:c'))).toEqual(['a', 'b', 'c']);
  });

  it('a linear combination loses only the part another finding blames alone; without one, every part goes', () => {
    const three = { ...spec, features: ['a', 'b', 'c'] };
    const combination = finding('leakage/linear-combination', { columns: ['a', 'b', 'c'] });
    const withVersion = applyDefects(three, [finding('leakage/monotone-transform', { column: 'a' }), combination], table);
    expect(withVersion.spec.features).toEqual(['b', 'c']);
    expect(withVersion.unrepaired).toEqual([]);
    expect(applyDefects(three, [combination], table).spec.features).toEqual([]);
  });

  it('a public column that holds the answers is dropped; the package\'s id column and the target never are', () => {
    const holds = finding('structural/answers-not-public', { file: 'public/test.csv', idColumn: 'id', targetColumn: 'b', matched: 96, answers: 100 });
    expect(applyDefects(spec, [holds], table).spec.features).toEqual(['a']);
    const itself = finding('structural/answers-not-public', { file: 'public/test.csv', idColumn: 'id', targetColumn: 'y', matched: 100, answers: 100 });
    expect(applyDefects(spec, [itself], table).spec.features).toEqual(['a', 'b']);
  });

  it('drops a column a leakage finding names, never the target', () => {
    const r = applyDefects(spec, [finding('leakage/single-feature', { column: 'b' }), finding('leakage/target-in-public', { column: 'y' })], table);
    expect(r.spec.features).toEqual(['a']);
    expect(r.spec.dropColumns).toEqual(['patient', 'b']);
    expect(r.unrepaired.map((f) => f.ruleId)).toEqual(['leakage/target-in-public']);
    expect(spec.features).toEqual(['a', 'b']); // input untouched
  });

  it('a leak in a derived feature removes that feature; dropColumns keeps naming raw columns only', () => {
    const withMonth = { ...spec, derivedFeatures: [{ name: 'death_month', expression: 'month("death")' }] };
    const r = applyDefects(withMonth, [finding('leakage/single-feature', { column: 'death_month' })], table);
    expect(r.spec.derivedFeatures).toEqual([]);
    expect(r.spec.dropColumns).toEqual(['patient']);
    expect(r.applied).toEqual(['dropped "death_month" (leakage/single-feature)']);
    expect(r.unrepaired).toEqual([]);
  });

  it('no learnable signal: one retry on a test set of half the rows, then the finding stands', () => {
    const signal = finding('execution/no-learnable-signal', { lo: -0.01, hi: 0.1, rows: 40 });
    const r = applyDefects(spec, [signal], table);
    expect(r.spec.split.testFraction).toBe(0.5);
    expect(r.spec.features).toEqual(['a', 'b']);
    expect(applyDefects(r.spec, [signal], table).unrepaired.map((f) => f.ruleId)).toEqual(['execution/no-learnable-signal']);
  });

  it('never drops the package\'s own id column, which no raw column is (a row-order finding names it)', () => {
    const r = applyDefects(spec, [finding('leakage/row-order', { column: 'id' })], table);
    expect(r.spec.dropColumns).toEqual(['patient']);
    expect(r.spec.features).toEqual(['a', 'b']);
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

  it('groups duplicate rows of a spec listing no features by the columns the split publishes, in SQL DuckDB runs', async () => {
    const r = applyDefects({ ...spec, features: [] }, [finding('leakage/duplicate-rows', { roundDigits: 1 })], table);
    expect(r.spec.split.by).toBe('md5(CAST(row(round(CAST("a" AS DOUBLE), 1), round(CAST("b" AS DOUBLE), 1)) AS VARCHAR))');
    const rows = await withDuckDb((db) => db.all<{ k: string }>(`SELECT ${r.spec.split.by} AS k FROM (VALUES (1.0, 2.0, 'p1', 'x'), (1.04, 2.0, 'p2', 'y')) t(a, b, patient, y)`));
    expect(rows[0].k).toBe(rows[1].k);
  });

  it('raises the test fraction of a small table to what gives minTestRows test rows', () => {
    const data = { rows: 60, testFraction: 0.2, minFraction: 0.05, maxFraction: 0.5, minTestRows: 20, minTrainRows: 20, minRows: 40 };
    const r = applyDefects(spec, [finding('structural/test-fraction', data)], table);
    expect(r.spec.split).toEqual({ ...spec.split, testFraction: 0.34 });
    expect(r.applied).toEqual(['testFraction 0.2 → 0.34, for enough test and train rows (structural/test-fraction)']);
    // a 45-row table needs 0.45 and may not go above 0.5; a 39-row one cannot be repaired
    expect(repairedTestFraction(0.2, { ...data, rows: 45 })).toBe(0.45);
    expect(repairedTestFraction(0.2, { ...data, rows: 39 })).toBeUndefined();
    expect(repairedTestFraction(0.2, { ...data, rows: 25, tooSmall: true })).toBeUndefined();
    const tooSmall = applyDefects(spec, [finding('structural/test-fraction', { ...data, rows: 25, tooSmall: true })], table);
    expect(tooSmall.spec).toEqual(spec);
    expect(tooSmall.unrepaired).toHaveLength(1);
    // out of range: back into [min, max]
    expect(applyDefects({ ...spec, split: { ...spec.split, testFraction: 0.8 } }, [finding('structural/test-fraction', { testFraction: 0.8, minFraction: 0.05, maxFraction: 0.5 })], table).spec.split.testFraction).toBe(0.5);
  });

  it('raises the fraction again when the split fell short of minTestRows, and keeps a stratified split', () => {
    const s = { ...spec, split: { ...spec.split, testFraction: 0.34 } };
    const r = applyDefects(s, [finding('structural/split-sizes', { side: 'test', rows: 18, testRows: 18, trainRows: 42, minTestRows: 20, minTrainRows: 20, testFraction: 0.34 })], table);
    expect(r.spec.split).toEqual({ ...s.split, testFraction: 0.38 });
    const half = { ...spec, split: { ...spec.split, testFraction: 0.5 } };
    const train = applyDefects(half, [finding('structural/split-sizes', { side: 'train', testRows: 23, trainRows: 18, minTestRows: 20, minTrainRows: 20, testFraction: 0.5 })], table);
    expect(train.spec.split.testFraction).toBe(0.49);
    // 39 rows cannot hold 20 of each
    const none = applyDefects(half, [finding('structural/split-sizes', { side: 'train', testRows: 21, trainRows: 18, minTestRows: 20, minTrainRows: 20, testFraction: 0.5 })], table);
    expect(none.unrepaired).toHaveLength(1);
  });

  it('ignores warnings', () => {
    const r = applyDefects(spec, [{ ...finding('leakage/single-feature', { column: 'a' }), severity: 'warning' }], table);
    expect(r.spec).toEqual(spec);
  });
});
