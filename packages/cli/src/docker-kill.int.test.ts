// Acceptance: killing the CLI while containers run leaves no container behind after the next start.
import { execFileSync, spawn } from 'node:child_process';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from './cli-helpers.test-util.js';

const examples = resolve(process.cwd(), '..', '..', 'examples');

function labelledContainers(): string[] {
  const out = execFileSync('docker', ['ps', '-a', '--filter', 'label=mle-smith.run-id', '--format', '{{.ID}}'], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

describe('mle-smith run --executor docker, killed midway', () => {
  it('leaves no labelled container after the next start, and the resumed run completes', async () => {
    if (!process.env.DOCKER_HOST) throw new Error('DOCKER_HOST is not set: start the engine with eval "$(bash tools/dockerd.sh start)"');
    const dir = await mkdtemp(join(tmpdir(), 'mls-docker-kill-'));
    await cp(join(examples, 'datasets', 'wine'), join(dir, 'datasets', 'wine'), { recursive: true });
    await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify({
      datasets: ['datasets'], out: 'run', design: { maxProposalsPerDataset: 1 },
      plugins: ['designer-tabular', 'rules-structural', 'solver-baselines', 'executor-docker'],
      executor: { backend: 'docker' }, report: ['json'],
    }));
    const child = spawn(process.execPath, [BIN, 'run'], { cwd: dir, stdio: 'ignore', env: process.env });
    let seen = false;
    for (let i = 0; i < 600 && !seen; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = labelledContainers().length > 0;
    }
    expect(seen, 'a container was started').toBe(true);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const resumed = await runCli(['run'], dir);
    expect(resumed.code, resumed.stderr.slice(-2000)).toBe(0);
    expect(labelledContainers()).toEqual([]);
  }, 600_000);
});
