// Writes one task package in MLE-bench's layout (docs/formats.md#mle-bench):
//   <out>/competitions/<id>/{config.yaml, description.md, grade.py, prepare.py, checksums.yaml,
//                            leaderboard.csv, mle_smith_grade.py, mle_smith_task.json}
//   <out>/data/<id>/raw/{data.csv, media folders}
//   <out>/data/<id>/prepared/public/{train.csv, test.csv, sample_submission.csv, media folders}
//   <out>/data/<id>/prepared/private/test.csv
//   <out>/splits/all.txt (every id exported into <out>)
// Each folder is built in a staging folder and renamed into place: a failed export leaves no
// half-written competition.
import { copyFile, cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError, inspectPackage, readPackageFile, readTaskManifest, buildDirAtomic, writeFileAtomic, type Exporter, type Grader, type TaskManifest } from '@mle-smith/core';
import { PYTHON_GRADER_FILE, PYTHON_GRADER_PATH, createGrader, pythonGraderUnsupported } from '@mle-smith/metrics';
import { checksumsYaml, configYaml, leaderboardCsv, md5Tree, withId, type LeaderboardEntry } from './files.js';
import { buildRawData } from './raw-data.js';

/** grade.py and prepare.py, the same for every task (they read mle_smith_task.json). */
const TEMPLATES = fileURLToPath(new URL('../python/', import.meta.url));
const PACKAGE_CSV = { train: 'public/train.csv', test: 'public/test.csv', sample: 'public/sample_submission.csv', answers: 'private/answers.csv' } as const;


/** The sample submission, the baseline ladder and the metric's best value, as leaderboard rows. */
async function leaderboard(taskDir: string, manifest: TaskManifest, grader: Grader): Promise<LeaderboardEntry[]> {
  const metric = grader.metric?.(manifest.metric.name);
  const best = metric ? (manifest.metric.higherIsBetter ? metric.range[1] : metric.range[0]) : undefined;
  const entries: LeaderboardEntry[] = Number.isFinite(best) ? [{ team: 'perfect submission', score: best! }] : [];
  for (const e of manifest.difficulty?.ladder ?? []) if (typeof e.score === 'number' && Number.isFinite(e.score)) entries.push({ team: `baseline ${e.solver} (${e.tier})`, score: e.score });
  const sample = await grader.grade(taskDir, join(taskDir, PACKAGE_CSV.sample), manifest);
  if (sample.valid && sample.score !== undefined) entries.push({ team: 'sample submission', score: sample.score });
  return entries;
}

export async function exportMlebench(taskDir: string, outDir: string, grader: Grader = createGrader()): Promise<void> {
  const manifest = await readTaskManifest(taskDir);
  const id = manifest.id;
  const unsupported = pythonGraderUnsupported(manifest.metric.name);
  if (unsupported) throw new DatasetError(unsupported, { file: join(taskDir, 'task.json') });
  // links or FIFOs in the package would copy host files or hang the copy
  const { problems } = await inspectPackage(taskDir);
  if (problems.length) throw new DatasetError(`${problems[0].path}: ${problems[0].message}`, { file: taskDir });
  const text = async (rel: string) => (await readPackageFile(taskDir, rel)).toString('utf8');
  const csv = { train: await text(PACKAGE_CSV.train), test: await text(PACKAGE_CSV.test), sample: await text(PACKAGE_CSV.sample), answers: await text(PACKAGE_CSV.answers) };
  let raw;
  try {
    raw = buildRawData(csv, manifest.target, manifest.submission.idColumn);
  } catch (err) {
    if (err instanceof DatasetError) throw new DatasetError(err.message, { file: taskDir, cause: err });
    throw err;
  }
  const media = (await readdir(join(taskDir, 'public'))).filter((n) => !Object.values(PACKAGE_CSV).includes(`public/${n}` as never)).sort();

  await buildDirAtomic(join(outDir, 'data', id), async (dir) => {
    await mkdir(join(dir, 'raw'));
    await writeFile(join(dir, 'raw', 'data.csv'), raw.dataCsv);
    await mkdir(join(dir, 'prepared', 'public'), { recursive: true });
    await mkdir(join(dir, 'prepared', 'private'));
    for (const [key, rel] of Object.entries(PACKAGE_CSV)) if (key !== 'answers') await writeFile(join(dir, 'prepared', rel), csv[key as keyof typeof csv]);
    await writeFile(join(dir, 'prepared', 'private', 'test.csv'), csv.answers);
    for (const name of media) {
      await cp(join(taskDir, 'public', name), join(dir, 'raw', name), { recursive: true });
      await cp(join(taskDir, 'public', name), join(dir, 'prepared', 'public', name), { recursive: true });
    }
  });
  const data = join(outDir, 'data', id, 'prepared');
  const checksums = checksumsYaml(await md5Tree(join(data, 'public')), await md5Tree(join(data, 'private')));
  const task = {
    id, target: manifest.target,
    metric: { name: manifest.metric.name, higherIsBetter: manifest.metric.higherIsBetter, params: manifest.metric.params },
    submission: manifest.submission,
    prepare: {
      testIds: raw.testIds, sampleHeader: raw.sampleHeader,
      ...(raw.sampleRows ? { sampleRows: raw.sampleRows } : { sampleRow: raw.sampleRow }),
      // a forecasting task's answers carry the series key and scale (public information, derived from train)
      ...(raw.answerExtraHeader ? { answerExtraHeader: raw.answerExtraHeader, answerExtras: raw.answerExtras } : {}),
    },
  };
  const board = leaderboardCsv(await leaderboard(taskDir, manifest, grader), manifest.metric.higherIsBetter);
  const description = await text('description.md');

  await buildDirAtomic(join(outDir, 'competitions', id), async (dir) => {
    await writeFile(join(dir, 'config.yaml'), configYaml(manifest));
    await writeFile(join(dir, 'description.md'), description);
    await copyFile(join(TEMPLATES, 'grade.py'), join(dir, 'grade.py'));
    await copyFile(join(TEMPLATES, 'prepare.py'), join(dir, 'prepare.py'));
    await copyFile(PYTHON_GRADER_PATH, join(dir, PYTHON_GRADER_FILE));
    await writeFile(join(dir, 'mle_smith_task.json'), JSON.stringify(task, null, 2) + '\n');
    await writeFile(join(dir, 'checksums.yaml'), checksums);
    await writeFile(join(dir, 'leaderboard.csv'), board);
  });
  const splits = join(outDir, 'splits', 'all.txt');
  await mkdir(dirname(splits), { recursive: true });
  await writeFileAtomic(splits, withId(await readFile(splits, 'utf8').catch(() => ''), id));
}

export const mlebenchExporter: Exporter = {
  format: 'mlebench',
  export: (taskDir, outDir) => exportMlebench(taskDir, outDir),
};
