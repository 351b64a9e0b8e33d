#!/usr/bin/env node
// Regenerates the tabular example datasets under examples/datasets/ from packages that are
// installed on every development machine, so the committed files can be checked byte for byte:
//
//   iris, wine, breast-cancer, diabetes  Debian's python3-sklearn CSVs
//                                        (/usr/lib/python3/dist-packages/sklearn/datasets/data/),
//                                        converted the way sklearn/datasets/_base.py loads them
//                                        (first line "n_samples,n_features,class names...", the
//                                        class index in the last column; diabetes is two gz files)
//   penguins                             the `vega-datasets` npm package (data/penguins.json)
//   leaky-breast-cancer                  breast-cancer plus one column derived from the diagnosis,
//                                        a known leak for the verifier to reject or repair
//
// Values are copied as the source text (no float re-formatting), rows keep the source order,
// and nothing depends on time or locale, so running it twice gives identical files.
// Usage: node tools/prepare-examples.mjs [--check] [--sklearn-dir DIR] [--out DIR]
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const argValue = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : fallback;
};
const check = args.includes('--check');
const sklearnDir = argValue('--sklearn-dir', '/usr/lib/python3/dist-packages/sklearn/datasets/data');
const outRoot = resolve(argValue('--out', join(root, 'examples/datasets')));

function fail(message) {
  console.error(`prepare-examples: ${message}`);
  process.exit(1);
}

function readSource(file) {
  const path = join(sklearnDir, file);
  if (!existsSync(path)) fail(`${path} not found (install Debian's python3-sklearn: apt-get install python3-sklearn)`);
  const bytes = readFileSync(path);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** A CSV field: quoted only when it needs to be. */
function field(value) {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function toCsv(header, rows) {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n';
}

/**
 * sklearn's load_csv_data format: header "n_samples,n_features,name_0,name_1,...", then rows of
 * n_features values followed by the integer class index.
 */
function loadSklearnCsv(file) {
  const lines = readSource(file).split('\n').filter((l) => l.trim() !== '');
  const head = lines[0].split(',');
  const nSamples = Number(head[0]);
  const nFeatures = Number(head[1]);
  const classNames = head.slice(2);
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    if (cells.length !== nFeatures + 1) fail(`${file} line ${i + 2}: expected ${nFeatures + 1} fields, got ${cells.length}`);
    const cls = classNames[Number(cells[nFeatures])];
    if (cls === undefined) fail(`${file} line ${i + 2}: class index ${cells[nFeatures]} out of range`);
    return { features: cells.slice(0, nFeatures), cls };
  });
  if (rows.length !== nSamples) fail(`${file}: header says ${nSamples} rows, found ${rows.length}`);
  return { rows, classNames };
}

const sklearnSource = (name, extra) =>
  `Prepared by \`tools/prepare-examples.mjs\` from Debian's python3-sklearn package ` +
  `(\`sklearn/datasets/data/${name}\`), converted as \`sklearn/datasets/_base.py\` loads it. ` +
  (extra ?? '');

const datasets = [];

// ---- iris -------------------------------------------------------------------------------------
{
  const { rows } = loadSklearnCsv('iris.csv');
  const header = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm', 'species'];
  datasets.push({
    name: 'iris',
    file: 'iris.csv',
    csv: toCsv(header, rows.map((r) => [...r.features, r.cls])),
    source: `# Iris

- Source: R. A. Fisher (1936), "The use of multiple measurements in taxonomic problems"; UCI Machine Learning Repository, Iris.
- License: CC BY 4.0 (UCI Machine Learning Repository); the copy shipped with scikit-learn is BSD-3-Clause.
- Rows: 150 flowers, 50 per species.
- ${sklearnSource('iris.csv')}

Columns: sepal and petal length and width in centimetres (\`sepal_length_cm\`, \`sepal_width_cm\`,
\`petal_length_cm\`, \`petal_width_cm\`) and \`species\` (setosa, versicolor, virginica), the textbook target.
`,
  });
}

