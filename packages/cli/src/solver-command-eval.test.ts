// `mle-smith eval` with solver-command agents declared in the config, through the built binary:
// the short plugin name resolves, each agent is a solver, runs in the local executor's sandbox,
// is graded on the host and rated; a bad agent entry fails at load with one line.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIrisTask, type IrisTask } from '@mle-smith/testkit';
import { runCli } from './cli-helpers.test-util.js';

const SKLEARN_AGENT = `
import os
import pandas as pd
from sklearn.linear_model import LogisticRegression
data = os.environ["MLE_SMITH_DATA_DIR"]
train = pd.read_csv(os.path.join(data, "train.csv"))
test = pd.read_csv(os.path.join(data, "test.csv"))
features = [c for c in test.columns if c != "id"]
model = LogisticRegression(max_iter=1000).fit(train[features], train["species"])
pd.DataFrame({"id": test["id"], "species": model.predict(test[features])}).to_csv(os.environ["MLE_SMITH_SUBMISSION_PATH"], index=False)
`;

let task: IrisTask;
let dir: string;
beforeAll(async () => {
  task = await makeIrisTask();
  dir = await mkdtemp(join(tmpdir(), 'cli-solver-command-'));
  await mkdir(join(dir, 'agents', 'sklearn'), { recursive: true });
  await writeFile(join(dir, 'agents', 'sklearn', 'main.py'), SKLEARN_AGENT);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(task.root, { recursive: true, force: true });
});

async function config(name: string, options: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify({ plugins: [['solver-command', options]], executor: { backend: 'local' } }, null, 2));
  return path;
}

describe('mle-smith eval with solver-command agents', () => {
  it('runs a Python and a shell agent from the config, grades and rates them', async () => {
    const cfg = await config('agents.config.json', {
      agents: [
        { id: 'sklearn-script', command: ['python3', 'agent/main.py'], dir: './agents/sklearn' },
        { id: 'copy-sample', command: ['sh', '-c', 'cp "$MLE_SMITH_DATA_DIR/sample_submission.csv" "$MLE_SMITH_SUBMISSION_PATH"'] },
      ],
    });
    const out = join(dir, 'eval-out');
    const r = await runCli(['eval', '--config', cfg, '--tasks', task.taskDir, '--solvers', 'sklearn-script,copy-sample', '--out', out, '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { scores: Array<{ solver: string; valid: boolean; score: number | null; status: string }>; elo: { ratings: Array<{ solver: string }> } };
    const bySolver = Object.fromEntries(result.scores.map((s) => [s.solver, s]));
    expect(bySolver['sklearn-script']).toMatchObject({ status: 'ok', valid: true });
    expect(bySolver['copy-sample']).toMatchObject({ status: 'ok', valid: true });
    expect(bySolver['sklearn-script']!.score!).toBeGreaterThan(bySolver['copy-sample']!.score!);
    expect(result.elo.ratings.map((x) => x.solver)).toEqual(['sklearn-script', 'copy-sample']);
    // The agent's code is kept with its run.
    const runs = join(out, 'runs', 'iris-species', 'sklearn-script');
    const [seedDir] = await readdir(runs);
    expect(await readFile(join(runs, seedDir!, 'main.py'), 'utf8')).toBe(SKLEARN_AGENT);
  });

  it('fails at load with one line naming a reserved env variable', async () => {
    const cfg = await config('bad.config.json', { id: 'sneaky', command: ['true'], env: { OPENAI_API_KEY: 'x' } });
    const r = await runCli(['eval', '--config', cfg, '--tasks', task.taskDir, '--solvers', 'sneaky'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/solver-command \(sneaky\)\.env\.OPENAI_API_KEY: MLE_SMITH_\* and OPENAI_\* are set by the solver contract/);
  });
});
