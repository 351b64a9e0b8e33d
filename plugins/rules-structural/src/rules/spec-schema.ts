import { defineRule } from '../define-rule.js';
import { validateSpec } from '../schemas.js';

export const specSchema = defineRule({
  id: 'structural/spec-schema',
  phase: 'spec',
  severity: 'error',
  description: 'The TaskSpec validates against the TaskSpec JSON Schema (@mle-smith/core/schemas/task-spec.schema.json).',
  check: ({ spec }) =>
    validateSpec(spec).map((e) => ({ message: `spec ${e.path}: ${e.message}`, location: e.path, data: { path: e.path } })),
});
