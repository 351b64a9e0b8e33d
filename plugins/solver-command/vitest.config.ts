import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Starts a Docker engine and builds the runner image when DOCKER_HOST is not reachable.
    globalSetup: [createRequire(import.meta.url).resolve('@mle-smith/testkit/docker-engine-setup')],
  },
});
