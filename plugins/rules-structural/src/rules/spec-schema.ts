import { validateTaskSpec, defineRule } from '@mle-smith/core';

export const specSchema = defineRule({
  id: 'structural/spec-schema',
  phase: 'spec',
  severity: 'error',
  description: 'The TaskSpec validates against the TaskSpec JSON Schema (@mle-smith/core/schemas/task-spec.schema.json).',
  // The core formats each error as "at /json/path: what was expected".
  check: ({ spec }) => validateTaskSpec(spec).errors.map((e) => ({ message: `spec ${e}`, location: /^at (\S+):/.exec(e)?.[1] ?? '/' })),
});
