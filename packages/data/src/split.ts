// Writes a task's split from its declarative TaskSpec: the framework, not the designer, decides
// which raw row lands where. Assignment hashes a stable row key with the seed, so it depends
// neither on row order nor on the machine; ids come from a second hash, so they reveal neither
// the original order nor the target. Output CSVs are sorted by id and byte-identical across runs.
import { DatasetError } from '@mle-smith/core';
import type { Objective, SubmissionColumn, TaskSpec } from '@mle-smith/core';
import { loadDuckDb } from './duckdb-module.js';
import { mkdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { withDuckDb, type DuckDbSession } from './session.js';
import { EXTREME_MAGNITUDE, isFloatType, isNumericType, quoteIdent, quoteLiteral } from './sql.js';

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
/**
 * Random splits of up to this many rows take exactly round(rows × testFraction) test rows; above
 * it each row is a test row when its hash falls below testFraction (off by well under 1%, and no
 * extra sort of a large table).
 */
const EXACT_RANDOM_ROWS = 100_000;

/**
 * The private copy of a derived target's numeric source column for the train rows (id, source).
 * A label derived from a column (`total > median`) hides that column, but features that leak the
 * column leak the label too; the leakage rules read this file to check features against it.
 */
export const TARGET_SOURCE_FILE = 'private/target-source.csv';

/** The one numeric raw column a derived target is computed from, if it has exactly one. */
function derivedSource(spec: TaskSpec, schema: Array<{ column_name: string; column_type: string }>): string | undefined {
  const sources = spec.target.sourceColumns ?? [];
  if (sources.length !== 1 || sources[0] === spec.target.name) return undefined;
  const type = schema.find((c) => c.column_name === sources[0])?.column_type;
  return type && isNumericType(type) ? sources[0] : undefined;
}

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
      // in memory (spilled to the session's temp folder under pressure): a table in a database
      // file is compressed as it is written, which costs more than the spill
      preserveInsertionOrder: true,
      // the split tunes its threads between statements (below); the spec's SQL only ever runs
      // inside this file's statements as checked single expressions, which cannot SET anything
      lockConfiguration: false,
    });
    // Publish file by file: each rename is atomic, and nothing half-written is ever visible.
    const files = ['public/train.csv', 'public/test.csv', 'public/sample_submission.csv', 'private/answers.csv'];
    if (result.targetSource) files.push(TARGET_SOURCE_FILE);
    for (const file of files) {
      await mkdir(dirname(join(outDir, file)), { recursive: true });
      await rename(join(staging, file), join(outDir, file));
    }
    return { rows: result.rows, ...(result.classes ? { classes: result.classes } : {}) };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function writeSplit(db: DuckDbSession, spec: TaskSpec, staging: string): Promise<SplitResult & { targetSource?: string }> {
  const table = spec.table;
  const views = await db.all<{ name: string }>(`SELECT view_name AS name FROM duckdb_views() WHERE NOT internal ORDER BY 1`);
  if (!views.some((v) => v.name === table)) {
    throw new DatasetError(`spec.table "${table}" is not a table of the dataset (tables: ${views.map((v) => v.name).join(', ')})`);
  }
  const t = quoteIdent(table);
  const schema = await db.all<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${t}`);
  const raw = schema.map((c) => c.column_name);
  const rawSet = new Set(raw);
  const needColumn = (where: string, c: string): void => {
    if (!rawSet.has(c)) throw new DatasetError(`${where}: column "${c}" is not in table ${table}`);
  };
  spec.rowKey.forEach((c) => needColumn('spec.rowKey', c));
  spec.features.forEach((c) => needColumn('spec.features', c));

  const { StatementType } = await loadDuckDb();
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

  /** Values joined by U+001F, NULL as U+001E: the text a row key is hashed from. */
  const canon = (cols: string[]): string => {
    const parts = cols.map((c) => `coalesce(CAST(${c} AS VARCHAR), chr(30))`);
    return parts.length === 1 ? parts[0] : `concat_ws(chr(31), ${parts.join(', ')})`;
  };
  const seed = quoteLiteral(String(spec.split.seed));
  const keyCanon = canon((spec.rowKey.length > 0 ? spec.rowKey : raw).map(quoteIdent));
  /** The top 53 bits of a 128-bit md5 number as a fraction in [0, 1): stable on every machine. */
  const topFraction = (md5: string): string => `(CAST(${md5} >> 75 AS UBIGINT)::DOUBLE / 9007199254740992.0)`;
  const fraction = (hashInput: string): string => topFraction(`md5_number(${hashInput})`);
  const strategy = spec.split.strategy;
  let by = 'NULL';
  if (strategy === 'stratified') by = spec.split.by ? await columnOrExpr('split.by', spec.split.by) : target;
  if (strategy === 'group' || strategy === 'time') {
    if (!spec.split.by) throw new DatasetError(`split.by is required for a ${strategy} split`);
    by = await columnOrExpr('split.by', spec.split.by);
  }
  const groupKey = strategy === 'group' ? `coalesce(CAST(${by} AS VARCHAR), chr(30))` : 'NULL';
  const cols = [...features, ...derived.map((d) => d.name)].map(quoteIdent);

  // One scan of the raw table into a table of the in-memory session (uncompressed, spilled to the
  // session's temp folder under memory pressure) physically sorted by side (train first), then by
  // the id hash, so rowid + 1 is the public id (train 1…T, test T+1…N) and every file below is a
  // plain ordered scan of one contiguous range (no join, no re-sort, no skipping over the other
  // side's rows). The public columns become their CSV text (`__line`) before the sort: that work
  // runs on every thread, and the sort carries one string instead of every column, so the ordered
  // writes only copy lines.
  //
  // Feature values of a CSV table are copied as written in the file (quoted where CSV needs it):
  // the scan reads every column as text and casts to the column's type only what the key, the
  // target, the filter and the split read (DuckDB prunes the unused casts). Printing parsed numbers
  // again cost ~70% of the split on wide numeric tables, and it rewrote values the user wrote
  // (`.28` became `0.28`, `1.50` became `1.5`). Derived features, the target and other formats are
  // DuckDB's text of the value. If a cast from text fails where DuckDB's CSV reader parsed the file
  // (a date format it sniffed, say), the split falls back to printing every value.
  const textSource = db.tables.find((x) => x.name === table)?.textSource;
  const textOf = new Map(raw.map((c, i) => [c, `__text_${i}`]));
  const textRelation =
    textSource &&
    `(SELECT ${schema.map((c) => `${c.column_type === 'VARCHAR' ? textOf.get(c.column_name) : `CAST(${textOf.get(c.column_name)} AS ${c.column_type})`} AS ${quoteIdent(c.column_name)}`).join(', ')}, ` +
      `${raw.map((c) => textOf.get(c)).join(', ')} FROM (SELECT ${raw.map((c) => `${quoteIdent(c)} AS ${textOf.get(c)}`).join(', ')} FROM ${textSource}))`;
  const keyed = `${keyCanon} || ':' || ${seed}`;
  const sourceColumn = derivedSource(spec, schema);
  const inner = [
    ...features.map((c) => `${quoteIdent(c)} AS ${quoteIdent(c)}`),
    ...derived.map((d) => `${d.expr} AS ${quoteIdent(d.name)}`),
    `${target} AS __target`,
    `${sourceColumn ? `CAST(${quoteIdent(sourceColumn)} AS DOUBLE)` : 'NULL'} AS __source`,
    `md5_number(${keyed}) AS __m`,
    `${by} AS __by`,
    strategy === 'group' ? `${fraction(`${groupKey} || ':' || ${seed}`)} AS __gu` : `0 AS __gu`,
  ];
  const innerSql = `SELECT ${inner.join(', ')} FROM ${t} WHERE ${filter}`;
  const types = new Map(
    (await db.all<{ column_name: string; column_type: string }>(`DESCRIBE ${innerSql}`).catch(rethrow)).map((c) => [c.column_name, c.column_type]),
  );
  // A float target that is NaN, ±Infinity or past 1e100 cannot be graded (nor averaged): dropped like NULL.
  const gradable = isFloatType(types.get('__target') ?? '') ? `abs(__target) <= ${EXTREME_MAGNITUDE}` : '__target IS NOT NULL';
  const printed = [...features.map((c) => csvField(quoteIdent(c), types.get(c) ?? 'VARCHAR')), ...derived.map((d) => csvField(quoteIdent(d.name), types.get(d.name) ?? 'VARCHAR'))];
  const asWritten = [
    // a number's text as written never needs quoting (it parsed as a number)
    ...features.map((c) => (isNumericType(types.get(c) ?? '') ? textOf.get(c)! : csvField(textOf.get(c)!, 'VARCHAR'))),
    ...printed.slice(features.length),
  ];
  // the tie hash (below) reads what each line prints, so rows printing different lines never tie
  const source = (asText: boolean) =>
    asText && textRelation
      ? {
          fields: asWritten,
          tieColumns: [...features.map((c) => textOf.get(c)!), ...derived.map((d) => quoteIdent(d.name))],
          sql: `SELECT ${[...inner, ...features.map((c) => textOf.get(c))].join(', ')} FROM ${textRelation} WHERE ${filter}`,
        }
      : { fields: printed, tieColumns: cols, sql: innerSql };
  let asText = Boolean(textRelation);
  const f = spec.split.testFraction;
  const isTest = (tie: string): string => {
    if (strategy === 'random') return `__u < ${f}`;
    if (strategy === 'stratified') return `row_number() OVER (PARTITION BY __by ORDER BY __u, __h, ${tie}) <= round(count(*) OVER (PARTITION BY __by) * ${f})`;
    // The latest rows by split.by; rows with equal values stay on one side.
    if (strategy === 'time') return `rank() OVER (ORDER BY __by NULLS FIRST) - 1 >= count(*) OVER () - round(count(*) OVER () * ${f})`;
    // Whole groups in hash order, until the test side holds about testFraction of the rows:
    // a group is test when its midpoint in the cumulative row count falls below the target.
    return (
      `(count(*) OVER (ORDER BY __gu, CAST(__by AS VARCHAR) RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) ` +
      `- count(*) OVER (PARTITION BY __by) / 2.0) < count(*) OVER () * ${f}`
    );
  };
  /**
   * Rows sharing a key (a non-unique rowKey) are ordered by a hash of their public content, so
   * only rows that print the same line are left in an arbitrary, invisible order.
   */
  const build = async (withTie: boolean): Promise<void> => {
    const { fields, tieColumns, sql } = source(asText);
    const tie = withTie ? `, md5(${canon([...tieColumns, '__target'])}) AS __tie` : '';
    // concat reads NULL as empty text, which is how the CSV writer prints a missing value
    const line = fields.length ? `concat(${fields.join(", ',', ")})` : `''`;
    await db.run('DROP TABLE IF EXISTS __rows');
    try {
      await db.run(
        `CREATE TABLE __rows AS SELECT *, ${isTest(withTie ? '__tie' : "''")} AS __test FROM (` +
          // One md5 per row: its top 53 bits decide the side, its low 64 bits the id order.
          `SELECT ${line} AS __line, __target, __source, __by, __gu, ${topFraction('__m')} AS __u, CAST(__m & 18446744073709551615::UHUGEINT AS UBIGINT) AS __h${tie} ` +
          `FROM (${sql}) WHERE ${gradable}) ORDER BY __test, __h${withTie ? ', __tie' : ''}`,
      );
    } catch (err) {
      if (!asText) rethrow(err);
      asText = false; // a cast from the file's text failed: print the values DuckDB's reader parsed
      await build(withTie);
    }
  };
  await build(false);
  const stats = async () =>
    (await db.all<{ n: number; keys: number; test: number; groups: number }>(
      // __rows is in (__test, __h) order, so rows sharing a key on one side are neighbours: no hash
      // table of every key. (Rows sharing a key on different sides need no order between them.)
      `SELECT count(*) AS n, count(*) - count_if(__h = __prev) AS keys, count_if(__test) AS test, ` +
        `${strategy === 'group' ? 'count(DISTINCT coalesce(CAST(__by AS VARCHAR), chr(30)))' : '0'} AS groups ` +
        `FROM (SELECT __h, __test, __by, lag(__h) OVER () AS __prev FROM __rows)`,
    ))[0];
  let { n, keys, test, groups } = await stats();
  if (n < 2) throw new DatasetError(`only ${n} row(s) left after the filter and dropping missing or non-finite targets; a split needs at least 2`);
  const tied = keys < n;
  if (tied) {
    await build(true);
    ({ n, test, groups } = await stats());
  }
  if (strategy === 'group') {
    if (groups < 2) throw new DatasetError(`split.by "${spec.split.by}" has ${groups} group(s); a group split needs at least 2`);
    if (test === 0 || test === n) {
      // A dominant group: put the first group in hash order on the test side, the rest in train.
      await reassignSides(db, `__by IS NOT DISTINCT FROM (SELECT __by FROM __rows ORDER BY __gu, CAST(__by AS VARCHAR) LIMIT 1)`, tied);
      ({ n, test } = await stats());
    }
  }
  if (strategy === 'random' && n <= EXACT_RANDOM_ROWS && test !== Math.round(n * f)) {
    // The rows with the smallest hashes (the same rows `__u < f` picks when it hits the count).
    // On a small table the binomial spread of `__u < f` is many rows (60 rows at 0.34: 20 ± 4),
    // and a test side short of its minimum fails verification for no reason.
    await reassignSides(db, `row_number() OVER (ORDER BY __u, __h${tied ? ', __tie' : ''}) <= ${Math.round(n * f)}`, tied);
    ({ n, test } = await stats());
  }
  const train = n - test;
  if (train === 0 || test === 0) throw new DatasetError(`the ${strategy} split left ${train} train and ${test} test rows; both sides need rows`);

  // The session preserves insertion order, so these scans come out in rowid (= id) order. With
  // more than one thread an ordered COPY gathers the threads' batches to put them back in order,
  // which under the memory limit costs more than it saves (train: ~1 s on one thread, ~2 s on
  // two, and ~90 MB more): every file is written on one thread, train on this connection while
  // a second one writes the test-side files.
  const summary = await summarizeTarget(db, CLASSIFICATION.includes(spec.objective));
  const classes = summary.classes;
  const prediction = constantPredictions(summary, spec.submission.predictionColumns, spec.objective, classes ?? spec.submission.classes);
  await db.run('SET threads = 1');
  const second = await db.connect();
  const copy = async (on: DuckDbSession, query: string, file: string): Promise<void> => {
    await on.run(`COPY (${query}) TO ${quoteLiteral(join(staging, file))} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"')`).catch(rethrow);
  };
  /** Pre-formatted lines: the single column's name is the header line, written unquoted. */
  const copyLines = async (on: DuckDbSession, fields: string[], names: string[], rows: string, file: string): Promise<void> => {
    const header = names.map(csvHeaderName).join(',');
    await on
      .run(`COPY (SELECT concat(${fields.join(", ',', ")}) AS ${quoteIdent(header)} FROM __rows WHERE ${rows}) TO ${quoteLiteral(join(staging, file))} (FORMAT csv, HEADER true, QUOTE '', ESCAPE '')`)
      .catch(rethrow);
  };
  const featNames = [...features, ...derived.map((d) => d.name)];
  const idText = 'CAST(rowid + 1 AS VARCHAR)';
  const targetText = csvField('__target', types.get('__target') ?? 'VARCHAR');
  const [trainRows, testRows] = [`rowid < ${train}`, `rowid >= ${train}`];
  const testId = `rowid + 1 AS ${quoteIdent(idColumn)}`;
  await Promise.all([
    copyLines(db, [idText, ...(cols.length ? ['__line'] : []), targetText], [idColumn, ...featNames, spec.target.name], trainRows, 'public/train.csv'),
    (async () => {
      await copyLines(second, [idText, ...(cols.length ? ['__line'] : [])], [idColumn, ...featNames], testRows, 'public/test.csv');
      await copy(second, `SELECT ${testId}, __target AS ${quoteIdent(spec.target.name)} FROM __rows WHERE ${testRows}`, 'private/answers.csv');
      await copy(second, `SELECT ${testId}${prediction.map((p) => `, ${p}`).join('')} FROM __rows WHERE ${testRows}`, 'public/sample_submission.csv');
    })(),
  ]);
  if (sourceColumn) {
    await copy(db, `SELECT rowid + 1 AS ${quoteIdent(idColumn)}, __source AS ${quoteIdent(sourceColumn)} FROM __rows WHERE ${trainRows}`, TARGET_SOURCE_FILE);
  }
  return { rows: { train, test }, ...(classes ? { classes } : {}), ...(sourceColumn ? { targetSource: sourceColumn } : {}) };
}

