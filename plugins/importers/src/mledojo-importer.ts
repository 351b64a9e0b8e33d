// MLE-Dojo → task package. The competition folder holds info/description.txt,
// info/private_leaderboard.csv and utils/metric.py; the data folder holds public/ and
// private/test_answer.csv. MLE-Dojo names no grader, so its metric.py always grades.
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { DatasetError, type Importer } from '@mle-smith/core';
import { higherIsBetterFrom } from './leaderboard.js';
import { slugId, writeImportedPackage } from './write-package.js';

/** The first Markdown-style heading or first non-empty line of the description, as a title. */
function titleOf(description: string, fallback: string): string {
  const line = description.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => l !== '');
  return line && line.length <= 200 ? line : fallback;
}

export const mledojoImporter: Importer = {
  format: 'mledojo',
  async import(competitionDir, dataDir, outDir) {
    const competition = basename(resolve(competitionDir));
    const description = await readFile(join(competitionDir, 'info', 'description.txt'), 'utf8').catch(() => {
      throw new DatasetError('info/description.txt not found', { file: competitionDir });
    });
    return writeImportedPackage({
      id: slugId(competition),
      title: titleOf(description, competition),
      description,
      publicDir: join(dataDir, 'public'),
      answersFile: join(dataDir, 'private', 'test_answer.csv'),
      grading: {
        kind: 'python', harness: 'mledojo', script: join(competitionDir, 'utils', 'metric.py'),
        higherIsBetter: await higherIsBetterFrom(join(competitionDir, 'info', 'private_leaderboard.csv')),
      },
      origin: { format: 'mledojo', competition, grader: 'utils/metric.py' },
    }, outDir);
  },
};
