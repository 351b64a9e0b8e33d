// Task packages for the exporter tests: the committed tabular reference tasks, and small text,
// image and audio packages laid out as the designers write them (public/train.csv with the media
// path or the text, public/test.csv without the target, a media folder, a constant sample
// submission), made from the example datasets' files.
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const REFERENCE_TASKS = join(REPO, 'examples', 'reference-tasks', 'tasks');
const DATASETS = join(REPO, 'examples', 'datasets');

/** A CSV field as DuckDB writes it: quoted when it holds a comma, a quote or a line break. */
const field = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const csv = (rows: string[][]) => rows.map((r) => r.map(field).join(',')).join('\n') + '\n';

interface Row {
  input: string;
  label: string;
}

async function writePackage(dir: string, modality: string, inputColumn: string, rows: Row[], classes: string[]): Promise<void> {
  const manifest = JSON.parse(await readFile(join(REFERENCE_TASKS, 'ref-iris-species', 'task.json'), 'utf8')) as Record<string, unknown>;
  const id = `tiny-${modality}`;
  Object.assign(manifest, {
    id, title: `Tiny ${modality} task`, modality, objective: 'multiclass', target: 'label',
    metric: { name: 'accuracy', higherIsBetter: true, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'label', type: 'string' }], classes },
  });
  delete manifest.difficulty;
  await mkdir(join(dir, 'private'), { recursive: true });
  await writeFile(join(dir, 'task.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'description.md'), `# Tiny ${modality} task\n\nPredict the label.\n`);
  const ids = rows.map((_, i) => String(i + 1));
  const testFrom = Math.floor(rows.length * 0.7);
  await writeFile(join(dir, 'public', 'train.csv'), csv([['id', inputColumn, 'label'], ...rows.slice(0, testFrom).map((r, i) => [ids[i], r.input, r.label])]));
  await writeFile(join(dir, 'public', 'test.csv'), csv([['id', inputColumn], ...rows.slice(testFrom).map((r, i) => [ids[testFrom + i], r.input])]));
  await writeFile(join(dir, 'public', 'sample_submission.csv'), csv([['id', 'label'], ...rows.slice(testFrom).map((_, i) => [ids[testFrom + i], classes[0]])]));
  await writeFile(join(dir, 'private', 'answers.csv'), csv([['id', 'label'], ...rows.slice(testFrom).map((r, i) => [ids[testFrom + i], r.label])]));
}

/** The first `n` files of each class folder of an example media dataset, copied as <folder>/<id><ext>. */
async function mediaRows(dir: string, dataset: string, classes: string[], folder: string, ext: string, n: number): Promise<Row[]> {
  await mkdir(join(dir, 'public', folder), { recursive: true });
  const rows: Row[] = [];
  for (let k = 0; k < n; k++) {
    for (const label of classes) {
      const files = (await readdir(join(DATASETS, dataset, label))).sort();
      const path = `${folder}/${rows.length + 1}${ext}`;
      await cp(join(DATASETS, dataset, label, files[k]), join(dir, 'public', path));
      rows.push({ input: path, label });
    }
  }
  return rows;
}

export async function imagePackage(dir: string): Promise<string> {
  await writePackage(dir, 'image', 'image', await mediaRows(dir, 'digits', ['0', '1', '7'], 'images', '.png', 4), ['0', '1', '7']);
  return dir;
}

export async function audioPackage(dir: string): Promise<string> {
  await writePackage(dir, 'audio', 'audio', await mediaRows(dir, 'spoken-words', ['no', 'yes'], 'audio', '.wav', 5), ['no', 'yes']);
  return dir;
}

/** Inline text with commas, quotes, line breaks and non-ASCII characters: the fields that need quoting. */
export async function textPackage(dir: string): Promise<string> {
  await mkdir(join(dir, 'public'), { recursive: true });
  const speeches = (await readdir(join(DATASETS, 'sotu', 'speeches'))).sort().slice(0, 12);
  const rows: Row[] = [];
  for (const [i, name] of speeches.entries()) {
    const text = (await readFile(join(DATASETS, 'sotu', 'speeches', name), 'utf8')).slice(0, 240);
    const decorated = i % 3 === 0 ? `"${text}"\nsaid the president — ${name}` : i % 3 === 1 ? `${text}, café` : text;
    rows.push({ input: decorated, label: name.includes('washington') ? 'washington' : 'other' });
  }
  await writePackage(dir, 'text', 'text', rows, ['other', 'washington']);
  return dir;
}

/**
 * A forecasting package as the time-series designer lays it out: two monthly series, the last 3
 * months of each in test.csv, id = "<series>|<month>", answers with the series key and the MASE
 * scale of its train part (m = 1), metric mase.
 */
export async function forecastPackage(dir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(REFERENCE_TASKS, 'ref-iris-species', 'task.json'), 'utf8')) as Record<string, unknown>;
  const horizon = 3;
  const months = Array.from({ length: 18 }, (_, k) => `${2023 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  const series = { north: months.map((_, k) => 100 + 3 * k + ((k * 7) % 5)), south: months.map((_, k) => 40 + ((k * 11) % 9) - k) };
  const params = { seasonalPeriod: 1, seriesColumn: 'series', scaleColumn: 'scale' };
  Object.assign(manifest, {
    id: 'tiny-forecast', title: 'Tiny forecasting task', modality: 'time-series', objective: 'forecasting', target: 'sales',
    metric: { name: 'mase', higherIsBetter: false, params },
    split: { strategy: 'time', by: 'month', testFraction: horizon / months.length, seed: 0 },
    timeseries: { timeColumn: 'month', seriesColumns: ['region'], frequency: 'M', horizon, seasonalPeriod: 1 },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'sales', type: 'number' }] },
  });
  delete manifest.difficulty;
  await mkdir(join(dir, 'private'), { recursive: true });
  await mkdir(join(dir, 'public'), { recursive: true });
  await writeFile(join(dir, 'task.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'description.md'), '# Tiny forecasting task\n\nForecast the next 3 months of sales per region.\n');
  const train: string[][] = [['id', 'month', 'region', 'sales']];
  const test: string[][] = [['id', 'month', 'region']];
  const sample: string[][] = [['id', 'sales']];
  const answers: string[][] = [['id', 'sales', 'series', 'scale']];
  for (const [region, values] of Object.entries(series)) {
    const cut = values.length - horizon;
    const diffs = values.slice(1, cut).map((v, k) => Math.abs(v - values[k]));
    const scale = diffs.reduce((a, b) => a + b, 0) / diffs.length;
    months.forEach((month, k) => {
      const id = `${region}|${month}`;
      if (k < cut) train.push([id, month, region, String(values[k])]);
      else {
        test.push([id, month, region]);
        // as the designer writes it: each series' training mean, so the rows differ
        sample.push([id, String(values.slice(0, cut).reduce((a, b) => a + b, 0) / cut)]);
        answers.push([id, String(values[k]), region, String(scale)]);
      }
    });
  }
  await writeFile(join(dir, 'public', 'train.csv'), csv(train));
  await writeFile(join(dir, 'public', 'test.csv'), csv(test));
  await writeFile(join(dir, 'public', 'sample_submission.csv'), csv(sample));
  await writeFile(join(dir, 'private', 'answers.csv'), csv(answers));
  return dir;
}
