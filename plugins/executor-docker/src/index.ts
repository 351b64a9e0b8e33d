import { definePlugin, validateOptions } from '@mle-smith/core';
import { DockerExecutor, type DockerExecutorOptions } from './docker-executor.js';

export { DockerExecutor, DEFAULT_IMAGE, LABEL_DEADLINE, LABEL_JOB, LABEL_OWNER, LABEL_RUN, type DockerExecutorOptions } from './docker-executor.js';
export type { ContainerClient, ContainerSpec, ContainerState, ContainerSummary } from './container-client.js';
export { createDockerodeClient } from './dockerode-client.js';

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    socketPath: { type: 'string', minLength: 1 },
    image: { type: 'string', minLength: 1 },
    python: { type: 'string', minLength: 1 },
    workRoot: { type: 'string', minLength: 1 },
    user: { type: 'string', pattern: '^[0-9]+(:[0-9]+)?$' },
    killGraceMs: { type: 'integer', minimum: 0 },
    maxOutputMb: { type: 'number', exclusiveMinimum: 0 },
    logKillBytes: { type: 'integer', minimum: 1 },
    networkMode: { type: 'string', minLength: 1 },
    tmpMb: { type: 'integer', minimum: 1 },
    env: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

export default definePlugin<Omit<DockerExecutorOptions, 'client'> & Record<string, unknown>>(
  (options) => ({
    name: 'executor-docker',
    apiVersion: 1,
    setup(api) {
      api.addExecutor({
        id: 'docker',
        optionsSchema,
        create: (opts) => {
          // executor.options from the config: an unknown key (say "privileged") is an error, never ignored
          validateOptions(optionsSchema, opts, '/executor/options', 'config');
          return new DockerExecutor({ ...options, ...opts } as DockerExecutorOptions);
        },
      });
    },
  }),
  optionsSchema,
);