/** Sets each row's side from an expression over __rows, then sorts __rows again (train first, then in id order). */
async function reassignSides(db: DuckDbSession, isTest: string, tied: boolean): Promise<void> {
  await db.run(`CREATE TABLE __sorted AS SELECT * FROM (SELECT * REPLACE (${isTest} AS __test) FROM __rows) ORDER BY __test, __h${tied ? ', __tie' : ''}`);
  await db.run('DROP TABLE __rows');
  await db.run('ALTER TABLE __sorted RENAME TO __rows');
}

interface TargetSummary {
  /** Classification: every label (sorted), the most frequent in train (ties: the smallest text), train priors. */
  classes?: string[];
  mode: string | null;
  prior: Map<string, number>;
  /** Other objectives: the train mean (and mode). */
  mean: number | null;
}

/** What the sample submission needs to know about the target, in one pass over __rows. */
async function summarizeTarget(db: DuckDbSession, classification: boolean): Promise<TargetSummary> {
  if (!classification) {
    const [row] = await db.all<{ mode: string | null; mean: number | null }>(
      `WITH tr AS (SELECT __target FROM __rows WHERE NOT __test)
       SELECT (SELECT CAST(__target AS VARCHAR) FROM tr GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1) AS mode, avg(CAST(__target AS DOUBLE)) AS mean FROM tr`,
    );
    return { mode: row.mode, prior: new Map(), mean: row.mean };
  }
  const rows = await db.all<{ c: string; k: number; p: number }>(
    `SELECT c, k, k / sum(k) OVER () AS p FROM (SELECT CAST(__target AS VARCHAR) AS c, count(*) FILTER (WHERE NOT __test) AS k FROM __rows GROUP BY 1) ORDER BY k DESC, c`,
  );
  const inTrain = rows.filter((r) => Number(r.k) > 0);
  return { classes: sortLabels(rows.map((r) => r.c)), mode: inTrain[0]?.c ?? null, prior: new Map(inTrain.map((r) => [r.c, r.p])), mean: null };
}

