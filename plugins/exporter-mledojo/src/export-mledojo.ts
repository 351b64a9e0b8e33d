// Writes one task package in MLE-Dojo's layout:
//   <out>/competitions/<id>/info/{description.txt, public_leaderboard.csv, private_leaderboard.csv}
//   <out>/competitions/<id>/utils/{metric.py, mle_smith_grade.py, prepare.py}
//   <out>/data/<id>/public/{description.txt, sample_submission.csv, the other public files}
//   <out>/data/<id>/private/test_answer.csv
// Each of the two folders is built in a staging folder and renamed into place, so an export that
// fails leaves no half-written competition.
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatasetError, checkPackageFile, inspectPackage, readTaskManifest, buildDirAtomic, type Exporter, type Grader } from '@mle-smith/core';
import { PYTHON_GRADER_FILE, PYTHON_GRADER_PATH, createGrader, pythonGraderUnsupported } from '@mle-smith/metrics';
import { leaderboardCsv, leaderboardScores } from './leaderboard.js';
import { metricPy } from './metric-py.js';
import { preparePy } from './prepare-py.js';


export async function exportMledojo(taskDir: string, outDir: string, grader: Grader = createGrader()): Promise<void> {
  const manifest = await readTaskManifest(taskDir);
  const unsupported = pythonGraderUnsupported(manifest.metric.name);
  if (unsupported) throw new DatasetError(unsupported, { file: join(taskDir, 'task.json') });
  // links or FIFOs in the package would copy host files or hang the copy
  const { problems } = await inspectPackage(taskDir);
  if (problems.length) throw new DatasetError(`${problems[0].path}: ${problems[0].message}`, { file: taskDir });
  const description = await readFile((await checkPackageFile(taskDir, 'description.md')).path, 'utf8');
  const board = leaderboardCsv(await leaderboardScores(taskDir, manifest, grader));
  const id = manifest.id;

  await buildDirAtomic(join(outDir, 'competitions', id), async (dir) => {
    await mkdir(join(dir, 'info'));
    await writeFile(join(dir, 'info', 'description.txt'), description);
    await writeFile(join(dir, 'info', 'public_leaderboard.csv'), board);
    await writeFile(join(dir, 'info', 'private_leaderboard.csv'), board);
    await mkdir(join(dir, 'utils'));
    await writeFile(join(dir, 'utils', 'metric.py'), metricPy(manifest));
    await copyFile(PYTHON_GRADER_PATH, join(dir, 'utils', PYTHON_GRADER_FILE));
    await writeFile(join(dir, 'utils', 'prepare.py'), preparePy(manifest));
  });
  await buildDirAtomic(join(outDir, 'data', id), async (dir) => {
    await cp(join(taskDir, 'public'), join(dir, 'public'), { recursive: true });
    await writeFile(join(dir, 'public', 'description.txt'), description);
    await mkdir(join(dir, 'private'));
    await copyFile((await checkPackageFile(taskDir, 'private/answers.csv')).path, join(dir, 'private', 'test_answer.csv'));
  });
}

export const mledojoExporter: Exporter = {
  format: 'mledojo',
  export: (taskDir, outDir) => exportMledojo(taskDir, outDir),
};
