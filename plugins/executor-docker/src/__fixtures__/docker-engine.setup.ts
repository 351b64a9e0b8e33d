// vitest globalSetup: the docker tests need a real engine and the runner image. When
// DOCKER_HOST does not answer, start the project's private engine (tools/dockerd.sh) and build
// the image (tools/runner-image/build.sh, idempotent). Any failure fails the run, loudly:
// these tests must never be skipped silently.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import Docker from 'dockerode';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

async function reachable(): Promise<boolean> {
  if (!process.env.DOCKER_HOST) return false;
  try {
    await new Docker().ping();
    return true;
  } catch {
    return false;
  }
}

export default async function setup(): Promise<void> {
  if (!(await reachable())) {
    let out: string;
    try {
      out = execFileSync('bash', [resolve(repo, 'tools/dockerd.sh'), 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 });
    } catch (err) {
      throw new Error(`executor-docker tests need a Docker engine: DOCKER_HOST is not reachable and tools/dockerd.sh start failed (${(err as Error).message}). Start one (as root: tools/dockerd.sh start) and export DOCKER_HOST.`);
    }
    const m = /export DOCKER_HOST=(\S+)/.exec(out);
    if (!m) throw new Error(`tools/dockerd.sh start printed no DOCKER_HOST line: ${out}`);
    process.env.DOCKER_HOST = m[1];
    if (!(await reachable())) throw new Error(`Docker engine at ${m[1]} does not answer after tools/dockerd.sh start`);
  }
  try {
    execFileSync('bash', [resolve(repo, 'tools/runner-image/build.sh')], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 1_800_000, env: process.env });
  } catch (err) {
    throw new Error(`executor-docker tests need the runner image: tools/runner-image/build.sh failed (${(err as Error).message})`);
  }
}
