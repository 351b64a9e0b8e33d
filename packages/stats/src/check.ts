// Input checks shared by the statistics: bad input is a UsageError naming what is wrong.
import { UsageError } from '@mle-smith/core';

export function checkVector(name: string, x: readonly number[]): void {
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== 'number' || !Number.isFinite(x[i])) {
      throw new UsageError(`${name}[${i}] is not a finite number (got ${String(x[i])})`);
    }
  }
}

export function checkPair(fn: string, a: readonly number[], b: readonly number[], min = 2): void {
  if (a.length !== b.length) throw new UsageError(`${fn}: the two samples differ in length (${a.length} vs ${b.length})`);
  if (a.length < min) throw new UsageError(`${fn}: needs at least ${min} paired values, got ${a.length}`);
  checkVector(`${fn}: a`, a);
  checkVector(`${fn}: b`, b);
}

/** Checks an n × k matrix (rows = targets/subjects, columns = raters/items). */
export function checkMatrix(fn: string, m: readonly (readonly number[])[], minRows = 2, minCols = 2): number {
  if (m.length < minRows) throw new UsageError(`${fn}: needs at least ${minRows} rows, got ${m.length}`);
  const k = m[0]!.length;
  if (k < minCols) throw new UsageError(`${fn}: needs at least ${minCols} columns, got ${k}`);
  m.forEach((row, i) => {
    if (row.length !== k) throw new UsageError(`${fn}: row ${i} has ${row.length} values, expected ${k}`);
    checkVector(`${fn}: row ${i}`, row);
  });
  return k;
}

export function mean(x: readonly number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/** Sample variance (n − 1 denominator). */
export function variance(x: readonly number[]): number {
  const m = mean(x);
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return s / (x.length - 1);
}
