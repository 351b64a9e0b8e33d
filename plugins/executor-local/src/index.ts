import { definePlugin, validateOptions } from '@mle-smith/core';
import { LocalExecutor, type LocalExecutorOptions } from './local-executor.js';

export { LocalExecutor, DEFAULT_LOG_BYTES, type LocalExecutorOptions } from './local-executor.js';
export { detectSandbox, type IsolationMode, type SandboxSupport } from './sandbox.js';

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    python: { type: 'string', minLength: 1 },
    workRoot: { type: 'string', minLength: 1 },
    isolation: { enum: ['auto', 'namespaces', 'rlimits'] },
    user: { type: 'string', pattern: '^[0-9]+(:[0-9]+)?$' },
    killGraceMs: { type: 'integer', minimum: 0 },
    maxOutputMb: { type: 'number', exclusiveMinimum: 0 },
    logKillBytes: { type: 'integer', minimum: 1 },
    cgroups: { type: 'boolean' },
    readOnlyPaths: { type: 'array', items: { type: 'string' } },
    env: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

export default definePlugin<LocalExecutorOptions & Record<string, unknown>>(
  (options) => ({
    name: 'executor-local',
    apiVersion: 1,
    setup(api) {
      api.addExecutor({
        id: 'local',
        optionsSchema,
        create: (opts) => {
          // executor.options from the config: an unknown key is an error with its path, never ignored
          validateOptions(optionsSchema, opts, '/executor/options', 'config');
          return new LocalExecutor({ ...options, ...opts } as LocalExecutorOptions);
        },
      });
    },
  }),
  optionsSchema,
);
