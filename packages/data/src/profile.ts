// Profiles a dataset folder: every table and column, with a fixed number of aggregate scans per
// table (batched over columns for wide tables). Nothing is pulled into JS but aggregates.
import { DatasetError } from '@mle-smith/core';
import type { CandidateTarget, ColumnProfile, DatasetDocumentation, DatasetFile, DatasetProfile, DatasetProfiler, InferredType, TableProfile } from '@mle-smith/core';
import { readFile } from 'node:fs/promises';
import { basename, posix } from 'node:path';
import { withDuckDb, type DuckDbSession } from './session.js';
import { discoverDataset, type DiscoveredDataset, type TableSource } from './discover.js';
import { describeCsvError } from './csv-dialect.js';
import { mediaKindOf, stemOf } from './file-kind.js';
import { EXTREME_MAGNITUDE, isFloatType, isIntegerType, isNumericType, momentValue, quoteIdent, quoteLiteral } from './sql.js';
import { sha256File } from './checksum.js';
import { candidateTargets, looksLikeGroupName, type ClassStats } from './targets.js';
import { documentationFor, randomEffectGroups, readDocumentation } from './documentation.js';
import { columnRole, describedAsUnits, gatherRoleEvidence } from './roles.js';
import { probePredictability, type Predictability } from './probe.js';
import { findTimeIndex, seriesCandidates } from './time-index.js';

/** Columns per aggregate query: keeps SQL text and per-query state small for wide tables. */
const BATCH = 100;
/** Rows the planning look reads, and the distinct count there under which a column gets an exact histogram. */
const SAMPLE_ROWS = 50_000;
const SAMPLE_HISTOGRAM_MAX = 2_000;
const TOP_K = 10;
/** Above this many rows a table is profiled from one cheap full scan plus a deterministic sample. */
export const LARGE_TABLE_ROWS = 200_000;
/** Target size of that sample (rows chosen by a hash of their values, so independent of row order). */
const PROFILE_SAMPLE_ROWS = 100_000;
/** A sample drawn during the scan from a size-based row estimate is redrawn when smaller than this. */
const MIN_SAMPLE_ROWS = 20_000;
/** Few-valued columns (in the planning look) keep an exact full-table histogram even when sampled. */
const EXACT_CLASS_MAX = 50;
const MEDIA_RE = '\\.(png|jpe?g|gif|bmp|webp|tiff?|wav|mp3|flac|ogg|m4a|aac|txt|md|html|xml)$';
const ID_NAME = /(^|_)(id|key|uuid|guid|idx|index|identifier|row_?num(ber)?|record_?(id|no))$|^(id|uuid|guid|index|idx)_|^unnamed_?0$/i;

export interface ProfileOptions {
  name?: string;
  /** Hears each table file before it is read or profiled. */
  onFile?: (file: string) => void;
}

export async function profileDataset(dir: string, opts: ProfileOptions = {}): Promise<DatasetProfile> {
  return withDuckDb(
    async (db) => {
      const ds = await discoverDataset(db, dir, opts.onFile);
      // Hash files on the JS thread while DuckDB's threads aggregate.
      const hashing = (async () => {
        const files: DatasetFile[] = [];
        for (const f of ds.files) files.push({ path: f.path, bytes: f.bytes, sha256: await sha256File(f.abs) });
        return files;
      })();
      hashing.catch(() => undefined);
      const doc = await readDocumentation(ds.files);
      const tables: TableProfile[] = [];
      for (const t of ds.tables) {
        opts.onFile?.(t.file);
        tables.push(await profileTable(db, t, ds, doc));
      }
      const files = await hashing;
      const notes = await readNotes(ds);
      const name = opts.name ?? (ds.files.length === 1 && ds.root !== dir ? stemOf(basename(dir)) : basename(ds.root));
      const documentation = doc && documentationFor(doc, tables.flatMap((t) => t.columns.map((c) => c.name)));
      return { name, dir: ds.root, tables, media: ds.media, files, ...notes, ...(documentation ? { documentation } : {}) };
    },
    { preserveInsertionOrder: false, onDisk: true },
  );
}

export const duckDbProfiler: DatasetProfiler = { profile: (dir) => profileDataset(dir) };

interface ColumnStats {
  nn: number;
  approxDistinct: number;
  min: unknown;
  max: unknown;
  mean: number | null;
  std: number | null;
  lenMean: number | null;
  lenMax: number | null;
  mediaLike: number;
  trues: number;
  /** Float columns: NaN/±Infinity values, and finite values above EXTREME_MAGNITUDE. */
  nonFinite: number;
  extreme: number;
  /** Exact count(DISTINCT), computed for key candidates only. */
  exactDistinct: number | null;
  /** The smallest values (for unique columns, whose top values all have count 1). */
  smallest: unknown[] | null;
}

