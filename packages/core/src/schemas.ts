// JSON Schema validation of config, task manifests and task specs, with errors turned into
// one line that names the JSON path and what was expected.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';

// ajv is required on first use (~20 ms to load): grading or reading a manifest never needs it.
const requireAjv = (): typeof import('ajv') => createRequire(import.meta.url)('ajv') as typeof import('ajv');

const schemaDir = new URL('../schemas/', import.meta.url);

function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(name, schemaDir), 'utf8')) as Record<string, unknown>;
}

export const configSchema = loadSchema('config.schema.json');
export const taskSpecSchema = loadSchema('task-spec.schema.json');
export const taskManifestSchema = loadSchema('task.schema.json');

/** A new Ajv instance configured the way the whole project uses it. */
export function createAjv(options: { useDefaults?: boolean } = {}): Ajv {
  return new (requireAjv().Ajv)({ allErrors: true, strict: false, useDefaults: options.useDefaults ?? false });
}

// Compiled on first use: compiling the three schemas costs ~70 ms, which every command that only
// grades or reads a manifest would otherwise pay at import.
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const specAjv = lazy(() => {
  const ajv = createAjv();
  ajv.addSchema(taskSpecSchema);
  return ajv;
});
const validateSpecFn = lazy(() => specAjv().getSchema(taskSpecSchema.$id as string) as ValidateFunction);
const validateManifestFn = lazy(() => specAjv().compile(taskManifestSchema));
const validateConfigFn = lazy(() => createAjv({ useDefaults: true }).compile(configSchema));

/** Formats ajv errors as "at /path: message" lines, most specific first. */
export function formatSchemaErrors(errors: ErrorObject[] | null | undefined): string[] {
  if (!errors?.length) return [];
  const lines: string[] = [];
  for (const e of errors) {
    // oneOf/if branches produce noise; the branch errors say what was wrong.
    if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
    const path = e.instancePath || '/';
    if (e.keyword === 'additionalProperties') {
      lines.push(`at ${path}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`);
    } else if (e.keyword === 'enum') {
      lines.push(`at ${path}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`);
    } else {
      lines.push(`at ${path}: ${e.message ?? e.keyword}`);
    }
  }
  return [...new Set(lines)];
}

export interface SchemaCheck {
  valid: boolean;
  errors: string[];
}

function check(fn: ValidateFunction, value: unknown): SchemaCheck {
  const valid = fn(value) as boolean;
  return { valid, errors: valid ? [] : formatSchemaErrors(fn.errors) };
}

export const validateTaskSpec = (spec: unknown): SchemaCheck => check(validateSpecFn(), spec);
export const validateTaskManifest = (manifest: unknown): SchemaCheck => check(validateManifestFn(), manifest);
/** Validates a config object in place, filling in defaults. */
export const validateConfigObject = (config: unknown): SchemaCheck => check(validateConfigFn(), config);
