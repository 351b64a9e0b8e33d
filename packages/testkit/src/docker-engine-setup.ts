// vitest globalSetup for tests that need a real Docker engine and the runner image. When
// DOCKER_HOST does not answer, it starts the project's private engine (tools/dockerd.sh) and
// builds the image (tools/runner-image/build.sh, idempotent). Any failure fails the run loudly:
// these tests are never skipped. Use it from a vitest config:
//   globalSetup: [createRequire(import.meta.url).resolve('@mle-smith/testkit/docker-engine-setup')]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest parent folder holding tools/dockerd.sh. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'tools', 'dockerd.sh'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('tools/dockerd.sh not found above @mle-smith/testkit');
    dir = parent;
  }
  return dir;
}

function ping(host: string | undefined): Promise<boolean> {
  if (!host?.startsWith('unix://')) return Promise.resolve(false);
  return new Promise((done) => {
    const req = request({ socketPath: host.slice('unix://'.length), path: '/_ping', timeout: 5000 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('error', () => done(false));
    req.on('timeout', () => {
      req.destroy();
      done(false);
    });
    req.end();
  });
}

export default async function setup(): Promise<void> {
  const repo = repoRoot();
  if (!(await ping(process.env.DOCKER_HOST))) {
    let out: string;
    try {
      out = execFileSync('bash', [resolve(repo, 'tools/dockerd.sh'), 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 });
    } catch (err) {
      throw new Error(`these tests need a Docker engine: DOCKER_HOST is not reachable and tools/dockerd.sh start failed (${(err as Error).message}). Start one (as root: tools/dockerd.sh start) and export DOCKER_HOST.`, { cause: err });
    }
    const m = /export DOCKER_HOST=(\S+)/.exec(out);
    if (!m) throw new Error(`tools/dockerd.sh start printed no DOCKER_HOST line: ${out}`);
    process.env.DOCKER_HOST = m[1];
    if (!(await ping(m[1]))) throw new Error(`Docker engine at ${m[1]} does not answer after tools/dockerd.sh start`);
  }
  try {
    execFileSync('bash', [resolve(repo, 'tools/runner-image/build.sh')], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 1_800_000, env: process.env });
  } catch (err) {
    throw new Error(`these tests need the runner image: tools/runner-image/build.sh failed (${(err as Error).message})`, { cause: err });
  }
}