async function topByGroup(db: DuckDbSession, tmp: string, name: string): Promise<ColumnProfile['topValues']> {
  const c = quoteIdent(name);
  const top = await db.all<{ v: unknown; n: number }>(
    `SELECT ${c} AS v, count(*) AS n FROM ${tmp} WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${TOP_K}`,
  );
  return top.map((r) => ({ value: topValue(r.v), count: Number(r.n) }));
}

async function profileTable(db: DuckDbSession, t: TableSource, ds: DiscoveredDataset, doc: DatasetDocumentation | undefined): Promise<TableProfile> {
  const fail = (err: unknown): never => {
    if (err instanceof DatasetError) throw err;
    throw new DatasetError(describeCsvError((err as Error).message), { file: t.file, cause: err });
  };
  // Narrow tables are scanned straight from the file (one full scan of aggregates); wide ones
  // are loaded once into the disk-backed session, so each batch of columns reads only its own.
  const wide = t.format !== 'parquet' && (await db.all(`DESCRIBE SELECT * FROM ${t.source}`).catch(fail)).length > BATCH;
  const tmp = quoteIdent(`__profile_${t.name}`);
  if (wide) await db.run(`CREATE OR REPLACE TABLE ${tmp} AS SELECT * FROM ${t.source}`).catch(fail);
  else await db.run(`CREATE OR REPLACE TEMP VIEW ${tmp} AS SELECT * FROM ${t.source}`).catch(fail);
  let sample: string | undefined;
  try {
    const schema = await db.describe(`SELECT * FROM ${tmp}`).catch(fail);
    // A cheap look at the first rows decides which exact aggregates each column gets in the
    // full scan: value histograms for few distinct values, exact distinct counts for key candidates.
    const plan = new Map<string, { histogram: boolean; exactDistinct: boolean; d: number }>();
    let planRows = 0;
    for (let i = 0; i < schema.length; i += BATCH) {
      const batch = schema.slice(i, i + BATCH).filter((c) => !isNested(c.column_type));
      if (batch.length === 0) continue;
      const [row] = await db.all<Record<string, number>>(
        `SELECT count(*) AS __rows, ${batch.map((c, j) => `count(${quoteIdent(c.column_name)}) AS n${j}, approx_count_distinct(${quoteIdent(c.column_name)}) AS d${j}`).join(', ')} ` +
          `FROM (SELECT * FROM ${tmp} LIMIT ${SAMPLE_ROWS})`,
      ).catch(fail);
      planRows = Number(row.__rows);
      const wholeTable = planRows < SAMPLE_ROWS;
      batch.forEach((c, j) => {
        const nn = Number(row[`n${j}`]);
        const d = Number(row[`d${j}`]);
        const float = c.column_type === 'DOUBLE' || c.column_type === 'FLOAT';
        // A column that is mostly empty in the first rows says little about the rest: no histogram then.
        const histogram = d <= SAMPLE_HISTOGRAM_MAX && (wholeTable || nn >= 1000);
        plan.set(c.column_name, { histogram, exactDistinct: !float && !histogram && d >= 0.9 * nn && nn > 0, d });
      });
    }

    let n = 0;
    const stats = new Map<string, ColumnStats>();
    const histograms = new Map<string, Array<{ key: unknown; value: number }>>();
    let sampled: Map<string, SampledColumn> | undefined;
    if (planRows >= SAMPLE_ROWS) {
      // Possibly large: one cheap full scan first (counts, min/max, moments, lengths). Above
      // LARGE_TABLE_ROWS the rest comes from a sample; below it the exact scan follows as for small tables.
      sample = quoteIdent(`__profile_sample_${t.name}`);
      // A plain CSV's size gives the row count ahead of the scan, so the scan can collect the sample too.
      const estimate = estimateRows(t, ds, schema.length);
      const threshold = estimate === undefined ? undefined : sampleThreshold(estimate);
      const inScan = threshold !== undefined && schema.length <= BATCH ? { table: sample, threshold } : undefined;
      n = await cheapScan(db, tmp, schema, plan, stats, histograms, inScan).catch(fail);
      if (n > LARGE_TABLE_ROWS) {
        const drawn = inScan ? Number((await db.all<{ m: number }>(`SELECT count(*) AS m FROM ${sample}`))[0].m) : 0;
        sampled = await sampleStats(db, tmp, sample, schema, n, stats, histograms, drawn >= MIN_SAMPLE_ROWS).catch(fail);
      } else {
        stats.clear();
        histograms.clear();
      }
    }
    if (!sampled && schema.length > BATCH) n = await exactStatsLong(db, tmp, schema, plan, stats, histograms).catch(fail);
    for (let i = 0; i < schema.length && !sampled && schema.length <= BATCH; i += BATCH) {
      const batch = schema.slice(i, i + BATCH);
      const parts = ['count(*) AS __n'];
      batch.forEach((c, j) => {
        const p = plan.get(c.column_name);
        parts.push(...aggregateExprs(c.column_name, c.column_type, i + j, Boolean(p?.histogram || p?.exactDistinct)));
        const q = quoteIdent(c.column_name);
        if (p?.histogram) parts.push(`histogram(${q}) AS c${i + j}_hist`);
        if (p?.exactDistinct) parts.push(`count(DISTINCT ${q}) AS c${i + j}_exact`, `min(${q}, ${TOP_K}) AS c${i + j}_smallest`);
      });
      const [row] = await db.all<Record<string, unknown>>(`SELECT ${parts.join(', ')} FROM ${tmp}`).catch(fail);
      n = Number(row.__n);
      batch.forEach((c, j) => readColumnAggregates(row, i + j, c.column_name, stats, histograms));
    }
    if (n === 0) throw new DatasetError('header only: the table has no data rows', { file: t.file });

    const columns: ColumnProfile[] = [];
    const classStats = new Map<string, ClassStats>();
    const exactUnique = new Map<string, boolean>();
    for (const c of schema) {
      const name = c.column_name;
      const type = c.column_type;
      const s = stats.get(name)!;
      const hist = histograms.get(name);
      let distinct = s.approxDistinct;
      let topValues: ColumnProfile['topValues'] = [];
      const sc = hist ? undefined : sampled?.get(name);
      if (sc) {
        distinct = sc.distinct;
        topValues = sc.topValues;
      } else if (hist) {
        distinct = hist.length;
        const entries = hist.map((e) => ({ value: topValue(e.key), count: Number(e.value) }));
        entries.sort((a, b) => b.count - a.count || compareValues(a.value, b.value));
        topValues = entries.slice(0, TOP_K);
        if (hist.length <= 50) classStats.set(name, { minClassCount: Math.min(...entries.map((e) => e.count)) });
      } else if (s.exactDistinct !== null) {
        distinct = s.exactDistinct;
        if (distinct === s.nn && s.smallest) {
          // Every value is unique: the "top" values are the smallest ones, once each.
          topValues = s.smallest.map((v) => ({ value: topValue(v), count: 1 }));
        } else {
          topValues = await topByGroup(db, tmp, name).catch(fail);
        }
      } else if (s.nn > 0 && !isNested(type) && type !== 'DOUBLE' && type !== 'FLOAT') {
        // Many distinct strings/integers that are not unique: exact top values need a grouping.
        topValues = await topByGroup(db, tmp, name).catch(fail);
      }
      if (!hist) distinct = Math.min(distinct, s.nn);
      // Sampled: "unique" means every sampled value was distinct (then the estimate is nn).
      exactUnique.set(name, s.nn > 0 && distinct === s.nn && (hist !== undefined || s.exactDistinct !== null || sc !== undefined));
      const inferredType = await inferType(db, sample ?? tmp, name, type, s, distinct, ds, t);
      const profile: ColumnProfile = {
        name,
        duckdbType: type,
        inferredType,
        missingFraction: round((n - s.nn) / n),
        distinctCount: distinct,
        uniqueness: s.nn > 0 ? round(distinct / s.nn) : 0,
        topValues,
        identifierLike: false,
      };
      if (isNumericType(type)) {
        profile.min = s.min === null ? null : Number(s.min);
        profile.max = s.max === null ? null : Number(s.max);
        profile.mean = s.mean === null ? null : round(s.mean);
        profile.std = s.std === null ? null : round(s.std);
        if (s.nonFinite > 0) profile.nonFiniteCount = s.nonFinite;
        if (s.extreme > 0) profile.extremeCount = s.extreme;
      } else if (s.min !== null || s.max !== null) {
        profile.min = s.min === null ? null : String(s.min);
        profile.max = s.max === null ? null : String(s.max);
      }
      if (type === 'VARCHAR' && s.lenMean !== null) profile.textLength = { mean: round(s.lenMean), max: s.lenMax ?? 0 };
      profile.identifierLike = identifierLike(profile, exactUnique.get(name)!, n, s);
      columns.push(profile);
    }

    const candidateKeys = columns
      .filter((c) => exactUnique.get(c.name) && c.missingFraction === 0 && c.inferredType !== 'float' && c.inferredType !== 'text')
      .map((c) => c.name);
    const tableDoc = doc && documentationFor(doc, columns.map((c) => c.name));
    const mixedModelGroups = new Set(tableDoc ? randomEffectGroups(tableDoc.text, columns.map((c) => c.name)) : []);
    const groupColumns = columns
      .filter((c) => {
        if (c.identifierLike || c.missingFraction >= 1 || c.distinctCount < 2) return false;
        if (!['integer', 'categorical'].includes(c.inferredType)) return false;
        const rowsPerGroup = (n * (1 - c.missingFraction)) / c.distinctCount;
        // By name (`subject`, `patient_id`), by what the documentation says ("the respondents in the
        // study") or by its mixed models (`(1 | Nest)`: the rows of a nest share a random effect).
        const unitDoc = c.distinctCount >= 10 && describedAsUnits(tableDoc?.columns[c.name]);
        // A yes/no column is never the unit of repeated measures, whatever its name ("hospital": hospitalised or not).
        return (looksLikeGroupName(c.name) || unitDoc || mixedModelGroups.has(c.name)) && rowsPerGroup >= 1.2 && c.distinctCount >= 3;
      })
      .map((c) => c.name);
    groupColumns.push(...panelUnits({ name: t.name, file: t.file, format: t.format, rowCount: n, columns, candidateKeys, candidateTargets: [], groupColumns, mediaColumns: [] }));
    const mediaColumns = columns
      .filter((c) => c.inferredType === 'media-path')
      .map((c) => ({ column: c.name, kind: dominantMediaKind(c) }));
    const analysed = sample !== undefined && n > LARGE_TABLE_ROWS ? sample : tmp;
    // Row order means something only in the file itself, not in a hash sample of it.
    const roleEvidence = await gatherRoleEvidence(db, analysed, columns, n, analysed === tmp, groupColumns).catch(fail);
    for (const c of columns) {
      const { role, reason } = columnRole(c, n, roleEvidence, groupColumns, tableDoc);
      c.role = role;
      c.roleReason = reason;
    }
    const evidence = { table: t.name, documentation: tableDoc, subjectAttributes: roleEvidence.subjectAttributes };
    const first = candidateTargets(columns, n, classStats, groupColumns, evidence);
    const predictability = await probeCandidates(db, analysed, columns, first, groupColumns, roleEvidence.subjectAttributes).catch(fail);
    return {
      name: t.name,
      file: t.file,
      format: t.format,
      rowCount: n,
      columns,
      candidateKeys,
      candidateTargets: candidateTargets(columns, n, classStats, groupColumns, { ...evidence, predictability }),
      groupColumns,
      mediaColumns,
    };
  } finally {
    if (sample) await db.run(`DROP TABLE IF EXISTS ${sample}`);
    await db.run(wide ? `DROP TABLE IF EXISTS ${tmp}` : `DROP VIEW IF EXISTS ${tmp}`);
  }
}

