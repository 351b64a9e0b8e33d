// `mle-smith env serve` as a user starts it: the built binary serves a committed reference task on
// 127.0.0.1, a TypeScript client plays a short episode, and SIGTERM stops the server cleanly.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TaskEnvClient } from '@mle-smith/task-env';
import { runCli, startCli } from './cli-helpers.test-util.js';

const examples = resolve(process.cwd(), '..', '..', 'examples');
const wine = join(examples, 'reference-tasks', 'tasks', 'ref-wine-cultivar');
let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('mle-smith env serve', () => {
  it('serves a task on loopback, logs the episode as a trajectory and stops on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mls-env-serve-'));
    const cli = startCli(['env', 'serve', '--tasks', wine, '--port', '0', '--out', join(dir, 'env')], examples);
    await cli.waitFor(/^task environment on http:\/\/127\.0\.0\.1:\d+/m);
    const url = /task environment on (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.stderr())![1]!;
    const client = new TaskEnvClient(url);
    expect(await client.tasks()).toEqual([expect.objectContaining({ task: 'ref-wine-cultivar', modality: 'tabular' })]);
    const session = await client.reset('ref-wine-cultivar');
    const ran = await session.execute('import os\nprint(sorted(os.listdir("data")))\n');
    expect(ran).toMatchObject({ exitCode: 0, submission: 'not written' });
    expect(ran.output).toContain("['sample_submission.csv', 'test.csv', 'train.csv']");
    cli.kill('SIGTERM');
    const done = await cli.done;
    expect(done.code, done.stderr).toBe(0);
    const steps = (await readFile(join(dir, 'env', 'trajectories', `${session.id}.jsonl`), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { action: string });
    expect(steps.map((s) => s.action)).toEqual(['reset', 'execute']);
  }, 300_000);

  it('a bad port is one line and exit 2', async () => {
    const r = await runCli(['env', 'serve', '--tasks', wine, '--port', 'eighty'], examples);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--port: "eighty" is not a port number/);
  });
});
