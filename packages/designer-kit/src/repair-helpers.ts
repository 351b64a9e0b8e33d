// Repairs every designer shares: the test fraction that gives both sides of a split enough rows,
// read from the data of structural/test-fraction and structural/split-sizes findings
// (docs/verification.md).
import type { Finding } from '@mle-smith/core';

/** Default cap of a raised test fraction when a finding does not carry one (structural/test-fraction's `max`). */
export const MAX_TEST_FRACTION = 0.5;

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const ceil2 = (x: number): number => Math.ceil(x * 100 - 1e-9) / 100;
const floor2 = (x: number): number => Math.floor(x * 100 + 1e-9) / 100;

/**
 * The test fraction nearest the current one that gives at least minTestRows test and minTrainRows
 * train rows of `rows`, within [minFraction, maxFraction] (two decimals); undefined when none
 * does. Reads the data of structural/test-fraction and structural/split-sizes findings.
 */
export function repairedTestFraction(current: number, data: Record<string, unknown>): number | undefined {
  if (data.tooSmall) return undefined;
  let lo = num(data.minFraction) ?? 0.05;
  let hi = num(data.maxFraction) ?? MAX_TEST_FRACTION;
  const [minTest, minTrain] = [num(data.minTestRows), num(data.minTrainRows)];
  const [testRows, trainRows] = [num(data.testRows), num(data.trainRows)];
  // A materialized split: the rows it had; a spec: the rows of the table.
  const rows = testRows !== undefined && trainRows !== undefined ? testRows + trainRows : num(data.rows);
  if (rows && minTest !== undefined) lo = Math.max(lo, ceil2(minTest / rows));
  if (rows && minTrain !== undefined) hi = Math.min(hi, floor2((rows - minTrain) / rows));
  // The split fell short of the fraction (stratum or group rounding): ask for proportionally more or less.
  if (testRows !== undefined && minTest !== undefined && testRows < minTest) lo = Math.max(lo, ceil2((current * minTest) / Math.max(1, testRows)), ceil2(current + 0.01));
  if (trainRows !== undefined && minTrain !== undefined && trainRows < minTrain) hi = Math.min(hi, floor2(current - 0.01));
  if (lo > hi) return undefined;
  return Math.min(hi, Math.max(lo, current));
}

/** True for the findings about how many rows each side gets (not about classes). */
export function isSizeFinding(f: Finding): boolean {
  return f.ruleId === 'structural/test-fraction' || (f.ruleId === 'structural/split-sizes' && (f.data?.side === 'test' || f.data?.side === 'train'));
}