/**
 * The units of a panel: named categories (countries, states) that, with the table's time index,
 * identify the rows (a country's row per year). They are the group key of the repeated
 * measurements, as a `subject` column is — never an outcome, and the split keeps a unit together.
 */
function panelUnits(table: TableProfile): string[] {
  const time = findTimeIndex(table);
  if (!time || time.unique) return [];
  return seriesCandidates(table, time)
    .filter((c) => !table.groupColumns.includes(c.name) && (c.inferredType === 'categorical' || c.inferredType === 'text') && c.distinctCount >= 3)
    .filter((c) => c.distinctCount * time.distinctTimes >= table.rowCount && table.rowCount / c.distinctCount >= 3)
    .map((c) => c.name);
}

/** Candidates probed per table: the probe costs a few queries each. */
const MAX_PROBED = 12;

/** Predictability of the leading candidates from the columns that may be features. */
async function probeCandidates(
  db: DuckDbSession, source: string, columns: ColumnProfile[], candidates: CandidateTarget[], groupColumns: string[], subjectAttributes = new Set<string>(),
): Promise<Map<string, Predictability>> {
  const features = columns.filter((c) => c.role !== 'identifier' && c.inferredType !== 'text' && c.inferredType !== 'media-path');
  const out = new Map<string, Predictability>();
  for (const cand of candidates.slice(0, MAX_PROBED)) {
    const target = columns.find((c) => c.name === cand.column)!;
    const classTarget = cand.objective === 'binary' || cand.objective === 'multiclass';
    // The subject's key "explains" every attribute of the subject: it only repeats it.
    const usable = subjectAttributes.has(cand.column) ? features.filter((c) => !groupColumns.includes(c.name)) : features;
    out.set(cand.column, await probePredictability(db, source, target, classTarget, usable));
  }
  return out;
}

