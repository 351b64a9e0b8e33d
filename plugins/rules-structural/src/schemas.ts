// The TaskSpec and TaskManifest JSON Schemas are the core's (published under
// @mle-smith/core/schemas/); rules validate against the same files the pipeline uses.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const cache = new Map<string, ValidateFunction>();

function validator(file: 'task-spec.schema.json' | 'task.schema.json'): ValidateFunction {
  let fn = cache.get(file);
  if (!fn) {
    const schema = JSON.parse(readFileSync(require.resolve(`@mle-smith/core/schemas/${file}`), 'utf8')) as Record<string, unknown>;
    fn = new Ajv({ allErrors: true, strict: false }).compile(schema);
    cache.set(file, fn);
  }
  return fn;
}

export interface SchemaError {
  path: string;
  message: string;
}

function describe(errors: ErrorObject[] | null | undefined): SchemaError[] {
  const out = new Map<string, SchemaError>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'oneOf') continue;
    const path = e.instancePath || '/';
    let message = e.message ?? e.keyword;
    if (e.keyword === 'additionalProperties') message = `unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    if (e.keyword === 'enum') message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    out.set(`${path} ${message}`, { path, message });
  }
  return [...out.values()];
}

export function validateSpec(spec: unknown): SchemaError[] {
  const fn = validator('task-spec.schema.json');
  return fn(spec) ? [] : describe(fn.errors);
}

export function validateManifest(manifest: unknown): SchemaError[] {
  const fn = validator('task.schema.json');
  return fn(manifest) ? [] : describe(fn.errors);
}
