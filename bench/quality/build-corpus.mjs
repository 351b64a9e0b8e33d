#!/usr/bin/env node
// Builds the quality-bench corpus offline: the R tables (Rscript build-corpus.R, from Debian's
// r-cran-* packages) and the Python ones (/usr/bin/python3 build-corpus-py.py, from Debian's
// python3-sklearn and python3-vega-datasets) into bench/.data/quality/<set>/<name>/, then checks
// every table of the set's truth file is there.
//
// Seven sets: `corpus` (corpus.json, the development corpus the product was tuned on), and
// `holdout`, `holdout2`, `holdout3`, `holdout4`, `holdout5` and `holdout6` (holdout.json …
// holdout6.json: annotated blind from the help pages and never used for tuning).
//
//   node bench/quality/build-corpus.mjs [--set corpus|holdout|holdout2|holdout3|holdout4|holdout5|holdout6] [--out dir] [--tables a,b]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS_SETS = ['corpus', 'holdout', 'holdout2', 'holdout3', 'holdout4', 'holdout5', 'holdout6'];

function checkSet(set) {
  if (!CORPUS_SETS.includes(set)) throw new Error(`unknown corpus set "${set}" (known: ${CORPUS_SETS.join(', ')})`);
  return set;
}

/** Where a set's tables are built: bench/.data/quality/<set>/<name>/. */
export const corpusDir = (set = 'corpus') => resolve(here, '..', '.data', 'quality', checkSet(set));

/** The set's truth file (bench/quality/<set>.json) and its path. */
export function loadTruth(set = 'corpus') {
  const file = join(here, `${checkSet(set)}.json`);
  return { ...JSON.parse(readFileSync(file, 'utf8')), file: `bench/quality/${set}.json` };
}

/** Tables whose CSV or README is missing from `out`. */
export function missingTables(out, names) {
  return names.filter((n) => !existsSync(join(out, n, `${n}.csv`)) || !existsSync(join(out, n, 'README.txt')));
}

export function buildCorpus({ set = 'corpus', out = corpusDir(set), tables } = {}) {
  const truth = loadTruth(set);
  const wanted = tables ?? truth.tables.map((t) => t.name);
  const byPkg = (py) => wanted.filter((n) => {
    const t = truth.tables.find((x) => x.name === n);
    if (!t) throw new Error(`table ${n} is not in ${truth.file}`);
    return ['sklearn', 'vega_datasets'].includes(t.package) === py;
  });
  mkdirSync(out, { recursive: true });
  // The Debian packages the tables come from (installs them when missing and running as root).
  const setup = spawnSync('bash', [join(here, 'setup.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (setup.status !== 0) throw new Error('bench/quality/setup.sh failed: install the Debian packages it names');
  const rNames = byPkg(false);
  const pyNames = byPkg(true);
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.error) throw new Error(`${cmd}: ${r.error.message} (install r-base-core / python3-sklearn python3-vega-datasets)`);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
  };
  if (rNames.length) run('Rscript', [join(here, 'build-corpus.R'), out, rNames.join(',')]);
  if (pyNames.length) run(process.env.MLE_SMITH_PYTHON ?? '/usr/bin/python3', [join(here, 'build-corpus-py.py'), out, pyNames.join(',')]);
  const missing = missingTables(out, wanted);
  if (missing.length) throw new Error(`corpus build did not produce: ${missing.join(', ')}`);
  return { out, tables: wanted };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const tables = opt('--tables')?.split(',').filter(Boolean);
  const set = opt('--set') ?? 'corpus';
  const { out, tables: built } = buildCorpus({ set, out: opt('--out') ? resolve(opt('--out')) : corpusDir(set), tables });
  console.log(`corpus: ${built.length} tables in ${out}`);
}
