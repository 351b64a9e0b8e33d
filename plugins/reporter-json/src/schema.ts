// The JSON Schema of report.json, shipped next to package.json so editors and other tools can use it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAjv, formatSchemaErrors, type SchemaCheck } from '@mle-smith/core';

/** Absolute path of report.schema.json. */
export const REPORT_SCHEMA_PATH = fileURLToPath(new URL('../report.schema.json', import.meta.url));

export const reportSchema = JSON.parse(readFileSync(REPORT_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

/** Version written into report.json as `schemaVersion`. */
export const REPORT_SCHEMA_VERSION = 1;

const validate = createAjv().compile(reportSchema);

/** Checks a report object (a RunSummary plus `schemaVersion`); errors are "at /path: message" lines. */
export function validateReport(report: unknown): SchemaCheck {
  const valid = validate(report) as boolean;
  return { valid, errors: valid ? [] : formatSchemaErrors(validate.errors) };
}
