// A small real task package built the way the pipeline builds one: the iris example dataset,
// a hand-written TaskSpec, @mle-smith/data's materializeSplit (public/ + private/), task.json
// and description.md. Used by the solver tests (solver-agent, solver-command).
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildTaskManifest, readPublicView, type TaskManifest, type TaskPublicView, type TaskSpec } from '@mle-smith/core';
import { materializeSplit } from '@mle-smith/data';

export const IRIS_DIR = fileURLToPath(new URL('../../../examples/datasets/iris/', import.meta.url));
export const FEATURES = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'];

export interface IrisTask {
  root: string;
  taskDir: string;
  manifest: TaskManifest;
  view: TaskPublicView;
}

export function irisSpec(): TaskSpec {
  return {
    specVersion: 1,
    id: 'iris-species',
    title: 'Which iris species is it?',
    dataset: 'iris',
    table: 'iris',
    modality: 'tabular',
    objective: 'multiclass',
    target: { name: 'species', expression: 'species', sourceColumns: ['species'] },
    rowKey: [],
    features: FEATURES,
    derivedFeatures: [],
    dropColumns: [],
    metric: { name: 'accuracy', higherIsBetter: true, params: {} },
    split: { strategy: 'stratified', testFraction: 0.3, seed: 7 },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'species', type: 'string' }] },
    description: { overview: 'Identify the species of an iris flower from four measurements of its petals and sepals.' },
  };
}

export async function makeIrisTask(): Promise<IrisTask> {
  const root = await mkdtemp(join(tmpdir(), 'iris-task-'));
  const spec = irisSpec();
  const taskDir = join(root, 'tasks', spec.id);
  const split = await materializeSplit(spec, { rawDir: IRIS_DIR, outDir: taskDir });
  const sample = (await readFile(join(taskDir, 'public', 'sample_submission.csv'), 'utf8')).split('\n').slice(0, 4);
  const description = [
    `# ${spec.title}`, '', '## Overview', '', spec.description.overview, '',
    '## Data files', '',
    '- `train.csv`: `id`, the four measurements and the target `species`.',
    '- `test.csv`: `id` and the four measurements.',
    '- `sample_submission.csv`: a valid submission in the expected format.', '',
    '## Evaluation', '', 'Submissions are scored with **accuracy** (higher is better).', '',
    '## Submission format', '', '```csv', ...sample, '...', '```', '',
  ].join('\n');
  await writeFile(join(taskDir, 'description.md'), description);
  const manifest = await buildTaskManifest(spec, { name: 'iris', files: [] }, 'fixture', taskDir, { rows: split.rows, classes: split.classes, agents: {} }, [], '0.0.0-test');
  await writeFile(join(taskDir, 'task.json'), JSON.stringify(manifest, null, 2) + '\n');
  return { root, taskDir, manifest, view: await readPublicView(taskDir, manifest) };
}

/** A real scikit-learn solution: a logistic regression on the four measurements. */
export const SKLEARN_SCRIPT = `
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

train = pd.read_csv("data/train.csv")
test = pd.read_csv("data/test.csv")
features = [c for c in train.columns if c not in ("id", "species")]
model = LogisticRegression(max_iter=1000)
print("cv accuracy", round(cross_val_score(model, train[features], train["species"], cv=3).mean(), 3))
model.fit(train[features], train["species"])
pd.DataFrame({"id": test["id"], "species": model.predict(test[features])}).to_csv("submission.csv", index=False)
print("wrote", len(test), "rows")
`.trimStart();

/** A script that crashes before writing anything. */
export const CRASHING_SCRIPT = `
import pandas as pd
train = pd.read_csv("data/train.csv")
raise ValueError("boom-42: the model exploded")
`.trimStart();
