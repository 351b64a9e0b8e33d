// Small human-designed competitions in the MLE-bench and MLE-Dojo layouts, for importer tests: a
// synthetic plant-growth table (60 rows, label low/mid/high), written as each harness ships it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LABELS = ['low', 'mid', 'high'];

interface PlantRow {
  id: number;
  light: number;
  water: number;
  label: string;
}

/** Deterministic rows: the label follows light + water, so a model can learn it. */
export function plantRows(n = 60): PlantRow[] {
  return Array.from({ length: n }, (_, i) => {
    const light = i % 7;
    const water = (i * 13) % 11;
    return { id: i + 1, light, water, label: LABELS[Math.min(2, Math.floor((light + water) / 6))] };
  });
}

const csv = (header: string, rows: string[]) => [header, ...rows].join('\n') + '\n';

/** Writes public/{train,test,sample_submission}.csv and private/<answersName> under `dataDir`. */
async function writePlantData(dataDir: string, answersName: string): Promise<void> {
  const rows = plantRows();
  const train = rows.slice(0, 40);
  const test = rows.slice(40);
  await mkdir(join(dataDir, 'public'), { recursive: true });
  await mkdir(join(dataDir, 'private'), { recursive: true });
  await writeFile(join(dataDir, 'public', 'train.csv'), csv('id,light,water,label', train.map((r) => `${r.id},${r.light},${r.water},${r.label}`)));
  await writeFile(join(dataDir, 'public', 'test.csv'), csv('id,light,water', test.map((r) => `${r.id},${r.light},${r.water}`)));
  await writeFile(join(dataDir, 'public', 'sample_submission.csv'), csv('id,label', test.map((r) => `${r.id},mid`)));
  await writeFile(join(dataDir, 'private', answersName), csv('id,label', test.map((r) => `${r.id},${r.label}`)));
}

/**
 * The custom grader of the test competitions: weighted error, "high" rows count twice, lower is
 * better. `plantWeightedError` is the same formula, for expected values.
 */
export const PLANT_GRADE_PY = `import pandas as pd
from mlebench.grade_helpers import InvalidSubmissionError


def grade(submission: pd.DataFrame, answers: pd.DataFrame) -> float:
    if list(submission.columns) != ["id", "label"]:
        raise InvalidSubmissionError("columns must be id,label")
    if len(submission) != len(answers):
        raise InvalidSubmissionError(f"expected {len(answers)} rows, got {len(submission)}")
    merged = answers.merge(submission, on="id", suffixes=("_true", "_pred"))
    if len(merged) != len(answers):
        raise InvalidSubmissionError("ids do not match the test set")
    weight = merged.label_true.map({"high": 2.0}).fillna(1.0)
    return float(((merged.label_true != merged.label_pred) * weight).sum() / weight.sum())
`;

export function plantWeightedError(predictions: Map<number, string>): number {
  const test = plantRows().slice(40);
  const weight = (r: PlantRow) => (r.label === 'high' ? 2 : 1);
  const wrong = test.reduce((s, r) => s + (predictions.get(r.id) === r.label ? 0 : weight(r)), 0);
  return wrong / test.reduce((s, r) => s + weight(r), 0);
}

/**
 * An MLE-bench competition: `<root>/competitions/<id>/` (config.yaml, description.md, grade.py,
 * leaderboard.csv) and `<root>/data/<id>/prepared/` (public/, private/test.csv). `grader` is
 * config.yaml's grader.name; grade.py is PLANT_GRADE_PY either way.
 */
export async function writeMlebenchCompetition(root: string, options: { id?: string; grader: string }): Promise<{ competitionDir: string; dataDir: string }> {
  const id = options.id ?? 'plant-growth';
  const competitionDir = join(root, 'competitions', id);
  const dataDir = join(root, 'data', id, 'prepared');
  await mkdir(competitionDir, { recursive: true });
  await writeFile(join(competitionDir, 'config.yaml'), [
    `id: ${id}`, 'name: Plant growth', 'competition_type: simple', 'awards_medals: false', 'prizes: null',
    `description: mlebench/competitions/${id}/description.md`, 'dataset:', `  answers: ${id}/prepared/private/test.csv`,
    `  sample_submission: ${id}/prepared/public/sample_submission.csv`, 'grader:', `  name: ${options.grader}`,
    `  grade_fn: mlebench.competitions.${id}.grade:grade`, `preparer: mlebench.competitions.${id}.prepare:prepare`, '',
  ].join('\n'));
  await writeFile(join(competitionDir, 'description.md'), '# Plant growth\n\nPredict the growth class (low, mid, high) of each plant from its light and water.\n');
  await writeFile(join(competitionDir, 'grade.py'), PLANT_GRADE_PY);
  await writeFile(join(competitionDir, 'leaderboard.csv'), csv('score,teamId,teamName,submissionDate', ['0.05,1,a,2024-01-01', '0.2,2,b,2024-01-02', '0.4,3,c,2024-01-03']));
  await writePlantData(dataDir, 'test.csv');
  return { competitionDir, dataDir };
}

/**
 * An MLE-Dojo competition: `<root>/competitions/<id>/` (info/description.txt,
 * info/*_leaderboard.csv, utils/metric.py: PLANT_GRADE_PY's score in a CompetitionMetrics) and
 * `<root>/data/<id>/` (public/, private/test_answer.csv).
 */
export async function writeMledojoCompetition(root: string, id = 'plant-growth'): Promise<{ competitionDir: string; dataDir: string }> {
  const competitionDir = join(root, 'competitions', id);
  const dataDir = join(root, 'data', id);
  await mkdir(join(competitionDir, 'info'), { recursive: true });
  await mkdir(join(competitionDir, 'utils'), { recursive: true });
  await writeFile(join(competitionDir, 'info', 'description.txt'), 'Plant growth\n\nPredict the growth class of each plant.\n');
  const board = csv('rank,score', ['1,0.05', '2,0.2', '3,0.4']);
  await writeFile(join(competitionDir, 'info', 'public_leaderboard.csv'), board);
  await writeFile(join(competitionDir, 'info', 'private_leaderboard.csv'), board);
  await writeFile(join(competitionDir, 'utils', 'metric.py'), `from mledojo.metrics.base import CompetitionMetrics, InvalidSubmissionError


class PlantGrowthMetrics(CompetitionMetrics):
    def __init__(self, value="label", higher_is_better=False):
        super().__init__(higher_is_better)
        self.value = value

    def evaluate(self, y_true, y_pred):
        merged = y_true.merge(y_pred, on="id", suffixes=("_true", "_pred"))
        weight = merged.label_true.map({"high": 2.0}).fillna(1.0)
        return float(((merged.label_true != merged.label_pred) * weight).sum() / weight.sum())

    def validate_submission(self, submission, ground_truth):
        if len(submission) != len(ground_truth):
            raise InvalidSubmissionError(f"expected {len(ground_truth)} rows, got {len(submission)}")
        if sorted(submission.id) != sorted(ground_truth.id):
            raise InvalidSubmissionError("ids do not match the test set")
        return "Submission is valid."
`);
  await writePlantData(dataDir, 'test_answer.csv');
  return { competitionDir, dataDir };
}
