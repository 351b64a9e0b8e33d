// The broken-package corpus: one small, hand-made task package per defect, plus a clean one.
// Packages are generated (deterministically, seeded) into a temp folder: a raw "customers"
// table is written, the clean package is materialized by @mle-smith/data's materializeSplit
// from a TaskSpec exactly as the pipeline does, and each broken package is the clean one (or
// another spec) with one defect applied. See broken-packages.md in this package for the catalogue.
import { mkdir, mkdtemp, readFile, rm, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTaskManifest, mulberry32, type DatasetProfile, type PackageTarget, type SpecTarget, type TaskManifest, type TaskSpec } from '@mle-smith/core';
import { materializeSplit, profileDataset, quoteIdent as q, quoteLiteral as lit, withDuckDb } from '@mle-smith/data';
import { forecastPackages } from './forecast-packages.js';

export const CUSTOMERS_ROWS = 400;

/**
 * customers.csv: a churn table. `churn` depends noisily on several columns (a fair task);
 * `account_closed` copies churn (a leak the clean spec drops); `upgrade` is a deterministic
 * threshold of tenure + monthly_spend (a saturated target); `household` groups rows.
 */
export function rawCustomersCsv(rows = CUSTOMERS_ROWS): string {
  const rnd = mulberry32(20251);
  const regions = ['north', 'south', 'east', 'west'];
  const plans = ['basic', 'plus', 'pro'];
  const lines = ['customer_id,household,age,region,tenure,monthly_spend,support_calls,plan,account_closed,upgrade,churn'];
  for (let i = 0; i < rows; i++) {
    const age = 18 + Math.floor(rnd() * 60);
    const region = regions[Math.floor(rnd() * regions.length)];
    const tenure = Math.floor(rnd() * 21);
    const spend = Math.round((20 + rnd() * 100) * 100) / 100;
    const calls = Math.floor(rnd() * 8);
    const plan = plans[Math.min(2, Math.floor((spend - 20) / 34 + rnd() * 0.6))];
    const z = 0.35 * calls - 0.12 * tenure + 0.01 * (spend - 70) + (region === 'south' ? 0.4 : 0) + (rnd() - 0.5) * 3;
    const churn = z > 0.2 ? 1 : 0;
    const upgrade = tenure / 20 + (spend - 20) / 100 > 1 ? 1 : 0;
    const household = `H${String(Math.floor(rnd() * (rows / 3))).padStart(4, '0')}`;
    lines.push([1000 + i, household, age, region, tenure, spend.toFixed(2), calls, plan, churn ? 'yes' : 'no', upgrade, churn].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * field_trial.csv: a plot trial, two seasons per plot (420 rows). `block` is `plot div 2`, a
 * coarser group number: offered as a target with `plot` public, it is determined by the feature
 * (the functional-dependency leak of issue 12). `yield` is the honest response: it depends on
 * variety, nitrogen, rainfall and the block, with noise, and differs between a plot's seasons.
 */
export function rawFieldTrialCsv(plots = 210): string {
  const rnd = mulberry32(4711);
  const varieties: Array<[string, number]> = [['amber', 0], ['bristol', 0.6], ['cobalt', -0.4], ['delta', 0.3]];
  const blockEffect = Array.from({ length: Math.ceil(plots / 2) }, () => (rnd() - 0.5) * 1.2);
  const lines = ['plot,block,season,variety,nitrogen,rainfall,yield'];
  for (let plot = 0; plot < plots; plot++) {
    const [variety, effect] = varieties[Math.floor(rnd() * varieties.length)];
    const nitrogen = [0, 40, 80, 120][Math.floor(rnd() * 4)];
    for (const season of [1, 2]) {
      const rainfall = Math.round((season === 1 ? 420 : 360) + (rnd() - 0.5) * 160);
      const y = 2.5 + 0.012 * nitrogen + effect + 0.004 * rainfall + blockEffect[Math.floor(plot / 2)] + (rnd() - 0.5) * 1.6;
      lines.push([plot, Math.floor(plot / 2), season, variety, nitrogen, rainfall, y.toFixed(3)].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

const FEATURES = ['household', 'age', 'region', 'tenure', 'monthly_spend', 'support_calls', 'plan'];

export function customersChurnSpec(): TaskSpec {
  return {
    specVersion: 1,
    id: 'customer-churn',
    title: 'Customer churn',
    dataset: 'customers',
    table: 'customers',
    modality: 'tabular',
    objective: 'binary',
    target: { name: 'churn', expression: 'churn', sourceColumns: ['churn'] },
    rowKey: ['customer_id'],
    features: FEATURES,
    derivedFeatures: [],
    dropColumns: ['customer_id', 'account_closed', 'upgrade'],
    metric: { name: 'roc_auc', higherIsBetter: true, params: {} },
    split: { strategy: 'stratified', testFraction: 0.25, seed: 7 },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'churn', type: 'probability' }], classes: ['0', '1'] },
    description: { overview: 'Predict which customers cancel their subscription. Each row is one customer.' },
  };
}

/** A regression task on customers.csv: predict monthly_spend. `plan` (a noisy cut of spend) is an honest feature. */
export function customersSpendSpec(): TaskSpec {
  return {
    ...customersChurnSpec(),
    id: 'monthly-spend',
    title: 'Monthly spend',
    objective: 'regression',
    target: { name: 'monthly_spend', expression: 'monthly_spend', sourceColumns: ['monthly_spend'] },
    features: ['household', 'age', 'region', 'tenure', 'support_calls', 'plan'],
    dropColumns: ['customer_id', 'account_closed', 'upgrade', 'churn'],
    metric: { name: 'rmse', higherIsBetter: false, params: {} },
    split: { strategy: 'random', testFraction: 0.25, seed: 7 },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'monthly_spend', type: 'number' }] },
    description: { overview: 'Predict what a customer spends per month. Each row is one customer.' },
  };
}

/** A task on field_trial.csv; the default predicts the yield of a plot in a season. */
export function fieldTrialSpec(): TaskSpec {
  return {
    specVersion: 1,
    id: 'trial-yield',
    title: 'Field trial yield',
    dataset: 'field_trial',
    table: 'field_trial',
    modality: 'tabular',
    objective: 'regression',
    target: { name: 'yield', expression: 'yield', sourceColumns: ['yield'] },
    rowKey: ['plot', 'season'],
    features: ['block', 'season', 'variety', 'nitrogen', 'rainfall'],
    derivedFeatures: [],
    dropColumns: ['plot'],
    metric: { name: 'rmse', higherIsBetter: false, params: {} },
    split: { strategy: 'random', testFraction: 0.25, seed: 5 },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'yield', type: 'number' }] },
    description: { overview: 'Predict the yield of a plot in a season of a field trial. Each row is one plot in one season.' },
  };
}

