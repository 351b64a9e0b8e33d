// Writes a task's split from its declarative TaskSpec: the framework, not the designer, decides
// which raw row lands where. Assignment hashes a stable row key with the seed, so it depends
// neither on row order nor on the machine; ids come from a second hash, so they reveal neither
// the original order nor the target. Output CSVs are sorted by id and byte-identical across runs.
import { DatasetError } from '@mle-smith/core';
import type { Objective, SubmissionColumn, TaskSpec } from '@mle-smith/core';
import { StatementType } from '@duckdb/node-api';
import { mkdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { withDuckDb, type DuckDbSession } from './session.js';
import { quoteIdent, quoteLiteral } from './sql.js';

export interface SplitResult {
  rows: { train: number; test: number };
  /** Sorted class labels, for classification objectives. */
  classes?: string[];
}

export interface MaterializeOptions {
  rawDir: string;
  /** Task package folder; public/ and private/ files are written inside it. */
  outDir: string;
}

const CLASSIFICATION: Objective[] = ['binary', 'multiclass', 'multilabel'];
/** 2^52: the first 13 hex digits of an md5 as a fraction in [0, 1). */
const HEX13 = 4503599627370496;

export async function materializeSplit(spec: TaskSpec, opts: MaterializeOptions): Promise<SplitResult> {
  const f = spec.split.testFraction;
  if (!(f > 0 && f < 1)) throw new DatasetError(`split.testFraction must be between 0 and 1, got ${f}`);
  const outDir = resolve(opts.outDir);
  await mkdir(dirname(outDir), { recursive: true });
  const staging = join(dirname(outDir), `.${basename(outDir)}.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(join(staging, 'public'), { recursive: true });
  await mkdir(join(staging, 'private'), { recursive: true });
  try {
    const result = await withDuckDb((db) => writeSplit(db, spec, staging), {
      readOnlyRawDir: opts.rawDir,
      writableDirs: [staging],
      preserveInsertionOrder: false,
      onDisk: true,
    });
    // Publish file by file: each rename is atomic, and nothing half-written is ever visible.
    for (const file of ['public/train.csv', 'public/test.csv', 'public/sample_submission.csv', 'private/answers.csv']) {
      await mkdir(dirname(join(outDir, file)), { recursive: true });
      await rename(join(staging, file), join(outDir, file));
    }
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function writeSplit(db: DuckDbSession, spec: TaskSpec, staging: string): Promise<SplitResult> {
  const table = spec.table;
  const views = await db.all<{ name: string }>(`SELECT view_name AS name FROM duckdb_views() WHERE NOT internal ORDER BY 1`);
  if (!views.some((v) => v.name === table)) {
    throw new DatasetError(`spec.table "${table}" is not a table of the dataset (tables: ${views.map((v) => v.name).join(', ')})`);
  }
  const t = quoteIdent(table);
  const schema = await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM ${t}`);
  const raw = schema.map((c) => c.column_name);
  const rawSet = new Set(raw);
  const needColumn = (where: string, c: string): void => {
    if (!rawSet.has(c)) throw new DatasetError(`${where}: column "${c}" is not in table ${table}`);
  };
  spec.rowKey.forEach((c) => needColumn('spec.rowKey', c));
  spec.features.forEach((c) => needColumn('spec.features', c));

  const checkExpr = async (where: string, expr: string): Promise<string> => {
    try {
      const statements = await db.connection.extractStatements(`SELECT (${expr}) FROM ${t}`);
      if (statements.count !== 1) throw new Error('must be a single expression');
      const prepared = await statements.prepare(0);
      if (prepared.statementType !== StatementType.SELECT) throw new Error('must be an expression');
    } catch (err) {
      throw new DatasetError(`${where}: invalid SQL expression "${expr}": ${(err as Error).message.split('\n')[0]}`, { cause: err });
    }
    return `(${expr})`;
  };
  /** A name of a raw column is quoted; anything else is an SQL expression. */
  const columnOrExpr = (where: string, s: string): Promise<string> => (rawSet.has(s) ? Promise.resolve(quoteIdent(s)) : checkExpr(where, s));

  const idColumn = spec.submission.idColumn;
  const target = await checkExpr('target.expression', spec.target.expression);
  const filter = spec.filter ? await checkExpr('filter', spec.filter) : 'TRUE';
  const drop = new Set([...spec.dropColumns]);
  let features: string[];
  if (spec.features.length > 0) {
    features = spec.features.filter((c) => !drop.has(c));
  } else {
    const sources = new Set(spec.target.sourceColumns);
    features = raw.filter((c) => !drop.has(c) && !sources.has(c) && c !== spec.target.name && c !== idColumn);
  }
  const derived = await Promise.all(spec.derivedFeatures.map(async (d) => ({ name: d.name, expr: await checkExpr(`derivedFeatures.${d.name}`, d.expression) })));
  const outNames = [idColumn, ...features, ...derived.map((d) => d.name), spec.target.name];
  const seen = new Set<string>();
  for (const n of outNames) {
    if (seen.has(n.toLowerCase())) throw new DatasetError(`output column "${n}" appears twice (id, features, derived features and target must have distinct names)`);
    seen.add(n.toLowerCase());
  }

  const canon = (cols: string[]): string =>
    `concat_ws(chr(31), ${cols.map((c) => `coalesce(CAST(${c} AS VARCHAR), chr(30))`).join(', ')})`;
  const seed = quoteLiteral(String(spec.split.seed));
  const keyCanon = canon((spec.rowKey.length > 0 ? spec.rowKey : raw).map(quoteIdent));
  /** The top 53 bits of an md5 as a fraction in [0, 1): stable on every machine. */
  const fraction = (hashInput: string): string => `((md5_number_upper(${hashInput}) >> 11)::DOUBLE / 9007199254740992.0)`;
  const strategy = spec.split.strategy;
  let by = 'NULL';
  if (strategy === 'stratified') by = spec.split.by ? await columnOrExpr('split.by', spec.split.by) : target;
  if (strategy === 'group' || strategy === 'time') {
    if (!spec.split.by) throw new DatasetError(`split.by is required for a ${strategy} split`);
    by = await columnOrExpr('split.by', spec.split.by);
  }
  const groupKey = strategy === 'group' ? `coalesce(CAST(${by} AS VARCHAR), chr(30))` : 'NULL';
  const cols = [...features, ...derived.map((d) => d.name)].map(quoteIdent);

  // One scan of the raw table: public columns, target and the hashes the split needs. The
  // session is disk-backed, so this table is stored compressed and may exceed memory_limit.
  // __u (test assignment) and __h (id order) come from different halves of one md5.
  const keyed = `${keyCanon} || ':' || ${seed}`;
  const select = [
    ...features.map((c) => `${quoteIdent(c)} AS ${quoteIdent(c)}`),
    ...derived.map((d) => `${d.expr} AS ${quoteIdent(d.name)}`),
    `${target} AS __target`,
    `${fraction(keyed)} AS __u`,
    `md5_number_lower(${keyed}) AS __h`,
    `${by} AS __by`,
    strategy === 'group' ? `${fraction(`${groupKey} || ':' || ${seed}`)} AS __gu` : `0 AS __gu`,
  ];
  await db.run(`CREATE TABLE __rows AS SELECT * FROM (SELECT ${select.join(', ')} FROM ${t} WHERE ${filter}) WHERE __target IS NOT NULL`).catch(rethrow);
  const [{ n, keys }] = await db.all<{ n: number; keys: number }>('SELECT count(*) AS n, count(DISTINCT __h) AS keys FROM __rows');
  if (n < 2) throw new DatasetError(`only ${n} row(s) left after the filter and dropping missing targets; a split needs at least 2`);
  // Rows sharing a key tie on __h; break ties by their public content, so rows that would
  // print the same line are the only ones left in an arbitrary (and invisible) order.
  const tie = keys < n ? `md5(${canon([...cols, '__target'])})` : "''";

  let isTest: string;
  const f = spec.split.testFraction;
  if (strategy === 'random') {
    isTest = `__u < ${f}`;
  } else if (strategy === 'stratified') {
    isTest = `row_number() OVER (PARTITION BY __by ORDER BY __u, __h, ${tie}) <= round(count(*) OVER (PARTITION BY __by) * ${f})`;
  } else if (strategy === 'time') {
    isTest = `rank() OVER (ORDER BY __by NULLS FIRST) - 1 >= ${n} - round(${n} * ${f})`;
  } else {
    // Whole groups, in hash order, until the test side holds about testFraction of the rows.
    await db.run(`CREATE TABLE __groups AS
      SELECT __by AS g, (sum(count(*)) OVER (ORDER BY min(__gu), min(CAST(__by AS VARCHAR)) ROWS UNBOUNDED PRECEDING) - count(*) / 2.0) < ${n} * ${f} AS is_test
      FROM __rows GROUP BY __by`);
    const [{ groups, tests }] = await db.all<{ groups: number; tests: number }>('SELECT count(*) AS groups, count_if(is_test) AS tests FROM __groups');
    if (groups < 2) throw new DatasetError(`split.by "${spec.split.by}" has ${groups} group(s); a group split needs at least 2`);
    if (tests === 0 || tests === groups) {
      // Few groups: force the first group in hash order to test and the others to train.
      await db.run(`UPDATE __groups SET is_test = (g IS NOT DISTINCT FROM (SELECT __by FROM __rows ORDER BY __gu, CAST(__by AS VARCHAR) LIMIT 1))`);
    }
    isTest = `(SELECT is_test FROM __groups WHERE g IS NOT DISTINCT FROM __rows.__by)`;
  }
  // A narrow table of (row, id, side): the wide rows are joined back by rowid when written.
  await db.run(`CREATE TABLE __assign AS
    SELECT rowid AS rid, row_number() OVER (ORDER BY __h, ${tie}) AS __id, ${isTest} AS __test FROM __rows`).catch(rethrow);

  const [{ train, test }] = await db.all<{ train: number; test: number }>('SELECT count_if(NOT __test) AS train, count_if(__test) AS test FROM __assign');
  if (train === 0 || test === 0) throw new DatasetError(`the ${strategy} split left ${train} train and ${test} test rows; both sides need rows`);

  const id = `a.__id AS ${quoteIdent(idColumn)}`;
  const tgt = `r.__target AS ${quoteIdent(spec.target.name)}`;
  const feat = cols.length ? `, ${cols.map((c) => `r.${c}`).join(', ')}` : '';
  const from = (side: 'train' | 'test'): string => `FROM __rows r JOIN __assign a ON r.rowid = a.rid WHERE ${side === 'test' ? '' : 'NOT '}a.__test`;
  const copy = async (query: string, file: string): Promise<void> => {
    await db.run(`COPY (${query}) TO ${quoteLiteral(join(staging, file))} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`).catch(rethrow);
  };
  await copy(`SELECT ${id}${feat}, ${tgt} ${from('train')} ORDER BY a.__id`, 'public/train.csv');
  await db.run(`CREATE TABLE __split AS SELECT a.__id, a.__test, r.__target${feat} ${from('test')}`);
  await copy(`SELECT __id AS ${quoteIdent(idColumn)}${cols.length ? ', ' + cols.join(', ') : ''} FROM __split ORDER BY __id`, 'public/test.csv');
  await copy(`SELECT __id AS ${quoteIdent(idColumn)}, __target AS ${quoteIdent(spec.target.name)} FROM __split ORDER BY __id`, 'private/answers.csv');

  const isClassification = CLASSIFICATION.includes(spec.objective);
  let classes: string[] | undefined;
  if (isClassification) {
    const rows = await db.all<{ c: string }>('SELECT DISTINCT CAST(__target AS VARCHAR) AS c FROM __rows');
    classes = sortLabels(rows.map((r) => r.c));
  }
  const prediction = await constantPredictions(db, spec.submission.predictionColumns, spec.objective, classes ?? spec.submission.classes);
  await copy(`SELECT __id AS ${quoteIdent(idColumn)}${prediction.map((p) => `, ${p}`).join('')} FROM __split ORDER BY __id`, 'public/sample_submission.csv');
  return { rows: { train, test }, ...(classes ? { classes } : {}) };
}

/** Constant, valid predictions: the train prior or uniform probabilities, the majority class, the mean. */
async function constantPredictions(db: DuckDbSession, columns: SubmissionColumn[], objective: Objective, classes?: string[]): Promise<string[]> {
  const classification = CLASSIFICATION.includes(objective);
  const [stats] = await db.all<{ mode: string | null; mean: number | null; n: number }>(
    `WITH tr AS (SELECT r.__target FROM __rows r JOIN __assign a ON r.rowid = a.rid WHERE NOT a.__test)
     SELECT (SELECT CAST(__target AS VARCHAR) FROM tr GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS mode,
            ${classification ? 'NULL' : 'avg(CAST(__target AS DOUBLE))'} AS mean, count(*) AS n FROM tr`,
  );
  const prior = new Map<string, number>();
  if (classification) {
    const rows = await db.all<{ c: string; p: number }>(
      `SELECT CAST(r.__target AS VARCHAR) AS c, count(*) / sum(count(*)) OVER () AS p FROM __rows r JOIN __assign a ON r.rowid = a.rid WHERE NOT a.__test GROUP BY 1`,
    );
    for (const r of rows) prior.set(r.c, r.p);
  }
  return columns.map((col) => {
    const name = quoteIdent(col.name);
    if (col.type === 'probability') {
      const k = Math.max(2, classes?.length ?? 2);
      const p = prior.has(col.name) ? prior.get(col.name)! : objective === 'binary' && columns.length === 1 ? prior.get(classes?.[1] ?? '1') ?? 0.5 : 1 / k;
      return `${p.toFixed(6)}::DOUBLE AS ${name}`;
    }
    if (classification || col.type === 'string' || col.type === 'label-list') {
      const mode = stats.mode ?? '';
      if (col.type === 'number' || col.type === 'integer') {
        const num = Number(mode);
        return `${Number.isFinite(num) ? num : 0} AS ${name}`;
      }
      return `${quoteLiteral(mode)} AS ${name}`;
    }
    const mean = stats.mean ?? 0;
    return col.type === 'integer' ? `${Math.round(mean)} AS ${name}` : `${Number(mean.toFixed(6))}::DOUBLE AS ${name}`;
  });
}

/** Numeric labels sort by value, others by code point. */
export function sortLabels(labels: string[]): string[] {
  const numeric = labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)));
  return [...labels].sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
}

function rethrow(err: unknown): never {
  if (err instanceof DatasetError) throw err;
  throw new DatasetError(`materializing the split failed: ${(err as Error).message.split('\n')[0]}`, { cause: err });
}