// ---- wine -------------------------------------------------------------------------------------
{
  const { rows } = loadSklearnCsv('wine_data.csv');
  const header = [
    'alcohol', 'malic_acid', 'ash', 'alcalinity_of_ash', 'magnesium', 'total_phenols', 'flavanoids',
    'nonflavanoid_phenols', 'proanthocyanins', 'color_intensity', 'hue', 'od280_od315_of_diluted_wines', 'proline',
    'cultivar',
  ];
  datasets.push({
    name: 'wine',
    file: 'wine.csv',
    csv: toCsv(header, rows.map((r) => [...r.features, r.cls])),
    source: `# Wine recognition

- Source: M. Forina et al., PARVUS; UCI Machine Learning Repository, Wine (Lichman 2013).
- License: CC BY 4.0 (UCI Machine Learning Repository); the copy shipped with scikit-learn is BSD-3-Clause.
- Rows: 178 wines from three cultivars grown in the same region of Italy.
- ${sklearnSource('wine_data.csv')}

Columns: 13 chemical measurements (\`od280/od315_of_diluted_wines\` is written \`od280_od315_of_diluted_wines\`)
and \`cultivar\` (class_0, class_1, class_2, sklearn's class names), the textbook target.
`,
  });
}

// ---- breast cancer (and its leaky copy) ---------------------------------------------------------
{
  const { rows } = loadSklearnCsv('breast_cancer.csv');
  const kinds = ['mean', 'error', 'worst'];
  const measures = [
    'radius', 'texture', 'perimeter', 'area', 'smoothness', 'compactness', 'concavity', 'concave_points', 'symmetry',
    'fractal_dimension',
  ];
  // sklearn's names are "mean radius", "radius error", "worst radius": the same, in snake case.
  const names = kinds.flatMap((k) => measures.map((m) => (k === 'error' ? `${m}_error` : `${k}_${m}`)));
  const header = [...names, 'diagnosis'];
  datasets.push({
    name: 'breast-cancer',
    file: 'breast_cancer.csv',
    csv: toCsv(header, rows.map((r) => [...r.features, r.cls])),
    source: `# Breast cancer Wisconsin (diagnostic)

- Source: W. H. Wolberg, W. N. Street, O. L. Mangasarian; UCI Machine Learning Repository, Breast Cancer Wisconsin (Diagnostic).
- License: CC BY 4.0 (UCI Machine Learning Repository); the copy shipped with scikit-learn is BSD-3-Clause.
- Rows: 569 fine-needle aspirates (212 malignant, 357 benign).
- ${sklearnSource('breast_cancer.csv')}

Columns: 30 features of the cell nuclei (mean, standard error and worst value of ten measurements,
sklearn's "mean radius" written \`mean_radius\`, "radius error" \`radius_error\`) and \`diagnosis\`
(malignant, benign), the textbook target.
`,
  });
  datasets.push({
    name: 'leaky-breast-cancer',
    file: 'leaky_breast_cancer.csv',
    csv: toCsv(
      [...header, 'followup_code'],
      rows.map((r) => [...r.features, r.cls, r.cls === 'malignant' ? 'ONC' : 'RTN']),
    ),
    source: `# Leaky breast cancer (derived example)

- Source: the breast-cancer example (Wolberg, Street, Mangasarian; UCI Machine Learning Repository).
- License: CC BY 4.0 (UCI Machine Learning Repository); the copy shipped with scikit-learn is BSD-3-Clause.
- ${sklearnSource('breast_cancer.csv', 'One column is added, see below.')}

**Known leak, on purpose.** \`followup_code\` is a deterministic function of the target: \`ONC\`
(referred to oncology) when \`diagnosis\` is malignant and \`RTN\` (routine follow-up) when it is
benign. It mimics a field filled in after the diagnosis was known. A task that keeps it as a
feature is trivially solvable: the verifier's single-feature leakage rule must flag it, and the
designer's repair must drop it.
`,
  });
}