/** Constant, valid predictions: the train prior or uniform probabilities, the majority class, the mean. */
function constantPredictions(stats: TargetSummary, columns: SubmissionColumn[], objective: Objective, classes?: string[]): string[] {
  const classification = CLASSIFICATION.includes(objective);
  const prior = stats.prior;
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

/** Types whose text never holds a delimiter, quote, '#' or line break: printed as is. */
const isPlainType = (type: string): boolean => isNumericType(type) || type === 'BOOLEAN' || type === 'DATE';

/**
 * One value as DuckDB's CSV writer (delimiter ',', quote '"') prints it: NULL as nothing, the
 * VARCHAR cast otherwise, quoted (with '"' doubled) when empty or holding ',', '"', '#', CR or LF.
 */
function csvField(expr: string, type: string): string {
  const v = `CAST(${expr} AS VARCHAR)`;
  if (isPlainType(type)) return `coalesce(${v}, '')`;
  return (
    `CASE WHEN ${v} IS NULL THEN '' WHEN ${v} = '' OR contains(${v}, ',') OR contains(${v}, '"') OR contains(${v}, '#') ` +
    `OR contains(${v}, chr(10)) OR contains(${v}, chr(13)) THEN '"' || replace(${v}, '"', '""') || '"' ELSE ${v} END`
  );
}

/** A header name as DuckDB's CSV writer prints it (same quoting rule as values). */
function csvHeaderName(name: string): string {
  return name === '' || /[,"#\r\n]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
}

function rethrow(err: unknown): never {
  if (err instanceof DatasetError) throw err;
  throw new DatasetError(`materializing the split failed: ${(err as Error).message.split('\n')[0]}`, { cause: err });
}
