// One small task per built-in metric for the Python grader's parity test: answers, and seeded
// generators for the perfect, the sample and random valid submissions, plus every kind of invalid
// submission the grader rejects. Cells are written as CSV text (no quoting needed).
import { mulberry32, type SubmissionFormat } from '@mle-smith/core';

export type Rng = () => number;

/** The project's seeded generator, so every run writes the same files. */
export const rng = mulberry32;

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const subset = (r: Rng, xs: readonly string[], p: number) => xs.filter(() => r() < p);
function shuffled<T>(r: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface GraderCase {
  /** Unique label of the case (a metric may have several: binary and multiclass roc_auc). */
  label: string;
  metric: string;
  params?: Record<string, unknown>;
  objective: string;
  submission: SubmissionFormat;
  /** The truth cell of each answers row. */
  truth: (r: Rng, row: number) => string;
  /** Prediction cells (one per prediction column) for a row whose truth is `truth`. */
  perfect: (truth: string) => string[];
  random: (r: Rng, truth: string) => string[];
  sample: string[];
  /** Cells the grader rejects in a prediction column of this case. */
  badCells: string[];
  /** More answers columns (forecasting: series key and scale), from the row number only, so other cases draw the same numbers. */
  answerExtras?: { header: string[]; cells: (row: number) => string[] };
}

const BIN = ['0', '1'];
const ANIMALS = ['cat', 'dog', 'eel'];
const ITEMS = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6', 'i7', 'i8'];
const TAGS = ['a', 'b', 'c', 'd'];
const NUMBER_BAD = ['', 'nan', 'inf', 'abc'];

const one = (name: string, type: SubmissionFormat['predictionColumns'][number]['type']) => [{ name, type }];

function labelCase(metric: string, classes: string[]): GraderCase {
  return {
    label: metric, metric, objective: classes.length === 2 ? 'binary' : 'multiclass',
    submission: { idColumn: 'id', predictionColumns: one('label', 'string'), classes },
    truth: (r) => pick(r, classes),
    perfect: (t) => [t],
    random: (r, t) => [r() < 0.5 ? t : pick(r, classes)],
    sample: [classes[0]],
    badCells: ['', 'zzz'],
  };
}

function regressionCase(metric: string): GraderCase {
  const positive = metric === 'rmsle' || metric === 'mape';
  return {
    label: metric, metric, objective: 'regression',
    submission: { idColumn: 'id', predictionColumns: one('value', 'number') },
    truth: (r) => ((positive ? 0.5 : -20) + r() * 40).toFixed(3),
    perfect: (t) => [t],
    // one decimal: ties, which exercise spearman's average ranks
    random: (r, t) => [(Number(t) + (r() - 0.5) * 10 * r()).toFixed(r() < 0.5 ? 1 : 6)].map((v) => (positive && Number(v) <= 0 ? '0.25' : v)),
    sample: [positive ? '10' : '0'],
    badCells: metric === 'rmsle' ? [...NUMBER_BAD, '-2'] : NUMBER_BAD,
  };
}

/** Three class probabilities with 4 decimals whose sum is 1 to within rounding. */
function probabilities(r: Rng, truthIndex: number, sharp: number): string[] {
  const w = [r(), r(), r()];
  w[truthIndex] += sharp;
  const s = w[0] + w[1] + w[2];
  const a = Math.round((w[0] / s) * 1e4) / 1e4;
  const b = Math.round((w[1] / s) * 1e4) / 1e4;
  return [a.toFixed(4), b.toFixed(4), Math.max(0, 1 - a - b).toFixed(4)];
}

function multiclassProbabilityCase(metric: string, columns: string[]): GraderCase {
  return {
    label: `${metric} (${columns.length} columns${columns[0] === ANIMALS[0] ? ', by name' : ', by position'})`, metric, objective: 'multiclass',
    submission: { idColumn: 'id', predictionColumns: columns.map((name) => ({ name, type: 'probability' as const })), classes: ANIMALS },
    truth: (r) => pick(r, ANIMALS),
    perfect: (t) => ANIMALS.map((c) => (c === t ? '1' : '0')),
    random: (r, t) => probabilities(r, ANIMALS.indexOf(t), r() * 2),
    sample: ['0.3333', '0.3333', '0.3334'],
    badCells: [...NUMBER_BAD, '1.5'],
  };
}

function binaryProbabilityCase(metric: string, type: 'probability' | 'number'): GraderCase {
  return {
    label: `${metric} (binary)`, metric, objective: 'binary',
    submission: { idColumn: 'id', predictionColumns: one('p', type), classes: BIN },
    truth: (r) => pick(r, BIN),
    perfect: (t) => [t],
    // two decimals: tied scores
    random: (r, t) => [Math.min(1, Math.max(0, (t === '1' ? 0.2 : 0) + r() * 0.8)).toFixed(r() < 0.5 ? 2 : 7)],
    sample: ['0.5'],
    badCells: type === 'probability' ? [...NUMBER_BAD, '1.5', '-0.1'] : NUMBER_BAD,
  };
}

function rankingCase(metric: string, params?: Record<string, unknown>): GraderCase {
  const graded = metric.startsWith('ndcg');
  return {
    label: metric + (params ? ` ${JSON.stringify(params)}` : ''), metric, params, objective: 'ranking',
    submission: { idColumn: 'id', predictionColumns: one('ranking', 'label-list') },
    truth: (r) => {
      const items = shuffled(r, ITEMS).slice(0, 1 + Math.floor(r() * 3));
      return items.map((it) => (graded ? `${it}:${1 + Math.floor(r() * 3)}` : it)).join(' ');
    },
    perfect: (t) => [t.split(' ').map((s) => s.split(':')[0]).join(' ')],
    random: (r) => [shuffled(r, ITEMS).slice(0, Math.floor(r() * 7)).join(' ')],
    sample: [ITEMS.slice(0, 5).join(' ')],
    badCells: [],
  };
}

function multilabelCase(metric: string): GraderCase {
  return {
    label: metric, metric, objective: 'multilabel',
    submission: { idColumn: 'id', predictionColumns: one('tags', 'label-list'), classes: TAGS },
    truth: (r) => subset(r, TAGS, 0.4).join(' '),
    perfect: (t) => [t],
    random: (r, t) => [r() < 0.3 ? t : subset(r, TAGS, 0.4).join(' ')],
    sample: ['a'],
    badCells: ['zzz', 'a zzz'],
  };
}

// forecasting: three series, each with its scale; a 0 truth now and then (sMAPE's 0/0 row)
const SERIES = ['north', 'south', '7'];
const SCALES = ['0.5', '2.25', '7'];
const FORECAST_PARAMS = { seasonalPeriod: 1, seriesColumn: 'series', scaleColumn: 'scale' };
const seriesExtras = { header: ['series', 'scale'], cells: (row: number) => [SERIES[row % 3], SCALES[row % 3]] };

function forecastCase(metric: string): GraderCase {
  return {
    label: metric, metric, objective: 'forecasting',
    params: metric === 'mase' || metric === 'rmsse' ? FORECAST_PARAMS : undefined,
    answerExtras: seriesExtras,
    submission: { idColumn: 'id', predictionColumns: one('value', 'number') },
    truth: (r) => (r() < 0.15 ? '0' : (r() * 50).toFixed(2)),
    perfect: (t) => [t],
    random: (r, t) => [t === '0' && r() < 0.5 ? '0' : (Number(t) + (r() - 0.5) * 10 * r()).toFixed(r() < 0.5 ? 1 : 5)],
    sample: ['1'],
    badCells: NUMBER_BAD,
  };
}

const QUANTILES = [0.1, 0.5, 0.9];

function pinballCase(): GraderCase {
  return {
    label: 'pinball', metric: 'pinball', objective: 'forecasting', params: { quantiles: QUANTILES }, answerExtras: seriesExtras,
    submission: { idColumn: 'id', predictionColumns: QUANTILES.map((q) => ({ name: `q${q}`, type: 'number' as const })) },
    truth: (r) => (-10 + r() * 50).toFixed(2),
    perfect: (t) => QUANTILES.map(() => t),
    random: (r, t) => QUANTILES.map((q) => (Number(t) + (q - 0.5) * 10 + (r() - 0.5) * 8).toFixed(3)),
    sample: ['0', '0', '0'],
    badCells: NUMBER_BAD,
  };
}

function intervalCase(): GraderCase {
  return {
    label: 'interval-coverage', metric: 'interval-coverage', objective: 'forecasting', params: { level: 0.8 }, answerExtras: seriesExtras,
    submission: { idColumn: 'id', predictionColumns: [{ name: 'lower', type: 'number' }, { name: 'upper', type: 'number' }] },
    truth: (r) => (r() * 50).toFixed(2),
    perfect: (t) => [t, t],
    // whole-number bounds in one submission of two: the truth sometimes sits on a bound
    random: (r, t) => {
      const digits = r() < 0.5 ? 0 : 2;
      const lower = Number(t) - 6 + 8 * r();
      return [lower.toFixed(digits), (lower + 8 * r()).toFixed(digits)];
    },
    sample: ['0', '0'],
    badCells: [...NUMBER_BAD, '99999'],
  };
}

export function graderCases(): GraderCase[] {
  const prf = ['precision', 'recall', 'f1'].flatMap((m) => ['macro', 'micro', 'weighted'].map((a) => `${m}_${a}`));
  return [
    ...['precision', 'recall', 'f1'].map((m) => labelCase(m, BIN)),
    ...['accuracy', 'balanced_accuracy', 'mcc', 'cohen_kappa', ...prf].map((m) => labelCase(m, ANIMALS)),
    labelCase('cohen_kappa_quadratic', ['1', '2', '3', '10']),
    binaryProbabilityCase('roc_auc', 'probability'),
    multiclassProbabilityCase('roc_auc', ANIMALS),
    binaryProbabilityCase('average_precision', 'number'),
    binaryProbabilityCase('log_loss', 'probability'),
    multiclassProbabilityCase('log_loss', ['p_cat', 'p_dog', 'p_eel']),
    ...['rmse', 'mae', 'mape', 'r2', 'rmsle', 'spearman', 'pearson'].map(regressionCase),
    rankingCase('map@k', { k: 3 }),
    rankingCase('map@5'),
    rankingCase('ndcg@k', { k: 4 }),
    rankingCase('ndcg@10'),
    ...['f1_samples', 'multilabel_f1_macro', 'multilabel_f1_micro', 'jaccard_samples'].map(multilabelCase),
    ...['mase', 'rmsse', 'smape', 'wape'].map(forecastCase),
    pinballCase(),
    intervalCase(),
  ];
}

export interface CaseFiles {
  answers: string;
  /** Valid submissions: [perfect, sample, ...random]. */
  valid: string[];
  /** Invalid submissions, by what is wrong with them. */
  invalid: Record<string, string>;
}

/** The answers and the submissions of one case, as CSV text; numeric ids in every other case. */
export function caseFiles(c: GraderCase, seed: number, rows: number, randomCount: number): CaseFiles {
  const r = rng(seed);
  const ids = Array.from({ length: rows }, (_, i) => (seed % 2 === 0 ? String(100 + 3 * i) : `r${i}`));
  const truth = ids.map((_, i) => c.truth(r, i));
  const cols = c.submission.predictionColumns.map((p) => p.name);
  const idCol = c.submission.idColumn;
  const csv = (header: string[], body: string[][]) => [header, ...body].map((cells) => cells.join(',')).join('\n') + '\n';
  const rowsOf = (cells: (i: number) => string[]) => ids.map((id, i) => [id, ...cells(i)]);
  const sub = (cells: (i: number) => string[]) => csv([idCol, ...cols], rowsOf(cells));

  const valid = [sub((i) => c.perfect(truth[i])), sub(() => c.sample)];
  for (let k = 0; k < randomCount; k++) {
    const body = rowsOf((i) => c.random(r, truth[i]));
    valid.push(csv([idCol, ...cols], k % 2 === 0 ? shuffled(r, body) : body));
  }

  const good = rowsOf((i) => c.perfect(truth[i]));
  const invalid: Record<string, string> = {
    'missing id': csv([idCol, ...cols], good.slice(1)),
    'duplicated id': csv([idCol, ...cols], good.map((row, i) => (i === 3 ? [good[1][0], ...row.slice(1)] : row))),
    'empty id': csv([idCol, ...cols], good.map((row, i) => (i === 2 ? ['', ...row.slice(1)] : row))),
    'wrong row count': csv([idCol, ...cols], [...good, ['9999', ...good[0].slice(1)]]),
    'missing column': csv([idCol, ...cols.slice(1), 'prediction'], good),
    'extra column': csv([idCol, ...cols, 'extra'], good.map((row) => [...row, '1'])),
    'no id column': csv(['key', ...cols], good),
    'header only': csv([idCol, ...cols], []),
  };
  for (const bad of c.badCells) invalid[`cell "${bad}"`] = csv([idCol, ...cols], good.map((row, i) => (i === 4 ? [row[0], bad, ...row.slice(2)] : row)));
  if (cols.length > 1 && c.submission.predictionColumns.every((p) => p.type === 'probability')) invalid['probabilities not summing to 1'] = csv([idCol, ...cols], good.map((row, i) => (i === 5 ? [row[0], ...cols.map(() => '0.5')] : row)));
  const extras = c.answerExtras;
  const answers = csv([idCol, 'y', ...(extras?.header ?? [])], ids.map((id, i) => [id, truth[i], ...(extras?.cells(i) ?? [])]));
  return { answers, valid, invalid };
}