interface SampledColumn {
  distinct: number;
  topValues: ColumnProfile['topValues'];
}

type Schema = Array<{ column_name: string; column_type: string }>;

/** A hash of a row's values (its first BATCH columns): picks sample rows whatever the row order. */
function rowHash(schema: Schema): string {
  return `hash(${schema.slice(0, BATCH).map((c) => quoteIdent(c.column_name)).join(', ')})`;
}

/** The hash bound that keeps about PROFILE_SAMPLE_ROWS of `rows` rows. */
function sampleThreshold(rows: number): bigint {
  return BigInt(Math.floor(Math.min(0.5, PROFILE_SAMPLE_ROWS / Math.max(1, rows)) * 2 ** 53)) << 11n;
}

/**
 * Rows of an uncompressed CSV/TSV guessed from its size alone (about 8 bytes per field), so the
 * sample does not depend on the row order. Text-heavy files get a smaller sample; below
 * MIN_SAMPLE_ROWS it is drawn again with the exact row count.
 */
function estimateRows(t: TableSource, ds: DiscoveredDataset, columns: number): number | undefined {
  if ((t.format !== 'csv' && t.format !== 'tsv') || t.abs.toLowerCase().endsWith('.gz')) return undefined;
  const bytes = ds.files.find((f) => f.abs === t.abs)?.bytes;
  return bytes ? Math.ceil(bytes / (8 * columns)) : undefined;
}

