// The task's id column never collides with a source column or the target (docs/task-format.md).
import { describe, expect, it } from 'vitest';
import { submissionFormat, taskIdColumn } from './deterministic-designer.js';

const base = { objective: 'regression' as const, target: { name: 'y', expression: 'y', sourceColumns: ['y'] }, metric: { name: 'rmse' } };

describe('the task id column', () => {
  it('is id unless the target or a public column has that name in any case', () => {
    expect(taskIdColumn({ ...base, features: ['a', 'b'] })).toBe('id');
    expect(taskIdColumn({ ...base, features: ['ID', 'b'] })).toBe('row_id');
    expect(taskIdColumn({ ...base, target: { name: 'Id', expression: 'Id', sourceColumns: ['Id'] } })).toBe('row_id');
    expect(taskIdColumn({ ...base, features: ['id', 'ROW_ID'], derivedFeatures: [{ name: 'row_id_2', expression: '1' }] })).toBe('row_id_3');
  });

  it('names the submission id, and a class called like it gets its own probability column name', () => {
    expect(submissionFormat({ ...base, features: ['Id'] }, undefined)).toEqual({ idColumn: 'row_id', predictionColumns: [{ name: 'y', type: 'number' }] });
    const multi = submissionFormat({ ...base, objective: 'multiclass', metric: { name: 'log_loss' }, features: ['x'] }, ['id', 'other']);
    expect(multi.idColumn).toBe('id');
    expect(multi.predictionColumns.map((c) => c.name)).toEqual(['id_probability', 'other']);
  });
});