function describe(spec: TaskSpec, header: string, sampleHead: string[]): string {
  const features = header.split(',').filter((c) => c !== spec.submission.idColumn && c !== spec.target.name);
  return [
    `# ${spec.title}`,
    '',
    '## Overview',
    '',
    spec.description.overview,
    '',
    `- Task: ${spec.objective}; target \`${spec.target.name}\``,
    '',
    '## Data files',
    '',
    `- \`train.csv\`: rows with \`${spec.submission.idColumn}\`, the features and the target \`${spec.target.name}\`.`,
    `- \`test.csv\`: rows with \`${spec.submission.idColumn}\` and the features.`,
    '- `sample_submission.csv`: a valid submission in the expected format.',
    '',
    '### Columns',
    '',
    '| column | description |',
    '|---|---|',
    `| \`${spec.submission.idColumn}\` | row id |`,
    ...features.map((c) => `| \`${c}\` | feature |`),
    `| \`${spec.target.name}\` | the target (train.csv only) |`,
    '',
    '## Evaluation',
    '',
    `Submissions are scored with **${spec.metric.name}** (${spec.metric.higherIsBetter === false ? 'lower' : 'higher'} is better).`,
    '',
    '## Submission format',
    '',
    '```csv',
    ...sampleHead,
    '...',
    '```',
    '',
  ].join('\n');
}

