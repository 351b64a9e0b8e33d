import { definePlugin, validateOptions } from '@mle-smith/core';
import { createBullmqClient } from './bullmq-client.js';
import { createBullmqScheduler } from './bullmq-scheduler.js';

export { createBullmqScheduler, type BullmqSchedulerOptions } from './bullmq-scheduler.js';
export { createBullmqClient, connectionOf, type BullmqClientOptions } from './bullmq-client.js';
export type { QueueClient, QueuedJob, QueueCounts, ConsumeOptions } from './queue-client.js';

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    url: { type: 'string', pattern: '^rediss?://' },
    queueName: { type: 'string', pattern: '^[^:]+$' },
    attempts: { type: 'integer', minimum: 1 },
    backoffMs: { type: 'integer', minimum: 0 },
    lockDurationMs: { type: 'integer', minimum: 1000 },
    maxStalledCount: { type: 'integer', minimum: 0 },
    pollMs: { type: 'integer', minimum: 10 },
  },
  required: ['url'],
} as const;

export interface QueueBullmqOptions extends Record<string, unknown> {
  queueName?: string;
  attempts?: number;
  backoffMs?: number;
  lockDurationMs?: number;
  maxStalledCount?: number;
  pollMs?: number;
}

/** Defaults: 3 tries per job, a 30 s lock (a dead worker's job moves on after about that), polling every 250 ms. */
export const DEFAULTS = { queueName: 'mle-smith', attempts: 3, backoffMs: 1000, lockDurationMs: 30_000, maxStalledCount: 2, pollMs: 250 };

export default definePlugin<QueueBullmqOptions>(
  (options) => ({
    name: 'queue-bullmq',
    apiVersion: 1,
    setup(api) {
      api.addScheduler({
        id: 'bullmq',
        optionsSchema,
        create: (opts) => {
          // config "scheduler" plus --queue: an unknown key is an error, never ignored
          validateOptions(optionsSchema, opts, '/scheduler', 'config');
          const o = { ...DEFAULTS, ...options, ...opts } as typeof DEFAULTS & { url: string };
          return createBullmqScheduler({ client: createBullmqClient(o), pollMs: o.pollMs });
        },
      });
    },
  }),
  {
    type: 'object',
    additionalProperties: false,
    properties: { queueName: optionsSchema.properties.queueName, attempts: optionsSchema.properties.attempts, backoffMs: optionsSchema.properties.backoffMs, lockDurationMs: optionsSchema.properties.lockDurationMs, maxStalledCount: optionsSchema.properties.maxStalledCount, pollMs: optionsSchema.properties.pollMs },
  },
);