/**
 * One full scan of cheap aggregates for every column (batched for wide tables): count, non-null
 * count, min/max, mean/std, text lengths, true counts, and an exact histogram for columns with
 * at most EXACT_CLASS_MAX distinct values in the planning look (class-like columns).
 */
async function cheapScan(
  db: DuckDbSession,
  tmp: string,
  schema: Schema,
  plan: Map<string, { histogram: boolean; d: number }>,
  stats: Map<string, ColumnStats>,
  histograms: Map<string, Array<{ key: unknown; value: number }>>,
  sampleInto?: { table: string; threshold: bigint },
): Promise<number> {
  let n = 0;
  for (let i = 0; i < schema.length; i += BATCH) {
    const batch = schema.slice(i, i + BATCH);
    const parts = ['count(*) AS __n'];
    batch.forEach((c, j) => {
      parts.push(...aggregateExprs(c.column_name, c.column_type, i + j, true, true));
      const p = plan.get(c.column_name);
      if (p?.histogram && p.d <= EXACT_CLASS_MAX) parts.push(`histogram(${quoteIdent(c.column_name)}) AS c${i + j}_hist`);
    });
    let row: Record<string, unknown>;
    if (sampleInto) {
      // The same scan gathers the sample rows (as a list of structs), unnested into a table after.
      const fields = schema.map((c) => `${quoteIdent(c.column_name)} := ${quoteIdent(c.column_name)}`).join(', ');
      parts.push(`list(struct_pack(${fields})) FILTER (WHERE ${rowHash(schema)} < ${sampleInto.threshold}::UBIGINT) AS __sample`);
      await db.run(`CREATE OR REPLACE TEMP TABLE __profile_agg AS SELECT ${parts.join(', ')} FROM ${tmp}`);
      await db.run(`CREATE OR REPLACE TEMP TABLE ${sampleInto.table} AS SELECT unnest(__sample, recursive := true) FROM __profile_agg`);
      [row] = await db.all<Record<string, unknown>>(`SELECT * EXCLUDE (__sample) FROM __profile_agg`);
      await db.run('DROP TABLE __profile_agg');
    } else {
      [row] = await db.all<Record<string, unknown>>(`SELECT ${parts.join(', ')} FROM ${tmp}`);
    }
    n = Number(row.__n);
    // Distinct counts, smallest values and media paths come from the sample for large tables.
    batch.forEach((c, j) => readColumnAggregates(row, i + j, c.column_name, stats, histograms, { approxDistinct: 0, exactDistinct: null, smallest: null, mediaLike: 0 }));
  }
  return n;
}

/**
 * Large tables: a sample of about PROFILE_SAMPLE_ROWS rows, chosen by a hash of each row's
 * values (deterministic, independent of row order and threads), gives distinct-count
 * estimates, top values (counts scaled to the table) and the media-path share.
 */
