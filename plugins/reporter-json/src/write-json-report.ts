import { join } from 'node:path';
import { MleSmithError, writeJsonAtomic, type RunSummary } from '@mle-smith/core';
import { REPORT_SCHEMA_VERSION, validateReport } from './schema.js';

export interface JsonReportOptions {
  /** Default report.json. */
  fileName?: string;
}

/** The report object: the summary with NaN/Infinity turned into null (as JSON would) and a schema version. */
export function toJsonReport(summary: RunSummary): Record<string, unknown> {
  return { schemaVersion: REPORT_SCHEMA_VERSION, ...(JSON.parse(JSON.stringify(summary)) as Record<string, unknown>) };
}

/**
 * Validates the summary against report.schema.json and writes it atomically to `dir/fileName`.
 * Returns the path written. A summary that does not match the schema is a bug in whoever built it:
 * it throws (naming the JSON paths) instead of writing a report other tools cannot read.
 */
export async function writeJsonReport(summary: RunSummary, dir: string, options: JsonReportOptions = {}): Promise<string> {
  const report = toJsonReport(summary);
  const check = validateReport(report);
  if (!check.valid) {
    throw new MleSmithError('INTERNAL', `report.json for run ${summary.runId} does not match report.schema.json: ${check.errors.slice(0, 5).join('; ')}`);
  }
  const path = join(dir, options.fileName ?? 'report.json');
  await writeJsonAtomic(path, report);
  return path;
}
