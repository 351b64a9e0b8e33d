// Acceptance: a container whose host process is gone, or whose deadline label has passed, is
// removed by the next `eval` (not only by `run`) and by `mle-smith gc`; a live one is kept.
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.test-util.js';

const examples = resolve(process.cwd(), '..', '..', 'examples');
const wine = join(examples, 'reference-tasks', 'tasks', 'ref-wine-cultivar');
const fixturePlugin = join(process.cwd(), 'src', '__fixtures__', 'hardening-plugin.mjs');

function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

/** A sleeping container labelled as the executor labels its jobs. */
function orphan(tag: string, labels: Record<string, string>): string {
  const flags = Object.entries({ 'mle-smith.run-id': `gc-test-${tag}`, 'mle-smith.job-id': tag, ...labels }).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  return docker(['run', '-d', '--network', 'none', ...flags, 'mle-smith/runner:latest', 'sleep', '600']);
}

function exists(id: string): boolean {
  return docker(['ps', '-a', '-q', '--no-trunc', '--filter', `id=${id}`]) !== '';
}

/** A pid that is not running: a short-lived child that has exited. */
function deadPid(): number {
  return Number(execFileSync('sh', ['-c', 'sh -c "echo \\$\\$"'], { encoding: 'utf8' }).trim());
}

describe('expired sandbox containers', () => {
  it('eval and gc remove orphaned and expired containers and keep a live one', async () => {
    if (!process.env.DOCKER_HOST) throw new Error('DOCKER_HOST is not set: start the engine with eval "$(bash tools/dockerd.sh start)"');
    const dir = await mkdtemp(join(tmpdir(), 'mls-docker-gc-'));
    await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify({ plugins: ['executor-docker', fixturePlugin], executor: { backend: 'docker' }, report: ['json'] }));
    const liveOwner = `${hostname()}:${process.pid}`;
    const future = String(Date.now() + 3_600_000);
    const deadOwner = orphan('dead-owner', { 'mle-smith.owner': `${hostname()}:${deadPid()}`, 'mle-smith.deadline': future });
    const expired = orphan('expired', { 'mle-smith.owner': `elsewhere:1`, 'mle-smith.deadline': String(Date.now() - 1000) });
    const live = orphan('live', { 'mle-smith.owner': liveOwner, 'mle-smith.deadline': future });
    try {
      const r = await runCli(['eval', '--tasks', wine, '--solvers', 'sample', '--out', join(dir, 'eval')], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(exists(deadOwner)).toBe(false);
      expect(exists(expired)).toBe(false);
      expect(exists(live)).toBe(true);

      const again = orphan('expired-2', { 'mle-smith.owner': `elsewhere:1`, 'mle-smith.deadline': String(Date.now() - 1000) });
      const gc = await runCli(['gc', '--json'], dir);
      expect(gc.code, gc.stderr).toBe(0);
      expect(JSON.parse(gc.stdout)).toEqual({ executor: 'docker', removed: 1 });
      expect(exists(again)).toBe(false);
      expect(exists(live)).toBe(true);
    } finally {
      docker(['rm', '-f', live]);
    }
  }, 300_000);
});