async function writeManifest(dir: string, spec: TaskSpec, rows: { train: number; test: number }, patch: Partial<TaskManifest> = {}): Promise<TaskManifest> {
  const built = await buildTaskManifest(spec, { name: spec.dataset, files: [] }, 'corpus', dir, { rows, agents: {} }, [], '0.1.0');
  const manifest: TaskManifest = { ...built, ...patch };
  await writeFile(join(dir, 'task.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

async function readHead(path: string, lines: number): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').slice(0, lines);
}

/** Materializes `spec` into `dir` and writes description.md and task.json. */
export async function materializeFixturePackage(rawDir: string, dir: string, spec: TaskSpec, patch: Partial<TaskManifest> = {}): Promise<PackageTarget> {
  const result = await materializeSplit(spec, { rawDir, outDir: dir });
  const header = (await readHead(join(dir, 'public/train.csv'), 1))[0];
  await writeFile(join(dir, 'description.md'), describe(spec, header, await readHead(join(dir, 'public/sample_submission.csv'), 3)));
  const manifest = await writeManifest(dir, spec, result.rows, patch);
  return { phase: 'package', taskDir: dir, manifest };
}

/** Runs SQL over the package's CSVs (as text tables train/test/sample/answers) and writes some back. */
async function rewrite(dir: string, sql: (files: Record<string, string>) => Array<[file: string, query: string]>, setup: string[] = []): Promise<void> {
  const files = {
    train: join(dir, 'public/train.csv'),
    test: join(dir, 'public/test.csv'),
    sample: join(dir, 'public/sample_submission.csv'),
    answers: join(dir, 'private/answers.csv'),
  };
  await withDuckDb(async (db) => {
    for (const [name, path] of Object.entries(files)) {
      await db.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv(${lit(path)}, header=true, all_varchar=true)`);
    }
    for (const s of setup) await db.run(s);
    for (const [file, query] of sql(files)) {
      await db.run(`COPY (${query}) TO ${lit(file)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`);
    }
  });
}

/** Copies the clean package to `dir`, applies `mutate`, and re-records checksums so only the intended defect remains. */
async function variant(clean: PackageTarget, dir: string, mutate: (dir: string) => Promise<void>, patch: Partial<TaskManifest> = {}): Promise<PackageTarget> {
  await cp(clean.taskDir, dir, { recursive: true });
  await mutate(dir);
  const manifest = await writeManifest(dir, clean.manifest.spec, clean.manifest.rows ?? { train: 0, test: 0 }, { ...patch });
  return { phase: 'package', taskDir: dir, manifest };
}

export interface BrokenPackageCorpus {
  root: string;
  rawDir: string;
  /** The folder with field_trial.csv (rawFieldTrialCsv). */
  fieldTrialDir: string;
  profile: DatasetProfile;
  spec: (patch?: Partial<TaskSpec>) => SpecTarget;
  packages: Record<BrokenPackageName, PackageTarget>;
  dispose(): Promise<void>;
}

export type BrokenPackageName =
  | 'clean' | 'clean-coarse' | 'target-in-test' | 'answer-ids-differ' | 'train-test-overlap' | 'feature-copies-target' | 'derived-target-source'
  | 'post-outcome-feature' | 'sorted-by-target' | 'saturated' | 'metric-mismatch' | 'group-leak' | 'duplicate-rows' | 'near-duplicate-rows' | 'sample-leaks-answers'
  | 'single-class-test' | 'tiny-train' | 'bad-sample-header' | 'missing-description' | 'wrong-pos-label'
  | 'clean-regression' | 'target-threshold' | 'target-monotone-transform' | 'target-linear-combination' | 'target-functional-dependency'
  | 'target-parts-of-a-whole' | 'target-product' | 'target-composition' | 'target-sub-count' | 'derived-label-source-leak'
  | 'clean-time-split' | 'time-split-overlap'
  | 'clean-forecast' | 'forecast-overlapping-periods' | 'forecast-centred-average' | 'forecast-lead-feature' | 'forecast-missing-series' | 'forecast-ragged-horizon';

/** The packages without a defect: no rule of either pack may report an error on them. */
export const CLEAN_PACKAGES = ['clean', 'clean-regression', 'clean-coarse', 'clean-time-split', 'clean-forecast'] as const;

/** What catches each broken package (the `saturated` one is for the execution verdict: no static rule should fire). */
export const BROKEN_PACKAGE_CATCHERS: Record<Exclude<BrokenPackageName, (typeof CLEAN_PACKAGES)[number] | 'saturated'>, string> = {
  'target-in-test': 'structural/target-not-public',
  'answer-ids-differ': 'structural/ids-consistent',
  'train-test-overlap': 'structural/train-test-disjoint',
  'feature-copies-target': 'leakage/single-feature',
  'derived-target-source': 'leakage/target-sources',
  'post-outcome-feature': 'leakage/class-confined',
  'sorted-by-target': 'leakage/row-order',
  'metric-mismatch': 'structural/package-metric-objective',
  'group-leak': 'leakage/group-overlap',
  'duplicate-rows': 'leakage/duplicate-rows',
  'near-duplicate-rows': 'leakage/duplicate-rows',
  'sample-leaks-answers': 'structural/target-not-public',
  'single-class-test': 'structural/constant-submission',
  'tiny-train': 'structural/split-sizes',
  'bad-sample-header': 'structural/file-headers',
  'missing-description': 'structural/files-present',
  'wrong-pos-label': 'structural/answers-perfect-score',
  'target-threshold': 'leakage/target-binning',
  'target-monotone-transform': 'leakage/monotone-transform',
  'target-linear-combination': 'leakage/linear-combination',
  'target-functional-dependency': 'leakage/functional-dependency',
  'target-parts-of-a-whole': 'leakage/linear-combination',
  'target-product': 'leakage/linear-combination',
  'target-composition': 'leakage/linear-combination',
  'target-sub-count': 'leakage/sub-count',
  'derived-label-source-leak': 'leakage/linear-combination',
  'time-split-overlap': 'structural/time-order',
  'forecast-overlapping-periods': 'structural/time-order',
  'forecast-centred-average': 'leakage/future-values',
  'forecast-lead-feature': 'leakage/future-values',
  'forecast-missing-series': 'structural/forecast-coverage',
  'forecast-ragged-horizon': 'structural/forecast-coverage',
};

export async function buildBrokenPackages(): Promise<BrokenPackageCorpus> {
  const root = await mkdtemp(join(tmpdir(), 'mle-smith-corpus-'));
  const rawDir = join(root, 'raw');
  await mkdir(rawDir);
  await writeFile(join(rawDir, 'customers.csv'), rawCustomersCsv());
  const fieldTrialDir = join(root, 'raw-field-trial');
  await mkdir(fieldTrialDir);
  await writeFile(join(fieldTrialDir, 'field_trial.csv'), rawFieldTrialCsv());
  const profile = await profileDataset(rawDir, { name: 'customers' });
  const at = (name: string) => join(root, name);
  const base = customersChurnSpec();
  const clean = await materializeFixturePackage(rawDir, at('clean'), base);
  const id = q('id');
  const churn = q('churn');

  const packages: Partial<Record<BrokenPackageName, PackageTarget>> = { clean };
  packages['target-in-test'] = await variant(clean, at('target-in-test'), (d) =>
    rewrite(d, (f) => [[f.test, `SELECT test.*, answers.${churn} FROM test JOIN answers USING (${id}) ORDER BY CAST(${id} AS BIGINT)`]]),
  );
  packages['answer-ids-differ'] = await variant(clean, at('answer-ids-differ'), (d) =>
    rewrite(d, (f) => [[f.answers, `SELECT CASE WHEN row_number() OVER () <= 3 THEN CAST(CAST(${id} AS BIGINT) + 100000 AS VARCHAR) ELSE ${id} END AS ${id}, ${churn} FROM answers`]]),
  );
  packages['train-test-overlap'] = await variant(clean, at('train-test-overlap'), (d) =>
    rewrite(d, (f) => [[f.train, `SELECT * FROM train UNION ALL (SELECT test.*, answers.${churn} FROM test JOIN answers USING (${id}) ORDER BY CAST(${id} AS BIGINT) LIMIT 15)`]]),
  );
  packages['feature-copies-target'] = await materializeFixturePackage(rawDir, at('feature-copies-target'), {
    ...base,
    id: 'customer-churn-leaky',
    features: [...FEATURES, 'account_closed'],
    dropColumns: ['customer_id', 'upgrade'],
  });
  // A fee charged on leaving: only churners have one (a few waived, at 0), stayers show a rounding
  // residue under a cent. The waived fees keep its ROC AUC under single-feature's 0.99 (CreditCard's
  // `share` of a refused applicant).
  packages['post-outcome-feature'] = await materializeFixturePackage(rawDir, at('post-outcome-feature'), {
    ...base,
    id: 'customer-churn-exit-fee',
    derivedFeatures: [{
      name: 'exit_fee',
      expression: 'CASE WHEN churn = 1 AND customer_id % 25 <> 0 THEN round(5 + (customer_id * 37 % 41) * 1.3, 2) WHEN churn = 1 THEN 0 ELSE (customer_id % 3) * 0.001 END',
    }],
  });
  packages['derived-target-source'] = await materializeFixturePackage(rawDir, at('derived-target-source'), {
    ...base,
    id: 'high-spender',
    title: 'High spenders',
    target: { name: 'high_spender', expression: 'CAST(monthly_spend > 80 AS INTEGER)', sourceColumns: ['monthly_spend'] },
    features: FEATURES, // still lists monthly_spend: the defect
    dropColumns: ['customer_id', 'account_closed', 'upgrade', 'churn'],
    metric: { name: 'accuracy', higherIsBetter: true, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'high_spender', type: 'integer' }], classes: ['0', '1'] },
  });
  packages['sorted-by-target'] = await variant(clean, at('sorted-by-target'), (d) =>
    rewrite(d, (f) => [[f.train, `SELECT CAST(200000 + row_number() OVER (ORDER BY ${churn}, CAST(${id} AS BIGINT)) AS VARCHAR) AS ${id}, * EXCLUDE (${id}) FROM train ORDER BY ${churn}, CAST(${id} AS BIGINT)`]]),
  );
  packages.saturated = await materializeFixturePackage(rawDir, at('saturated'), {
    ...base,
    id: 'plan-upgrade',
    title: 'Plan upgrade',
    target: { name: 'upgrade', expression: 'upgrade', sourceColumns: ['upgrade'] },
    features: FEATURES.filter((c) => c !== 'plan'),
    dropColumns: ['customer_id', 'account_closed', 'churn', 'plan'],
    metric: { name: 'accuracy', higherIsBetter: true, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'upgrade', type: 'integer' }], classes: ['0', '1'] },
  });
  packages['metric-mismatch'] = await materializeFixturePackage(rawDir, at('metric-mismatch'), {
    ...base,
    id: 'customer-plan',
    title: 'Customer plan',
    objective: 'multiclass',
    target: { name: 'plan', expression: 'plan', sourceColumns: ['plan'] },
    features: FEATURES.filter((c) => c !== 'plan'),
    dropColumns: ['customer_id', 'account_closed', 'upgrade', 'churn'],
    metric: { name: 'rmse', higherIsBetter: false, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'plan', type: 'string' }], classes: ['basic', 'plus', 'pro'] },
  });
  packages['group-leak'] = await variant(clean, at('group-leak'), async () => {}, {
    split: { strategy: 'group', by: 'household', testFraction: 0.25, seed: 7 },
  });
  /** Appends 40 train rows (new ids, features passed through `features`) to test, answers and sample. */
  const appendTrainRows = (name: BrokenPackageName, features: string) =>
    variant(clean, at(name), (d) =>
      rewrite(
        d,
        (f) => [
          [f.test, `SELECT * EXCLUDE (${churn}) FROM combined ORDER BY CAST(${id} AS BIGINT)`],
          [f.answers, `SELECT ${id}, ${churn} FROM combined ORDER BY CAST(${id} AS BIGINT)`],
          [f.sample, `SELECT ${id}, (SELECT any_value(${churn}) FROM sample) AS ${churn} FROM combined ORDER BY CAST(${id} AS BIGINT)`],
        ],
        [
          `CREATE TABLE combined AS
             SELECT test.*, answers.${churn} FROM test JOIN answers USING (${id})
             UNION ALL
             SELECT CAST(300000 + row_number() OVER () AS VARCHAR) AS ${id}, ${features} FROM (SELECT * FROM train ORDER BY CAST(${id} AS BIGINT) LIMIT 40)`,
        ],
      ),
    );
  packages['duplicate-rows'] = await appendTrainRows('duplicate-rows', `* EXCLUDE (${id})`);
  packages['near-duplicate-rows'] = await appendTrainRows(
    'near-duplicate-rows',
    `* EXCLUDE (${id}) REPLACE (CAST(CAST(monthly_spend AS DOUBLE) + 0.001 AS VARCHAR) AS monthly_spend, upper(region) AS region)`,
  );
  packages['sample-leaks-answers'] = await variant(clean, at('sample-leaks-answers'), (d) =>
    rewrite(d, (f) => [[f.sample, `SELECT ${id}, ${churn} FROM answers`]]),
  );
  packages['single-class-test'] = await variant(
    clean,
    at('single-class-test'),
    (d) =>
      rewrite(d, (f) => [
        [f.test, `SELECT test.* FROM test JOIN answers USING (${id}) WHERE answers.${churn} = '0' ORDER BY CAST(${id} AS BIGINT)`],
        [f.sample, `SELECT sample.${id}, '0' AS ${churn} FROM sample JOIN answers USING (${id}) WHERE answers.${churn} = '0' ORDER BY CAST(${id} AS BIGINT)`],
        [f.answers, `SELECT * FROM answers WHERE ${churn} = '0'`],
      ]),
    { metric: { name: 'accuracy', higherIsBetter: true, params: {} }, submission: { idColumn: 'id', predictionColumns: [{ name: 'churn', type: 'integer' }], classes: ['0', '1'] } },
  );
  packages['tiny-train'] = await variant(clean, at('tiny-train'), (d) =>
    rewrite(d, (f) => [[f.train, `SELECT * FROM train ORDER BY CAST(${id} AS BIGINT) LIMIT 15`]]),
  );
  packages['bad-sample-header'] = await variant(clean, at('bad-sample-header'), (d) =>
    rewrite(d, (f) => [[f.sample, `SELECT ${id}, ${churn} AS prediction FROM sample`]]),
  );
  packages['missing-description'] = await variant(clean, at('missing-description'), (d) => rm(join(d, 'description.md')));
  packages['wrong-pos-label'] = await variant(clean, at('wrong-pos-label'), async () => {}, {
    metric: { name: 'roc_auc', higherIsBetter: true, params: { pos_label: 'yes' } },
  });

  // Regression on monthly_spend: a clean task, and three with a public feature the target leaks into.
  const spend = customersSpendSpec();
  const spendWith = (name: BrokenPackageName, derivedFeatures: TaskSpec['derivedFeatures']) =>
    materializeFixturePackage(rawDir, at(name), { ...spend, id: `monthly-spend-${name}`, derivedFeatures });
  packages['clean-regression'] = await materializeFixturePackage(rawDir, at('clean-regression'), spend);
  // Two categorical features (12 combinations): every test row repeats train rows, as in a table
  // of heights by sex, yet the repeats disagree on the target: nothing to look up, nothing leaks.
  packages['clean-coarse'] = await materializeFixturePackage(rawDir, at('clean-coarse'), { ...spend, id: 'monthly-spend-coarse', features: ['region', 'plan'] });
  packages['target-threshold'] = await spendWith('target-threshold', [{ name: 'low_spender', expression: 'CAST(monthly_spend < 50 AS INTEGER)' }]);
  packages['target-monotone-transform'] = await spendWith('target-monotone-transform', [{ name: 'log_spend', expression: 'ln(monthly_spend)' }]);
  // price = (min price + max price) / 2: each bound alone is off by a per-customer margin of 0..40.
  const margin = '(customer_id * 37 % 41)';
  packages['target-linear-combination'] = await spendWith('target-linear-combination', [
    { name: 'min_spend', expression: `monthly_spend - ${margin}` },
    { name: 'max_spend', expression: `monthly_spend + ${margin}` },
  ]);
  // Parts of a whole (water + fat + protein ≈ 99 % of a meat sample): spend + rest + other ≈ 200, off by up to ±6.
  packages['target-parts-of-a-whole'] = await spendWith('target-parts-of-a-whole', [
    { name: 'other_part', expression: '(customer_id * 13 % 29)' },
    { name: 'rest_part', expression: '200 - monthly_spend - (customer_id * 13 % 29) + (customer_id * 7 % 13) - 6' },
  ]);
  // A product (expenditure = 833 · share · income): spend = 10 · visits · per_visit.
  packages['target-product'] = await spendWith('target-product', [
    { name: 'visits', expression: '(customer_id % 7 + 1)' },
    { name: 'per_visit', expression: 'monthly_spend / (customer_id % 7 + 1) / 10' },
  ]);
  // One part of a composition that varies little beside the others (protein beside water and fat):
  // spend + big_part + rest_part = 1000, off by up to ±18, while big_part spreads over 0..400.
  packages['target-composition'] = await spendWith('target-composition', [
    { name: 'big_part', expression: '300 + (customer_id * 37 % 41) * 10' },
    { name: 'rest_part', expression: '700 - monthly_spend - (customer_id * 37 % 41) * 10 + ((customer_id * 7 % 13) - 6) * 3' },
  ]);
  // A sub-count of the target measured with it (night-time fatalities of all fatalities).
  packages['target-sub-count'] = await spendWith('target-sub-count', [
    { name: 'monthly_spend_online', expression: 'round(monthly_spend * (0.3 + (customer_id * 17 % 23) / 40.0), 2)' },
  ]);
  // A label cut from monthly_spend, with public bounds of monthly_spend: they leak the hidden
  // source, which only the package's private copy of it shows.
  packages['derived-label-source-leak'] = await materializeFixturePackage(rawDir, at('derived-label-source-leak'), {
    ...base,
    id: 'high-spender-bounds',
    title: 'High spenders',
    target: { name: 'high_spender', expression: 'CAST(monthly_spend > 70 AS INTEGER)', sourceColumns: ['monthly_spend'] },
    features: FEATURES.filter((c) => c !== 'monthly_spend'),
    derivedFeatures: [
      { name: 'min_spend', expression: `monthly_spend - ${margin}` },
      { name: 'max_spend', expression: `monthly_spend + ${margin}` },
    ],
    dropColumns: ['customer_id', 'account_closed', 'upgrade', 'churn'],
    metric: { name: 'accuracy', higherIsBetter: true, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'high_spender', type: 'integer' }], classes: ['0', '1'] },
  });
  // A tabular time split on tenure: test = the latest tenures. Declared but not done (the files
  // of the random clean split under a task.json saying "time by tenure"): tenures overlap.
  const timeSplit: TaskSpec['split'] = { strategy: 'time', by: 'tenure', testFraction: 0.25, seed: 7 };
  packages['clean-time-split'] = await materializeFixturePackage(rawDir, at('clean-time-split'), { ...spend, id: 'monthly-spend-by-tenure', split: timeSplit });
  packages['time-split-overlap'] = await variant(packages['clean-regression'], at('time-split-overlap'), async () => {}, { split: timeSplit });
  Object.assign(packages, await forecastPackages(at));

  const blocks = Array.from({ length: 105 }, (_, i) => String(i));
  packages['target-functional-dependency'] = await materializeFixturePackage(fieldTrialDir, at('target-functional-dependency'), {
    ...fieldTrialSpec(),
    id: 'trial-block',
    title: 'Trial block',
    objective: 'multiclass',
    target: { name: 'block', expression: 'block', sourceColumns: ['block'] },
    features: ['plot', 'season', 'variety', 'nitrogen', 'rainfall', 'yield'],
    dropColumns: [],
    metric: { name: 'accuracy', higherIsBetter: true, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: 'block', type: 'string' }], classes: blocks },
    description: { overview: 'Predict the block of a plot.' },
  });

  return {
    root,
    rawDir,
    fieldTrialDir,
    profile,
    spec: (patch = {}) => ({ phase: 'spec', spec: { ...customersChurnSpec(), ...patch }, profile }),
    packages: packages as Record<BrokenPackageName, PackageTarget>,
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
