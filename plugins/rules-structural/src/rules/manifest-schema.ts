import { validateTaskManifest, defineRule } from '@mle-smith/core';

export const manifestSchema = defineRule({
  id: 'structural/manifest-schema',
  phase: 'package',
  severity: 'error',
  description: 'task.json validates against the task manifest JSON Schema (@mle-smith/core/schemas/task.schema.json).',
  check: ({ manifest }) =>
    validateTaskManifest(manifest).errors.map((e) => ({ message: `task.json ${e}`, location: `task.json ${/^at (\S+):/.exec(e)?.[1] ?? '/'}` })),
});
