// MLE-bench → task package. The competition folder holds config.yaml, description.md, grade.py and
// leaderboard.csv; the data folder is the competition's `prepared/` (public/ and private/).
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { DatasetError, errorMessage, type Importer, type SubmissionFormat } from '@mle-smith/core';
import { metricForGrader } from './grader-table.js';
import { higherIsBetterFrom } from './leaderboard.js';
import { slugId, writeImportedPackage, type Grading } from './write-package.js';

interface MlebenchConfig {
  id: string;
  name?: string;
  graderName: string;
  answers: string;
}

async function readConfig(competitionDir: string): Promise<MlebenchConfig> {
  const file = join(competitionDir, 'config.yaml');
  let raw: unknown;
  try {
    raw = parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new DatasetError(`cannot read config.yaml: ${errorMessage(err).split('\n')[0]}`, { file });
  }
  const cfg = (raw ?? {}) as { id?: unknown; name?: unknown; grader?: { name?: unknown }; dataset?: { answers?: unknown } };
  if (typeof cfg.id !== 'string' || !cfg.id) throw new DatasetError('has no "id"', { file });
  if (typeof cfg.grader?.name !== 'string') throw new DatasetError('has no "grader.name"', { file });
  const answers = typeof cfg.dataset?.answers === 'string' ? cfg.dataset.answers : 'test.csv';
  return { id: cfg.id, name: typeof cfg.name === 'string' ? cfg.name : undefined, graderName: cfg.grader.name, answers };
}

/**
 * What an MLE-Smith export records beside config.yaml (mle_smith_task.json: target, metric with
 * params, submission format), so a round trip keeps params and classes config.yaml cannot hold.
 */
async function exportedGrading(competitionDir: string): Promise<Grading | undefined> {
  const file = join(competitionDir, 'mle_smith_task.json');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let task: { target?: unknown; metric?: { name?: unknown; params?: unknown }; submission?: unknown };
  try {
    task = JSON.parse(text) as typeof task;
  } catch (err) {
    throw new DatasetError(`is not JSON: ${errorMessage(err)}`, { file });
  }
  const metric = typeof task.metric?.name === 'string' ? metricForGrader(task.metric.name) : undefined;
  if (!metric || typeof task.target !== 'string' || typeof task.submission !== 'object' || task.submission === null) {
    throw new DatasetError('needs "target", "metric.name" (a registry metric) and "submission"', { file });
  }
  const params = typeof task.metric?.params === 'object' && task.metric.params !== null ? (task.metric.params as Record<string, unknown>) : {};
  return { kind: 'metric', metric: { name: metric.name, params }, format: { target: task.target, submission: task.submission as SubmissionFormat } };
}

async function grading(competitionDir: string, graderName: string): Promise<Grading> {
  const exported = await exportedGrading(competitionDir);
  if (exported) return exported;
  const metric = metricForGrader(graderName);
  if (metric) return { kind: 'metric', metric };
  const higherIsBetter = await higherIsBetterFrom(join(competitionDir, 'leaderboard.csv'));
  return { kind: 'python', harness: 'mlebench', script: join(competitionDir, 'grade.py'), higherIsBetter };
}

export const mlebenchImporter: Importer = {
  format: 'mlebench',
  async import(competitionDir, dataDir, outDir) {
    const config = await readConfig(competitionDir);
    const description = await readFile(join(competitionDir, 'description.md'), 'utf8').catch(() => {
      throw new DatasetError('description.md not found', { file: competitionDir });
    });
    return writeImportedPackage({
      id: slugId(config.id),
      title: config.name ?? config.id,
      description,
      publicDir: join(dataDir, 'public'),
      // config.yaml names the answers relative to the data root (<id>/prepared/private/test.csv)
      answersFile: join(dataDir, 'private', basename(config.answers)),
      grading: await grading(competitionDir, config.graderName),
      origin: { format: 'mlebench', competition: config.id, grader: config.graderName },
    }, outDir);
  },
};
