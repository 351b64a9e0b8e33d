import { defineRule } from '../define-rule.js';
import { validateManifest } from '../schemas.js';

export const manifestSchema = defineRule({
  id: 'structural/manifest-schema',
  phase: 'package',
  severity: 'error',
  description: 'task.json validates against the task manifest JSON Schema (@mle-smith/core/schemas/task.schema.json).',
  check: ({ manifest }) =>
    validateManifest(manifest).map((e) => ({ message: `task.json ${e.path}: ${e.message}`, location: `task.json ${e.path}`, data: { path: e.path } })),
});
