// Acceptance: the same ladder on the same task gives the same scores under executor-local and
// executor-docker (the Docker engine and runner image are set up by tools/test-all.sh).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type ExecLimits, type Executor } from '@mle-smith/core';
import { LocalExecutor } from '@mle-smith/plugin-executor-local';
import { DockerExecutor } from '@mle-smith/plugin-executor-docker';
import { gradeSubmission } from '@mle-smith/metrics';
import { baselineSolvers } from './index.js';
import { makeTask, type FixtureKind } from './__fixtures__/tasks.js';

const LIMITS: ExecLimits = { timeSec: 180, memoryMb: 2048, cpus: 1, pids: 256 };

let root: string;
let local: LocalExecutor;
let docker: DockerExecutor;
beforeAll(async () => {
  if (!process.env.DOCKER_HOST) throw new Error('DOCKER_HOST is not set: start the engine with eval "$(bash tools/dockerd.sh start)" and build the image with tools/runner-image/build.sh');
  root = mkdtempSync(join(tmpdir(), 'ladder-executors-'));
  local = new LocalExecutor({ workRoot: join(root, 'local-jobs') });
  docker = new DockerExecutor({ workRoot: join(root, 'docker-jobs') });
});
afterAll(async () => {
  await local?.dispose();
  await docker?.dispose();
  rmSync(root, { recursive: true, force: true });
});

async function ladderScores(executor: Executor, kind: FixtureKind, label: string): Promise<Record<string, number | null>> {
  const task = makeTask(join(root, label), kind);
  const scores: Record<string, number | null> = {};
  for (const solver of baselineSolvers()) {
    const run = await solver.solve(task.view, { executor, runId: 'ladder-executors', workDir: join(root, label, 'work', solver.id), limits: LIMITS, seed: 11, log: silentLogger });
    expect(run.status, `${label} ${solver.id}: ${run.error ?? ''}\n${run.exec?.logTail ?? ''}`).toBe('ok');
    const grade = await gradeSubmission(task.taskDir, run.submissionPath!);
    scores[solver.id] = grade.valid ? grade.score! : null;
  }
  return scores;
}

describe.each(['binary-auc', 'regression-rmse'] as FixtureKind[])('ladder on %s', (kind) => {
  it('scores identically under executor-local and executor-docker', async () => {
    const a = await ladderScores(local, kind, `${kind}-local`);
    const b = await ladderScores(docker, kind, `${kind}-docker`);
    expect(Object.values(a).every((s) => s !== null)).toBe(true);
    expect(b).toEqual(a);
  }, 600_000);
});