// ---- diabetes ---------------------------------------------------------------------------------
{
  // _base.py: np.loadtxt of the two gz files (space separated); load_diabetes(scaled=False) is
  // the raw data, which is what a dataset user would see. The target is written as an integer
  // (the file holds e.g. 1.510000000000000000e+02).
  const data = readSource('diabetes_data_raw.csv.gz').split('\n').filter((l) => l.trim() !== '');
  const target = readSource('diabetes_target.csv.gz').split('\n').filter((l) => l.trim() !== '');
  if (data.length !== target.length) fail(`diabetes: ${data.length} data rows but ${target.length} targets`);
  const header = ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6', 'disease_progression'];
  const rows = data.map((line, i) => {
    const cells = line.trim().split(/\s+/);
    if (cells.length !== 10) fail(`diabetes_data_raw line ${i + 1}: expected 10 fields, got ${cells.length}`);
    const y = Number(target[i].trim());
    if (!Number.isInteger(y)) fail(`diabetes_target line ${i + 1}: ${target[i]} is not an integer`);
    return [...cells, String(y)];
  });
  datasets.push({
    name: 'diabetes',
    file: 'diabetes.csv',
    csv: toCsv(header, rows),
    source: `# Diabetes

- Source: B. Efron, T. Hastie, I. Johnstone, R. Tibshirani (2004), "Least Angle Regression", Annals of Statistics; data from https://www4.stat.ncsu.edu/~boos/var.select/diabetes.html
- License: the copy shipped with scikit-learn is BSD-3-Clause; the original carries no explicit license.
- Rows: 442 diabetes patients.
- ${sklearnSource('diabetes_data_raw.csv.gz and diabetes_target.csv.gz', 'The raw (unscaled) values are used, as `load_diabetes(scaled=False)` returns them.')}

Columns: \`age\` (years), \`sex\` (1 or 2), \`bmi\`, \`bp\` (average blood pressure), \`s1\`..\`s6\`
(total cholesterol, LDL, HDL, total cholesterol / HDL, log of serum triglycerides, blood sugar)
and \`disease_progression\`, a quantitative measure of disease progression one year after
baseline, the textbook (regression) target.
`,
  });
}

// ---- penguins ---------------------------------------------------------------------------------
{
  const require = createRequire(join(root, 'plugins/designer-tabular/package.json'));
  let path;
  try {
    // The package's exports map hides data/, so resolve its entry point and walk up.
    path = join(dirname(require.resolve('vega-datasets')), '..', 'data', 'penguins.json');
  } catch {
    fail('vega-datasets is not installed (run npm install from the repository root)');
  }
  const version = JSON.parse(readFileSync(join(dirname(path), '..', 'package.json'), 'utf8')).version;
  const records = JSON.parse(readFileSync(path, 'utf8'));
  const columns = [
    ['Species', 'species'], ['Island', 'island'], ['Beak Length (mm)', 'beak_length_mm'],
    ['Beak Depth (mm)', 'beak_depth_mm'], ['Flipper Length (mm)', 'flipper_length_mm'],
    ['Body Mass (g)', 'body_mass_g'], ['Sex', 'sex'],
  ];
  const rows = records.map((r) =>
    columns.map(([from, to]) => {
      const v = r[from];
      // One record has Sex "." (unknown in the original data): written as missing.
      if (to === 'sex' && v === '.') return null;
      return v;
    }),
  );
  datasets.push({
    name: 'penguins',
    file: 'penguins.csv',
    csv: toCsv(columns.map((c) => c[1]), rows),
    source: `# Palmer penguins

- Source: Dr. Kristen Gorman and the Palmer Station Antarctica LTER; palmerpenguins (Allison Horst, Alison Hill, Kristen Gorman).
- License: CC0 1.0 (palmerpenguins); redistributed in the vega-datasets npm package (BSD-3-Clause).
- Rows: 344 penguins of three species on three islands.
- Prepared by \`tools/prepare-examples.mjs\` from \`vega-datasets@${version}\` (\`data/penguins.json\`): columns
  renamed to snake case, the one \`Sex\` value "." (unknown) written as missing.

Columns: \`species\` (Adelie, Chinstrap, Gentoo; the textbook target), \`island\`, \`beak_length_mm\`,
\`beak_depth_mm\`, \`flipper_length_mm\`, \`body_mass_g\`, \`sex\`. Two penguins have no measurements.
`,
  });
}

// ---- write or check ---------------------------------------------------------------------------
let stale = 0;
for (const d of datasets) {
  const dir = join(outRoot, d.name);
  const files = [
    [join(dir, d.file), d.csv],
    [join(dir, 'SOURCE.md'), d.source],
  ];
  for (const [path, content] of files) {
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== content) {
        console.error(`stale: ${path}`);
        stale++;
      }
      continue;
    }
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, content);
  }
  if (!check) console.log(`wrote ${join(dir, d.file)}`);
}
if (check && stale > 0) fail(`${stale} file(s) differ; run node tools/prepare-examples.mjs`);
if (check) console.log('examples are up to date');
