#!/usr/bin/env node
// Quality bench: runs `mle-smith run` (offline: llm none, local executor, execution on) over a
// corpus of real tables (bench/quality/) and measures the published tasks against its ground
// truth: bench/quality/corpus.json (the development corpus, the default) or, with --set holdout,
// --set holdout2, --set holdout3, --set holdout4, --set holdout5 or --set holdout6,
// bench/quality/holdout.json, holdout2.json, holdout3.json, holdout4.json, holdout5.json or
// holdout6.json (annotated blind, never used for tuning). See bench/README.md, section "quality".
//
//   node bench/quality.mjs [--set corpus|holdout|holdout2|holdout3|holdout4|holdout5|holdout6] [--limit N] [--tables a,b] [--no-build] [--out dir] [--concurrency n]
//                          [--resume] [--evaluate-only] [--json]
//
// Build the workspace first (npm run build). Output: a report on stdout, the numbers as JSON in
// bench/.data/quality/result.json (or <out>/../result.json with --out), the run's progress log
// in <run dir>.progress.log.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCorpus, missingTables, loadTruth, corpusDir } from './quality/build-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const DATA = join(here, '.data', 'quality');

// ---------------------------------------------------------------- targets of issue 12
export const TARGETS = {
  recall150: 0.9,
  recallAll: 0.75,
  precision: 0.8,
  leaksCaught: 1,
  idViolations: 0,
  twoTargets: 1, // every table with two sensible targets has accepted tasks on >= 2 different sensible columns
  noSignalAccepted: 0,
};
const MIN_ROWS_RECALL = 150;
const BOOTSTRAP = { resamples: 1000, confidence: 0.95, seed: 12 };

// ---------------------------------------------------------------- helpers
/** Column names compared case-insensitively and ignoring punctuation ("post.test.1" = "post_test_1"). */
export const norm = (s) => String(s).toLowerCase().replace(/[^a-z0-9]+/g, '');