async function sampleStats(
  db: DuckDbSession,
  tmp: string,
  sample: string,
  schema: Schema,
  n: number,
  stats: Map<string, ColumnStats>,
  histograms: Map<string, Array<{ key: unknown; value: number }>>,
  created: boolean,
): Promise<Map<string, SampledColumn>> {
  if (!created) await db.run(`CREATE OR REPLACE TEMP TABLE ${sample} AS SELECT * FROM ${tmp} WHERE ${rowHash(schema)} < ${sampleThreshold(n)}::UBIGINT`);
  const out = new Map<string, SampledColumn>();
  for (const c of schema) {
    if (isNested(c.column_type) || histograms.has(c.column_name)) continue;
    const q = quoteIdent(c.column_name);
    const float = c.column_type === 'DOUBLE' || c.column_type === 'FLOAT';
    const parts = ['count(*) AS d', 'count(*) FILTER (WHERE n = 1) AS f1', 'count(*) FILTER (WHERE n = 2) AS f2', 'sum(n) AS m'];
    // Top values: count desc, then value; for all-distinct samples these are the smallest values.
    if (!float) parts.push(`list({'key': v, 'value': n} ORDER BY n DESC, v)[1:${TOP_K}] AS top`);
    if (c.column_type === 'VARCHAR') parts.push(`sum(n) FILTER (WHERE regexp_matches(v, ${quoteLiteral(MEDIA_RE)}, 'i')) AS media`);
    const [row] = await db.all<{ d: number; f1: number; f2: number; m: number | null; top?: Array<{ key: unknown; value: number }> | null; media?: number | null }>(
      `SELECT ${parts.join(', ')} FROM (SELECT ${q} AS v, count(*) AS n FROM ${sample} WHERE ${q} IS NOT NULL GROUP BY 1)`,
    );
    const s = stats.get(c.column_name)!;
    const m = Number(row.m ?? 0);
    const d = Number(row.d);
    const f1 = Number(row.f1);
    const f2 = Number(row.f2);
    if (c.column_type === 'VARCHAR' && m > 0) s.mediaLike = Math.round((Number(row.media ?? 0) / m) * s.nn);
    let distinct: number;
    if (m === 0) distinct = 0;
    else if (d === m) distinct = s.nn; // every sampled value distinct: taken as unique
    else distinct = Math.min(s.nn, Math.round(d + (f1 * (f1 - 1)) / (2 * (f2 + 1)))); // bias-corrected Chao1 estimator
    const scale = m > 0 ? s.nn / m : 0;
    const topValues = (row.top ?? []).map((e) => ({ value: topValue(e.key), count: d === m ? 1 : Math.max(1, Math.round(Number(e.value) * scale)) }));
    out.set(c.column_name, { distinct, topValues });
  }
  return out;
}

/**
 * The exact aggregates of a wide table (the same values the per-batch query gives), computed over
 * the table unpivoted to (column, value) pairs: one grouped query per column type. Linear in
 * cells — 100-column batches of ungrouped aggregates cost ~10× more CPU on short wide tables
 * (each aggregate of each column keeps its own state), and their per-statement overhead made
 * thousands of columns super-linear (issue 18: 5,000 columns × 300 rows failed).
 */
async function exactStatsLong(
  db: DuckDbSession,
  tmp: string,
  schema: Schema,
  plan: Map<string, { histogram: boolean; exactDistinct: boolean }>,
  stats: Map<string, ColumnStats>,
  histograms: Map<string, Array<{ key: unknown; value: number }>>,
): Promise<number> {
  const [{ n }] = await db.all<{ n: number }>(`SELECT count(*) AS n FROM ${tmp}`);
  const index = new Map(schema.map((c, k) => [c.column_name, k]));
  const byType = new Map<string, string[]>();
  for (const c of schema) byType.set(c.column_type, [...(byType.get(c.column_type) ?? []), c.column_name]);
  await db.run('CREATE OR REPLACE TEMP TABLE __profile_plan (k VARCHAR, hist BOOLEAN, exact BOOLEAN)');
  try {
    const rows = schema.map((c) => `(${quoteLiteral(c.column_name)}, ${Boolean(plan.get(c.column_name)?.histogram)}, ${Boolean(plan.get(c.column_name)?.exactDistinct)})`);
    for (let i = 0; i < rows.length; i += 1000) await db.run(`INSERT INTO __profile_plan VALUES ${rows.slice(i, i + 1000).join(', ')}`);
    for (const [type, names] of byType) {
      const cols = names.map(quoteIdent).join(', ');
      const parts = longAggregates(type).join(', ');
      const result = await db.all<Record<string, unknown>>(
        `SELECT k, ${parts} FROM (SELECT * FROM (SELECT ${cols} FROM ${tmp}) UNPIVOT INCLUDE NULLS (v FOR k IN (${cols}))) JOIN __profile_plan USING (k) GROUP BY k`,
      );
      for (const r of result) {
        const k = index.get(String(r.k))!;
        const p = plan.get(String(r.k));
        // Only what the batch query asks for: a histogram or an exact count where planned, else an estimate.
        const keep = Object.entries(r).filter(([key]) => key !== 'k' && (p?.histogram || key !== 'hist') && (p?.exactDistinct || (key !== 'exact' && key !== 'smallest')) && (!(p?.histogram || p?.exactDistinct) || key !== 'ad'));
        readColumnAggregates(Object.fromEntries(keep.map(([key, v]) => [`c${k}_${key}`, v])), k, String(r.k), stats, histograms);
      }
    }
  } finally {
    await db.run('DROP TABLE IF EXISTS __profile_plan');
  }
  return Number(n);
}

