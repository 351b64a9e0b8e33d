// Writes a forecasting task's files from its spec: the last H observed steps of every series are
// the test set, everything before is train. Ids are "<series key>|<time>" (the time alone for one
// series); files are sorted by series key and time, so a rebuild is byte-identical.
import { mkdir, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { DatasetError, type TaskSpec } from '@mle-smith/core';
import { quoteIdent, quoteLiteral, withDuckDb, type DuckDbSession } from '@mle-smith/data';
import { scaleSql } from './planner.js';
import { OBSERVED, SINGLE_SERIES_KEY, seriesRelationSql, timeseriesOf } from './series-sql.js';

/** Extra columns of private/answers.csv the forecasting metrics read (metric params seriesColumn / scaleColumn). */
export const SERIES_COLUMN = 'series';
export const SCALE_COLUMN = 'scale';

export interface ForecastSplitResult {
  rows: { train: number; test: number };
  series: number;
}

const FILES = ['public/train.csv', 'public/test.csv', 'public/sample_submission.csv', 'private/answers.csv'];

export async function materializeForecastSplit(spec: TaskSpec, opts: { rawDir: string; outDir: string }): Promise<ForecastSplitResult> {
  const outDir = resolve(opts.outDir);
  await mkdir(dirname(outDir), { recursive: true });
  const staging = join(dirname(outDir), `.${basename(outDir)}.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(join(staging, 'public'), { recursive: true });
  await mkdir(join(staging, 'private'), { recursive: true });
  try {
    const result = await withDuckDb((db) => writeFiles(db, spec, staging), { readOnlyRawDir: opts.rawDir, writableDirs: [staging] });
    for (const file of FILES) {
      await mkdir(dirname(join(outDir, file)), { recursive: true });
      await rename(join(staging, file), join(outDir, file));
    }
    return result;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function writeFiles(db: DuckDbSession, spec: TaskSpec, staging: string): Promise<ForecastSplitResult> {
  const ts = timeseriesOf(spec);
  const h = ts.horizon;
  if (!(Number.isInteger(h) && h >= 1)) throw new DatasetError(`spec ${spec.id}: timeseries.horizon must be a positive integer, got ${h}`);
  const relation = await seriesRelationSql(db, spec);
  const dup = await db.all<{ key: string; time: string }>(`SELECT __key AS key, __time AS time FROM (${relation}) GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2 LIMIT 1`);
  if (dup.length) throw new DatasetError(`table "${spec.table}": series ${dup[0].key} has two rows at time ${dup[0].time}`);
  const observed = `(SELECT * FROM (${relation}) WHERE ${OBSERVED})`;
  const short = await db.all<{ key: string; n: number }>(`SELECT __key AS key, count(*) AS n FROM ${observed} GROUP BY 1 HAVING count(*) <= ${2 * h} ORDER BY 1 LIMIT 1`);
  if (short.length) throw new DatasetError(`table "${spec.table}": series ${short[0].key} has ${short[0].n} observed steps, too few for a horizon of ${h} (needs more than ${2 * h})`);

  const single = ts.seriesColumns.length === 0;
  const id = single ? '__time' : `__key || '|' || __time`;
  const metric = spec.metric.name;
  await db.run(
    `CREATE TEMP TABLE __ranked AS SELECT *, ${id} AS __id, row_number() OVER (PARTITION BY __key ORDER BY __time DESC) AS __back FROM ${observed}`,
  );
  await db.run(`CREATE TEMP TABLE __scale AS ${scaleSql('__ranked', h, Number(spec.metric.params?.seasonalPeriod ?? ts.seasonalPeriod ?? 1), metric)}`);

  const target = quoteIdent(spec.target.name);
  const inputs = [ts.timeColumn, ...ts.seriesColumns, ...spec.features.filter((f) => !ts.seriesColumns.includes(f))].map(quoteIdent);
  const idCol = quoteIdent(spec.submission.idColumn);
  const order = 'ORDER BY __key, __time';
  const copy = (select: string, file: string) => db.run(`COPY (${select}) TO ${quoteLiteral(join(staging, file))} (FORMAT CSV, HEADER)`);
  await copy(`SELECT __id AS ${idCol}, ${[...inputs, `__y AS ${target}`].join(', ')} FROM __ranked WHERE __back > ${h} ${order}`, 'public/train.csv');
  await copy(`SELECT __id AS ${idCol}, ${inputs.join(', ')} FROM __ranked WHERE __back <= ${h} ${order}`, 'public/test.csv');
  // The placeholder forecast is each series' training mean: valid, and no baseline of the ladder.
  await copy(
    `SELECT r.__id AS ${idCol}, m.mean AS ${target} FROM __ranked r JOIN (SELECT __key, avg(__y) AS mean FROM __ranked WHERE __back > ${h} GROUP BY __key) m USING (__key) WHERE r.__back <= ${h} ORDER BY r.__key, r.__time`,
    'public/sample_submission.csv',
  );
  await copy(
    `SELECT r.__id AS ${idCol}, r.__y AS ${target}, r.__key AS ${quoteIdent(SERIES_COLUMN)}, s.scale AS ${quoteIdent(SCALE_COLUMN)} FROM __ranked r JOIN __scale s USING (__key) WHERE r.__back <= ${h} ORDER BY r.__key, r.__time`,
    'private/answers.csv',
  );
  const counts = await db.all<{ train: number; test: number; series: number }>(
    `SELECT count(*) FILTER (WHERE __back > ${h}) AS train, count(*) FILTER (WHERE __back <= ${h}) AS test, count(DISTINCT __key) AS series FROM __ranked`,
  );
  await db.run('DROP TABLE __ranked');
  await db.run('DROP TABLE __scale');
  const c = counts[0];
  return { rows: { train: Number(c.train), test: Number(c.test) }, series: Number(c.series) };
}

export { SINGLE_SERIES_KEY };