function parseArgs(argv) {
  const o = { set: 'corpus', limit: undefined, tables: undefined, build: true, out: undefined, concurrency: 2, resume: false, evaluateOnly: false, json: false, execute: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--set') o.set = next();
    else if (a === '--limit') o.limit = Number(next());
    else if (a === '--tables') o.tables = next().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--no-build') o.build = false;
    else if (a === '--out') o.out = resolve(next());
    else if (a === '--concurrency') o.concurrency = Number(next());
    else if (a === '--resume') o.resume = true;
    else if (a === '--evaluate-only') o.evaluateOnly = true;
    else if (a === '--json') o.json = true;
    else if (a === '--no-execute') o.execute = false;
    else if (a === '-h' || a === '--help') {
      console.log('node bench/quality.mjs [--set corpus|holdout|holdout2|holdout3|holdout4|holdout5|holdout6] [--limit N] [--tables a,b] [--no-build] [--out dir] [--concurrency n] [--resume] [--evaluate-only] [--json] [--no-execute]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (o.limit !== undefined && !(o.limit >= 1)) throw new Error('--limit needs a positive number');
  return o;
}

function csvHeader(file) {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const nl = text.indexOf('\n');
  const line = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, '').replace(/^\uFEFF/, '');
  const out = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') q = false; else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}

const readJson = (f) => JSON.parse(readFileSync(f, 'utf8'));

const columnCache = new Map();
/** Header of the corpus table's CSV. */
function tableColumns(dir, name) {
  const file = join(dir, name, `${name}.csv`);
  if (!columnCache.has(file)) columnCache.set(file, csvHeader(file));
  return columnCache.get(file);
}

/** A derived feature that takes one calendar part of a date: month(...), dayofweek(...), quarter(...). */
const CALENDAR_PART = /^\s*(month|dayofweek|quarter)\s*\(/i;

/** Source columns a DuckDB SQL expression reads: quoted identifiers, and bare words (not calls) that are columns. */
export function columnsIn(expr, columns) {
  if (typeof expr !== 'string') return [];
  const found = new Set();
  const known = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const text = expr.replace(/'(?:[^']|'')*'/g, ' '); // drop string literals
  for (const m of text.matchAll(/"((?:[^"]|"")+)"|\b([A-Za-z_][A-Za-z0-9_.]*)\b(?!\s*\()/g)) {
    const word = m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2];
    const col = m[1] !== undefined ? (columns.includes(word) ? word : known.get(word.toLowerCase())) : known.get(word.toLowerCase());
    if (col) found.add(col);
  }
  return [...found];
}
const pct = (x) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)} %`);
const ratio = (a, b) => (b === 0 ? null : a / b);

// ---------------------------------------------------------------- running mle-smith
/** Runs `mle-smith run` over `dirs` into `runDir`; `config` defaults to bench/quality's config. */
export function runMleSmith({ dirs, runDir, concurrency, execute, config = join(here, 'quality', 'mle-smith.config.json') }) {
  const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');
  if (!existsSync(bin)) throw new Error(`${bin} not found: build the workspace first (npm run build)`);
  const args = [bin, '--config', config, 'run', ...dirs, '--out', runDir, '--llm', 'none', '--executor', 'local', '--concurrency', String(concurrency), '--json', ...(execute ? [] : ['--no-execute'])];
  // The log sits beside the run folder: mle-smith refuses an --out that holds files it did not write.
  mkdirSync(dirname(runDir), { recursive: true });
  const log = createWriteStream(`${runDir}.progress.log`, { flags: 'a' });
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: DATA, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let errTail = [];
    let lines = 0;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => {
      log.write(d);
      for (const l of String(d).split('\n').filter(Boolean)) {
        lines++;
        errTail.push(l);
        if (errTail.length > 40) errTail = errTail.slice(-40);
        if (/ publish done| verdict done|error|fail/i.test(l) || lines % 50 === 0) process.stderr.write(`  ${l}\n`);
      }
    });
    child.on('close', (code, signal) => {
      log.end();
      resolvePromise({ code, signal, seconds: (Date.now() - started) / 1000, stdout, errTail });
    });
  });
}

/** The fewest rows a table can have and still hold one task: structural/test-fraction's test plus train minimum. */
async function minimumTaskRows() {
  const { testFraction } = await import(pathToFileURL(join(root, 'plugins', 'rules-structural', 'dist', 'index.js')).href);
  const { minTestRows, minTrainRows } = testFraction.meta.defaultOptions;
  return minTestRows + minTrainRows;
}

// ---------------------------------------------------------------- the independent signal check
async function loadMetrics() {
  const url = pathToFileURL(join(root, 'packages', 'metrics', 'dist', 'index.js')).href;
  return import(url);
}

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function takeRows(values, n, idx) {
  if (values instanceof Float64Array) {
    const w = values.length / n;
    const out = new Float64Array(idx.length * w);
    for (let j = 0; j < idx.length; j++) for (let k = 0; k < w; k++) out[j * w + k] = values[idx[j] * w + k];
    return out;
  }
  const out = new Array(idx.length);
  for (let j = 0; j < idx.length; j++) out[j] = values[idx[j]];
  return out;
}

/**
 * Paired bootstrap over the test rows of (best learned baseline − trivial baseline), resampling
 * within each true class for label/probability metrics (so every resample keeps every class).
 * Independent of the product's own verdict code; only the metric functions and the submission
 * alignment of @mle-smith/metrics are used, so the scores are the grader's.
 */
async function signalOf(metrics, taskDir, best, trivial) {
  const manifest = await metrics.loadManifest(taskDir);
  const metric = metrics.getMetric(manifest.metric.name);
  const a = await metrics.alignSubmission(taskDir, join(taskDir, 'baselines', best, 'submission.csv'), manifest, metric);
  const b = await metrics.alignSubmission(taskDir, join(taskDir, 'baselines', trivial, 'submission.csv'), manifest, metric);
  const n = a.rows;
  const gain = (x, y) => (metric.higherIsBetter ? x - y : y - x);
  const diff = gain(metric.score(a.yTrue, a.yPred, a.params), metric.score(b.yTrue, b.yPred, b.params));
  let strata = [Array.from({ length: n }, (_, i) => i)];
  if (metric.kind === 'label' || metric.kind === 'probability') {
    const g = new Map();
    for (let i = 0; i < n; i++) {
      const k = String(a.yTrue[i]);
      if (!g.has(k)) g.set(k, []);
      g.get(k).push(i);
    }
    strata = [...g.values()];
  }
  const rng = mulberry32(BOOTSTRAP.seed);
  const gains = [];
  const idx = new Uint32Array(n);
  for (let r = 0; r < BOOTSTRAP.resamples; r++) {
    let j = 0;
    for (const s of strata) for (let t = 0; t < s.length; t++) idx[j++] = s[Math.floor(rng() * s.length)];
    try {
      const yt = takeRows(a.yTrue, n, idx);
      const g = gain(metric.score(yt, takeRows(a.yPred, n, idx), a.params), metric.score(yt, takeRows(b.yPred, n, idx), b.params));
      if (Number.isFinite(g)) gains.push(g);
    } catch {
      /* metric undefined on this resample */
    }
  }
  gains.sort((x, y) => x - y);
  const q = (p) => {
    const pos = p * (gains.length - 1);
    const i = Math.floor(pos);
    return i + 1 < gains.length ? gains[i] + (pos - i) * (gains[i + 1] - gains[i]) : gains[i];
  };
  const alpha = (1 - BOOTSTRAP.confidence) / 2;
  const lo = gains.length ? q(alpha) : NaN;
  const hi = gains.length ? q(1 - alpha) : NaN;
  return { metric: metric.name, rows: n, difference: diff, lo, hi, used: gains.length, signal: lo > 0 };
}

/** What the product itself recorded about signal (a finding that carries an interval, if any). */
function productSignalClaim(verification) {
  for (const f of verification?.findings ?? []) {
    const d = f.data ?? {};
    const lo = d.lo ?? d.lower ?? d.interval?.[0] ?? d.ci?.[0];
    const hi = d.hi ?? d.upper ?? d.interval?.[1] ?? d.ci?.[1];
    if (typeof lo === 'number' && typeof hi === 'number') return { ruleId: f.ruleId, severity: f.severity, lo, hi };
    if (/signal/.test(f.ruleId ?? '')) return { ruleId: f.ruleId, severity: f.severity };
  }
  return null;
}

// ---------------------------------------------------------------- evaluation
export async function evaluate({ runDir, tables, wallSeconds, runInfo, corpus = corpusDir('corpus') }) {
  const summary = readJson(join(runDir, 'summary.json'));
  const byNorm = new Map(tables.map((t) => [norm(t.name), t]));
  const tableOf = (dataset) => byNorm.get(norm(dataset));
  const unknownDatasets = new Set();

  const tasks = [];
  for (const s of summary.tasks ?? []) {
    const table = tableOf(s.dataset);
    if (!table) { unknownDatasets.add(s.dataset); continue; }
    const taskDir = s.taskDir ?? join(runDir, 'tasks', s.taskId);
    const published = s.status !== 'rejected' && existsSync(join(taskDir, 'task.json'));
    const t = { id: s.taskId, table: table.name, status: s.status, published, reasons: s.reasons ?? [], findings: s.findings ?? [], ladder: s.ladder ?? [], taskDir };
    if (published) {
      const manifest = readJson(join(taskDir, 'task.json'));
      const spec = manifest.spec ?? {};
      const targetName = spec.target?.name ?? (typeof manifest.target === 'string' ? manifest.target : manifest.target?.name);
      const tableCols = tableColumns(corpus, table.name);
      const fromExpr = columnsIn(spec.target?.expression, tableCols);
      const targetCols = spec.target?.sourceColumns?.length ? spec.target.sourceColumns : fromExpr.length ? fromExpr : [targetName];
      const idColumn = manifest.submission?.idColumn ?? spec.submission?.idColumn;
      const predCols = new Set((manifest.submission?.predictionColumns ?? []).map((p) => p.name));
      const header = csvHeader(join(taskDir, 'public', 'train.csv'));
      const features = new Set();
      for (const f of spec.features ?? []) features.add(f);
      // a derived feature exposes every source column its SQL expression reads; a calendar part
      // (the month of a date) exposes it too, except to the identifier/time-index check: a
      // month carries the season, not the row's place in time (docs/column-roles.md)
      const calendarParts = new Set();
      for (const d of spec.derivedFeatures ?? []) {
        for (const c of d.sourceColumns ?? columnsIn(d.expression, tableCols)) {
          features.add(c);
          if (CALENDAR_PART.test(d.expression ?? '')) calendarParts.add(c);
        }
      }
      let idSeen = false;
      for (const h of header) {
        if (h === idColumn && !idSeen) { idSeen = true; continue; }
        if (h === targetName || predCols.has(h)) continue;
        features.add(h);
      }
      t.objective = manifest.objective;
      t.metric = manifest.metric?.name;
      t.targetName = targetName;
      t.targetCols = targetCols;
      t.targetExpr = spec.target?.expression;
      t.features = [...features];
      t.calendarParts = [...calendarParts].filter((c) => !(spec.features ?? []).includes(c) && !header.includes(c));
      // A forecasting task's time column is its index, not a plain feature (issue 12: a time index
      // belongs in a forecasting task): the raw columns it is computed from are exempt below.
      const ts = manifest.objective === 'forecasting' ? manifest.timeseries : undefined;
      const index = (spec.derivedFeatures ?? []).filter((d) => ts && d.name === ts.timeColumn);
      t.forecastIndex = index.flatMap((d) => d.sourceColumns ?? columnsIn(d.expression, tableCols));
      t.testFraction = manifest.split?.testFraction;
      t.verification = existsSync(join(taskDir, 'verification.json')) ? readJson(join(taskDir, 'verification.json')) : null;
    }
    tasks.push(t);
  }

  const pub = tasks.filter((t) => t.published);
  const has = (cols, list) => cols.some((c) => list.some((x) => norm(x) === norm(c)));
  const onTarget = (t, col) => t.targetCols.some((c) => norm(c) === norm(col));
  const featureHas = (t, col) => t.features.some((f) => norm(f) === norm(col));

  // recall
  const perTable = tables.map((tb) => {
    const tp = pub.filter((t) => t.table === tb.name);
    const tr = tasks.filter((t) => t.table === tb.name && !t.published);
    return {
      name: tb.name, rows: tb.rows, documented: tb.targets, alternatives: tb.alternatives,
      published: tp.map((t) => ({ id: t.id, target: t.targetName, sources: t.targetCols, objective: t.objective, metric: t.metric })),
      rejected: tr.map((t) => ({ id: t.id, reasons: t.reasons })),
      hit: tp.some((t) => has(t.targetCols, tb.targets)),
      // distinct documented targets/alternatives among the published tasks' source columns: two
      // tasks on one column (price and price_above_median) are one sensible target, not two
      sensibleColumns: [...new Set(tp.flatMap((t) => t.targetCols.filter((c) => [...tb.targets, ...tb.alternatives].some((x) => norm(x) === norm(c))).map(norm)))],
      accepted: tp.length, proposals: tp.length + tr.length,
      twoSensible: tb.two_sensible_targets,
    };
  });
  const big = perTable.filter((t) => t.rows >= MIN_ROWS_RECALL);
  const recall150 = ratio(big.filter((t) => t.hit).length, big.length);
  const recallAll = ratio(perTable.filter((t) => t.hit).length, perTable.length);
  const unseen = perTable.filter((t) => !tables.find((x) => x.name === t.name).in_examples);
  const recallUnseen = ratio(unseen.filter((t) => t.hit).length, unseen.length);

  // precision
  const tbByName = new Map(tables.map((t) => [t.name, t]));
  const precise = pub.filter((t) => { const tb = tbByName.get(t.table); return has(t.targetCols, [...tb.targets, ...tb.alternatives]); });
  const imprecise = pub.filter((t) => !precise.includes(t)).map((t) => `${t.table}: ${t.targetName}${t.targetCols.join(',') !== t.targetName ? ` (from ${t.targetCols.join(', ')})` : ''}`);
  const precision = ratio(precise.length, pub.length);

  // leaks
  const leaks = [];
  for (const tb of tables) {
    for (const l of tb.leaks) {
      const on = pub.filter((t) => t.table === tb.name && onTarget(t, l.target));
      const open = on.filter((t) => {
        const present = l.columns.filter((c) => featureHas(t, c));
        return l.mode === 'combination' ? present.length === l.columns.length : present.length > 0;
      });
      leaks.push({ table: tb.name, target: l.target, columns: l.columns, mode: l.mode, exercised: on.length > 0, caught: open.length === 0, openIn: open.map((t) => t.id) });
    }
  }
  const leaksCaught = ratio(leaks.filter((l) => l.caught).length, leaks.length);
  const exercised = leaks.filter((l) => l.exercised);

  // identifier / time-index columns (and, reported apart, design variables used as targets)
  const idViolations = [];
  const designTargets = [];
  for (const t of pub) {
    const tb = tbByName.get(t.table);
    for (const r of tb.identifiers) {
      const asTarget = onTarget(t, r.column) && r.forbid.includes('target');
      const exempt = [...(t.calendarParts ?? []), ...(t.forecastIndex ?? [])];
      const asFeature = featureHas(t, r.column) && r.forbid.includes('feature') && !exempt.some((c) => norm(c) === norm(r.column));
      const rec = (as) => ({ task: t.id, table: t.table, column: r.column, role: r.role, as });
      if (r.role === 'design') { if (asTarget) designTargets.push(rec('target')); continue; }
      if (asTarget) idViolations.push(rec('target'));
      if (asFeature) idViolations.push(rec('feature'));
    }
  }

  // tasks per table
  const meanAccepted = ratio(perTable.reduce((s, t) => s + t.accepted, 0), perTable.length);
  // A table under the rows one task needs (structural/test-fraction's minTestRows + minTrainRows;
  // issue 12 asks for such a table to be rejected) cannot hold two tasks: it is listed, not counted.
  const minTaskRows = await minimumTaskRows();
  const two = perTable.filter((t) => t.twoSensible && t.rows >= minTaskRows);
  const twoTooSmall = perTable.filter((t) => t.twoSensible && t.rows < minTaskRows).map((t) => `${t.name} (${t.rows} rows)`);
  // strict: two *different* sensible columns among the accepted tasks (issue 12); the lenient
  // count (any two accepted tasks) is kept beside it for comparison with earlier runs
  const twoStrict = two.filter((t) => t.sensibleColumns.length >= 2);
  const twoOk = ratio(twoStrict.length, two.length);

  // rejection reasons by rule id
  const reasons = {};
  for (const t of tasks.filter((x) => !x.published)) {
    const ids = new Set();
    for (const f of t.findings) if (f.severity === 'error' && f.ruleId) ids.add(f.ruleId);
    for (const r of t.reasons) { const m = /^([\w./@-]+):/.exec(r); if (m) ids.add(m[1]); }
    if (!ids.size) ids.add('(none recorded)');
    for (const id of ids) reasons[id] = (reasons[id] ?? 0) + 1;
  }

  // learnable signal (bench's own paired bootstrap of best learned baseline vs trivial)
  let metrics = null;
  try { metrics = await loadMetrics(); } catch (err) { console.error(`signal check skipped: ${err.message}`); }
  const signal = [];
  for (const t of pub) {
    const ok = t.ladder.filter((r) => r.status === 'ok' && typeof r.score === 'number');
    const triv = ok.find((r) => r.tier === 'trivial');
    const learned = ok.filter((r) => r.tier !== 'trivial');
    const hib = t.ladder.length ? (summary.tasks.find((s) => s.taskId === t.id)?.higherIsBetter ?? true) : true;
    const best = learned.sort((x, y) => (hib ? y.score - x.score : x.score - y.score))[0];
    const rec = { task: t.id, table: t.table, metric: t.metric, trivial: triv?.score, best: best?.score, bestSolver: best?.solver, product: productSignalClaim(t.verification) };
    if (metrics && triv && best && existsSync(join(t.taskDir, 'baselines'))) {
      try { Object.assign(rec, await signalOf(metrics, t.taskDir, best.solver, triv.solver)); } catch (err) { rec.error = err.message; }
    } else rec.error = rec.error ?? 'no ladder';
    signal.push(rec);
  }
  const noSignal = signal.filter((s) => s.signal === false);
  const signalUnknown = signal.filter((s) => s.signal === undefined);

  const accepted = pub.length;
  const result = {
    generatedAt: new Date().toISOString(),
    runDir,
    run: runInfo,
    tables: tables.length,
    tablesRecall150: big.length,
    tasks: { proposed: tasks.length, published: accepted, rejected: tasks.length - accepted },
    unknownDatasets: [...unknownDatasets],
    datasetErrors: (summary.datasets ?? []).filter((d) => d.error).map((d) => ({ dataset: d.name, error: d.error })),
    recall150, recallAll, recallUnseen,
    precision, imprecise,
    leaks: { total: leaks.length, caught: leaks.filter((l) => l.caught).length, exercised: exercised.length, caughtOfExercised: exercised.filter((l) => l.caught).length, rate: leaksCaught, list: leaks },
    identifiers: { violations: idViolations.length, asTarget: idViolations.filter((v) => v.as === 'target').length, asFeature: idViolations.filter((v) => v.as === 'feature').length, list: idViolations, designTargets },
    acceptedPerTable: {
      mean: meanAccepted, twoSensibleTables: two.length, twoSensibleWith2: twoStrict.length, twoSensibleWith2Lenient: two.filter((t) => t.accepted >= 2).length,
      share: twoOk, minTaskRows, twoSensibleTooSmall: twoTooSmall, twoSensibleMissing: two.filter((t) => !twoStrict.includes(t)).map((t) => `${t.name} (${t.sensibleColumns.join(', ') || 'none'})`),
      tablesWithNone: perTable.filter((t) => t.accepted === 0).map((t) => t.name),
    },
    rejectionReasons: Object.fromEntries(Object.entries(reasons).sort((a, b) => b[1] - a[1])),
    secondsPerAcceptedTask: wallSeconds !== undefined && accepted ? wallSeconds / accepted : null,
    wallSeconds,
    signal: { checked: signal.length - signalUnknown.length, noSignal: noSignal.length, unknown: signalUnknown.length, bootstrap: BOOTSTRAP, list: signal },
    perTable,
  };
  result.verdicts = [
    { target: `recall >= ${pct(TARGETS.recall150)} (tables >= ${MIN_ROWS_RECALL} rows)`, value: pct(recall150), pass: recall150 !== null && recall150 >= TARGETS.recall150 },
    { target: `recall >= ${pct(TARGETS.recallAll)} (all tables)`, value: pct(recallAll), pass: recallAll !== null && recallAll >= TARGETS.recallAll },
    { target: `precision >= ${pct(TARGETS.precision)}`, value: pct(precision), pass: precision !== null && precision >= TARGETS.precision },
    { target: '100 % of known leaks caught', value: `${leaks.filter((l) => l.caught).length}/${leaks.length} (${exercised.filter((l) => l.caught).length}/${exercised.length} of those with a task on the target)`, pass: leaksCaught === null || leaksCaught >= TARGETS.leaksCaught },
    { target: '0 identifier/time-index targets or features', value: `${idViolations.length} (${result.identifiers.asTarget} targets, ${result.identifiers.asFeature} features)`, pass: idViolations.length === TARGETS.idViolations },
    { target: '>= 2 accepted tasks on two different sensible targets', value: `${twoStrict.length}/${two.length} tables (any two accepted: ${two.filter((t) => t.accepted >= 2).length})`, pass: twoOk === null || twoOk >= TARGETS.twoTargets },
    { target: 'no accepted task without learnable signal', value: `${noSignal.length} of ${signal.length - signalUnknown.length} checked${signalUnknown.length ? `, ${signalUnknown.length} not checkable` : ''}`, pass: noSignal.length === TARGETS.noSignalAccepted && signalUnknown.length === 0 },
  ];
  return result;
}

// ---------------------------------------------------------------- report
function printReport(r) {
  const out = [];
  const p = (s = '') => out.push(s);
  p(`quality bench — ${r.tables} tables (${r.tablesRecall150} with >= ${MIN_ROWS_RECALL} rows), run ${r.runDir}`);
  if (r.run) p(`mle-smith run: exit ${r.run.code}${r.run.signal ? ` (${r.run.signal})` : ''}, ${r.wallSeconds?.toFixed(0)} s wall`);
  p(`tasks: ${r.tasks.proposed} reached a verdict, ${r.tasks.published} published, ${r.tasks.rejected} rejected`);
  if (r.unknownDatasets.length) p(`datasets in the run that are not in the truth file: ${r.unknownDatasets.join(', ')}`);
  for (const d of r.datasetErrors) p(`dataset failed: ${d.dataset}: ${d.error}`);
  p();
  p('per table (D = documented target among the published tasks' + "'" + ' targets):');
  for (const t of r.perTable) {
    const pubs = t.published.map((x) => x.target + (x.sources.join(',') !== x.target ? `(${x.sources.join(',')})` : '')).join(', ') || '—';
    const rej = t.rejected.length ? `; rejected ${t.rejected.length}: ${[...new Set(t.rejected.flatMap((x) => x.reasons.map((s) => s.split(':')[0])))].join(', ')}` : '';
    p(`  ${t.hit ? 'D' : ' '} ${t.name.padEnd(19)} ${String(t.rows).padStart(5)} rows  doc: ${t.documented.join('/').padEnd(22)} published: ${pubs}${rej}`);
  }
  p();
  p(`target recall (>= ${MIN_ROWS_RECALL} rows): ${pct(r.recall150)}   all tables: ${pct(r.recallAll)}   tables not in examples/: ${pct(r.recallUnseen)}`);
  p('  (a task counts as on a column when the column is among its target\'s source columns: "price > median" is on price)');
  p(`precision (published tasks on a documented target or documented outcome): ${pct(r.precision)}`);
  if (r.imprecise.length) p(`  not on a documented outcome: ${r.imprecise.join('; ')}`);
  p(`known leaks caught: ${r.leaks.caught}/${r.leaks.total} (${r.leaks.caughtOfExercised}/${r.leaks.exercised} with a published task on the leak's target)`);
  for (const l of r.leaks.list.filter((x) => !x.caught)) p(`  OPEN ${l.table}: ${l.columns.join(', ')} (${l.mode}) public in ${l.openIn.join(', ')}`);
  p(`identifier/time-index columns published: ${r.identifiers.violations} (${r.identifiers.asTarget} as target, ${r.identifiers.asFeature} as feature)`);
  for (const v of r.identifiers.list) p(`  ${v.task}: ${v.column} (${v.role}) as ${v.as}`);
  if (r.identifiers.designTargets.length) p(`design variables as targets: ${r.identifiers.designTargets.map((v) => `${v.task}: ${v.column}`).join('; ')}`);
  p(`accepted tasks per table: mean ${r.acceptedPerTable.mean?.toFixed(2)}; tables with two sensible targets and accepted tasks on two different ones: ${r.acceptedPerTable.twoSensibleWith2}/${r.acceptedPerTable.twoSensibleTables} (any two accepted tasks: ${r.acceptedPerTable.twoSensibleWith2Lenient}); tables with none: ${r.acceptedPerTable.tablesWithNone.length} (${r.acceptedPerTable.tablesWithNone.join(', ')})`);
  if (r.acceptedPerTable.twoSensibleTooSmall?.length) p(`  two sensible targets, but under the ${r.acceptedPerTable.minTaskRows} rows a task needs (not counted): ${r.acceptedPerTable.twoSensibleTooSmall.join('; ')}`);
  if (r.acceptedPerTable.twoSensibleMissing.length) p(`  two sensible targets, fewer than two accepted: ${r.acceptedPerTable.twoSensibleMissing.join('; ')}`);
  p('rejection reasons (tasks per rule id):');
  for (const [k, v] of Object.entries(r.rejectionReasons)) p(`  ${String(v).padStart(4)}  ${k}`);
  p(`seconds per accepted task: ${r.secondsPerAcceptedTask === null ? 'n/a' : r.secondsPerAcceptedTask.toFixed(1)} (${r.wallSeconds?.toFixed(0)} s wall / ${r.tasks.published})`);
  p(`learnable signal (bench's paired bootstrap, ${BOOTSTRAP.resamples} resamples, ${BOOTSTRAP.confidence * 100} %: best learned baseline vs trivial): ${r.signal.noSignal} accepted without signal, ${r.signal.unknown} not checkable`);
  for (const s of r.signal.list.filter((x) => x.signal !== true)) {
    p(`  ${s.task}: ${s.metric} trivial ${s.trivial?.toPrecision(4)} → ${s.bestSolver} ${s.best?.toPrecision(4)}, gain ${s.difference?.toPrecision(3)} [${s.lo?.toPrecision(3)}, ${s.hi?.toPrecision(3)}]${s.error ? ` (${s.error})` : ''}${s.product ? `; product: ${s.product.ruleId}` : ''}`);
  }
  p();
  p('targets of issue 12:');
  for (const v of r.verdicts) p(`  ${v.pass ? 'PASS' : 'FAIL'}  ${v.target.padEnd(56)} ${v.value}`);
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------- main
async function main() {
  const o = parseArgs(process.argv.slice(2));
  const truth = loadTruth(o.set);
  let tables = truth.tables;
  if (o.tables) {
    const unknown = o.tables.filter((n) => !tables.some((t) => t.name === n));
    if (unknown.length) throw new Error(`not in ${truth.file}: ${unknown.join(', ')}`);
    tables = tables.filter((t) => o.tables.includes(t.name));
  }
  if (o.limit) tables = tables.slice(0, o.limit);
  const corpus = corpusDir(o.set);
  const missing = missingTables(corpus, tables.map((t) => t.name));
  if (missing.length) {
    if (!o.build) throw new Error(`corpus incomplete (${missing.length} tables missing, e.g. ${missing[0]}); run without --no-build`);
    console.error(`building the corpus (${missing.length} tables missing) ...`);
    buildCorpus({ set: o.set, out: corpus, tables: missing });
  }
  const full = !o.tables && !o.limit;
  // a subset gets its own run dir, named by a hash of its tables (never one of the full runs')
  const subsetId = createHash('sha1').update(tables.map((t) => t.name).join(',')).digest('hex').slice(0, 8);
  const prefix = o.set === 'corpus' ? '' : `${o.set}-`;
  const runDir = o.out ?? join(DATA, `${prefix}${full ? 'run' : `subset-${tables.length}-${subsetId}`}${o.execute ? '' : '-no-execute'}`);
  const resultFile = full && !o.out ? join(DATA, `${prefix}result.json`) : join(dirname(runDir), `result-${runDir.split('/').pop()}.json`);
  let runInfo;
  let wallSeconds;
  if (!o.evaluateOnly) {
    if (!o.resume && existsSync(runDir)) rmSync(runDir, { recursive: true, force: true });
    console.error(`mle-smith run over ${tables.length} tables → ${runDir} (concurrency ${o.concurrency}; progress in ${runDir}.progress.log)`);
    const res = await runMleSmith({ dirs: tables.map((t) => join(corpus, t.name)), runDir, concurrency: o.concurrency, execute: o.execute });
    wallSeconds = res.seconds;
    runInfo = { code: res.code, signal: res.signal, seconds: res.seconds, stderrTail: res.code === 0 ? undefined : res.errTail };
    writeFileSync(join(runDir, 'bench-run.json'), JSON.stringify(runInfo, null, 2));
    if (!existsSync(join(runDir, 'summary.json'))) {
      console.error(res.errTail.join('\n'));
      throw new Error(`mle-smith run exited ${res.code} without summary.json`);
    }
  } else {
    if (!existsSync(join(runDir, 'summary.json'))) throw new Error(`${runDir}/summary.json not found`);
    const info = existsSync(join(runDir, 'bench-run.json')) ? readJson(join(runDir, 'bench-run.json')) : undefined;
    runInfo = info;
    if (info) wallSeconds = info.seconds;
    else {
      const s = readJson(join(runDir, 'summary.json'));
      wallSeconds = (Date.parse(s.finishedAt) - Date.parse(s.startedAt)) / 1000;
    }
  }
  const result = await evaluate({ runDir, tables, wallSeconds, runInfo, corpus });
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, JSON.stringify(result, null, 2) + '\n');
  if (o.json) console.log(JSON.stringify(result, null, 2));
  else printReport(result);
  console.error(`numbers written to ${resultFile}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`quality bench: ${err.message}`);
    process.exit(1);
  });
}