/** aggregateExprs for one column type over unpivoted (k, v) pairs, with `hist`/`exact` from the plan table. */
function longAggregates(type: string): string[] {
  if (isNested(type)) return ['count(v) AS nn'];
  const out = ['count(v) AS nn', 'approx_count_distinct(v) FILTER (WHERE NOT hist AND NOT exact) AS ad', 'histogram(v) FILTER (WHERE hist) AS hist'];
  out.push(`count(DISTINCT v) FILTER (WHERE exact) AS exact`, `min(v, ${TOP_K}) FILTER (WHERE exact) AS smallest`);
  return [...out, ...aggregateExprs('v', type, 0, true).slice(1).map((e) => e.replace(/ AS c0_(\w+)$/, ' AS "$1"'))];
}

function isNested(type: string): boolean {
  return /[[\]()]|^STRUCT|^MAP|^UNION|^BLOB/.test(type) && !type.startsWith('DECIMAL');
}

function aggregateExprs(column: string, type: string, k: number, exactPlanned: boolean, cheap = false): string[] {
  const c = quoteIdent(column);
  const p = `c${k}_`;
  const out = [`count(${c}) AS ${p}nn`];
  if (isNested(type)) return out;
  // Columns with a histogram or an exact distinct count need no HyperLogLog estimate.
  if (!exactPlanned) out.push(`approx_count_distinct(${c}) AS ${p}ad`);
  if (isFloatType(type)) {
    // NaN and ±Infinity are counted and left out of every statistic; extreme values stay in
    // min/max but not in the moments, whose sums of squares they would overflow.
    const m = momentValue(c);
    out.push(
      `(min(${c}) FILTER (WHERE isfinite(${c})))::DOUBLE AS ${p}min`,
      `(max(${c}) FILTER (WHERE isfinite(${c})))::DOUBLE AS ${p}max`,
      `avg(${m}) AS ${p}mean`,
      `stddev_samp(${m}) AS ${p}std`,
      `count(*) FILTER (WHERE NOT isfinite(${c})) AS ${p}nonfinite`,
      `count(*) FILTER (WHERE isfinite(${c}) AND abs(${c}) > ${EXTREME_MAGNITUDE}) AS ${p}extreme`,
    );
  } else if (isNumericType(type)) {
    out.push(`min(${c})::DOUBLE AS ${p}min`, `max(${c})::DOUBLE AS ${p}max`, `avg(${c}::DOUBLE) AS ${p}mean`, `stddev_samp(${c}::DOUBLE) AS ${p}std`);
  } else if (type === 'VARCHAR') {
    out.push(
      `min(${c}) AS ${p}min`,
      `max(${c}) AS ${p}max`,
      `avg(length(${c})) AS ${p}lmean`,
      `max(length(${c})) AS ${p}lmax`,
      ...(cheap ? [] : [`count_if(regexp_matches(${c}, ${quoteLiteral(MEDIA_RE)}, 'i')) AS ${p}media`]),
    );
  } else if (type === 'BOOLEAN') {
    out.push(`count_if(${c}) AS ${p}trues`);
  } else {
    out.push(`min(${c})::VARCHAR AS ${p}min`, `max(${c})::VARCHAR AS ${p}max`);
  }
  return out;
}

async function inferType(
  db: DuckDbSession,
  tmp: string,
  name: string,
  type: string,
  s: ColumnStats,
  distinct: number,
  ds: DiscoveredDataset,
  t: TableSource,
): Promise<InferredType> {
  if (type === 'BOOLEAN') return 'boolean';
  if (isIntegerType(type)) return 'integer';
  if (isNumericType(type)) return 'float';
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  if (type !== 'VARCHAR') return 'other';
  if (s.nn > 0 && s.mediaLike >= 0.9 * s.nn && (await pathsExist(db, tmp, name, ds, t))) return 'media-path';
  // Long, mostly distinct strings are free text; short or repeated ones are categories.
  if ((s.lenMean ?? 0) >= 30 && distinct >= 0.3 * s.nn) return 'text';
  return 'categorical';
}

/** True when most of a sample of the column's values are files of the dataset. */
async function pathsExist(db: DuckDbSession, tmp: string, name: string, ds: DiscoveredDataset, t: TableSource): Promise<boolean> {
  const c = quoteIdent(name);
  const sample = await db.all<{ v: string }>(`SELECT DISTINCT ${c} AS v FROM ${tmp} WHERE ${c} IS NOT NULL ORDER BY 1 LIMIT 50`);
  const tableDir = posix.dirname(t.file);
  const found = sample.filter(({ v }) => {
    const rel = posix.normalize(v.replace(/\\/g, '/').replace(/^\.\//, ''));
    return ds.mediaFiles.has(rel) || ds.mediaFiles.has(posix.join(tableDir, rel));
  }).length;
  return sample.length > 0 && found >= 0.9 * sample.length;
}

function identifierLike(c: ColumnProfile, unique: boolean, rows: number, s: ColumnStats): boolean {
  if (!unique || c.missingFraction > 0 || rows < 2) return false;
  if (c.inferredType === 'float' || c.inferredType === 'text' || c.inferredType === 'media-path') return false;
  const name = c.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (ID_NAME.test(name)) return true;
  if (c.inferredType === 'integer' && typeof c.min === 'number' && typeof c.max === 'number') {
    // Consecutive integers (a row number), whatever the column is called.
    if (c.max - c.min + 1 === s.nn) return true;
  }
  if (c.inferredType === 'categorical' && typeof c.min === 'string' && typeof c.max === 'string' && c.textLength) {
    // Fixed-width unique codes (uuids, hashes, zero-padded keys).
    if (c.textLength.max === c.min.length && c.min.length === c.max.length && c.textLength.max >= 6) return true;
  }
  return false;
}

function dominantMediaKind(c: ColumnProfile): 'image' | 'audio' | 'text' {
  const counts = { image: 0, audio: 0, text: 0 };
  for (const v of c.topValues) {
    const kind = typeof v.value === 'string' ? mediaKindOf(posix.basename(v.value)) : undefined;
    if (kind) counts[kind] += v.count;
  }
  return (Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0] as 'image' | 'audio' | 'text');
}

function topValue(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Parallel float sums differ in the last bits between runs; profiles must not. */
function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Number(x.toPrecision(10));
}

async function readNotes(ds: DiscoveredDataset): Promise<{ license?: string; sourceNote?: string }> {
  const out: { license?: string; sourceNote?: string } = {};
  const byName = new Map(ds.files.filter((f) => !f.path.includes('/')).map((f) => [f.path.toLowerCase(), f.abs]));
  const pkg = byName.get('datapackage.json');
  if (pkg) {
    try {
      const meta = JSON.parse(await readFile(pkg, 'utf8')) as { licenses?: Array<{ name?: string; title?: string }> };
      const lic = meta.licenses?.[0];
      if (lic?.name ?? lic?.title) out.license = lic.name ?? lic.title;
    } catch {
      // A broken datapackage.json is only metadata; the data is still usable.
    }
  }
  for (const key of ['license', 'license.md', 'license.txt', 'licence', 'licence.md', 'licence.txt']) {
    const file = byName.get(key);
    if (file && !out.license) out.license = (await readFile(file, 'utf8')).split(/\r?\n/).find((l) => l.trim())?.trim().slice(0, 200);
  }
  for (const key of ['source.md', 'source.txt', 'readme.md', 'readme.txt', 'readme']) {
    const file = byName.get(key);
    if (file) {
      out.sourceNote = (await readFile(file, 'utf8')).trim().slice(0, 4000);
      break;
    }
  }
  return out;
}

/** Reads column k's aggregates (columns named c<k>_<stat>) from one result row into `stats` and `histograms`. */
function readColumnAggregates(
  row: Record<string, unknown>, k: number, column: string,
  stats: Map<string, ColumnStats>, histograms: Map<string, Array<{ key: unknown; value: number }>>,
  overrides: Partial<ColumnStats> = {},
): void {
  const num = (key: string): number | null => (row[`c${k}_${key}`] === null || row[`c${k}_${key}`] === undefined ? null : Number(row[`c${k}_${key}`]));
  stats.set(column, {
    nn: num('nn') ?? 0,
    approxDistinct: num('ad') ?? 0,
    exactDistinct: num('exact'),
    smallest: (row[`c${k}_smallest`] as unknown[] | undefined) ?? null,
    min: row[`c${k}_min`] ?? null,
    max: row[`c${k}_max`] ?? null,
    mean: num('mean'),
    std: num('std'),
    lenMean: num('lmean'),
    lenMax: num('lmax'),
    mediaLike: num('media') ?? 0,
    trues: num('trues') ?? 0,
    nonFinite: num('nonfinite') ?? 0,
    extreme: num('extreme') ?? 0,
    ...overrides,
  });
  const hist = row[`c${k}_hist`] as Array<{ key: unknown; value: number }> | null | undefined;
  if (hist !== undefined) histograms.set(column, hist ?? []);
}
