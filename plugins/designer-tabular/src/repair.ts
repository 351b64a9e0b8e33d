// Deterministic repair: turns the error findings of earlier attempts into changes of the spec
// (drop a leaking column, change the metric, change the split). Findings are data from the
// verifier rules; the rule id and `data.column(s)` say what to change.
import type { Finding, MetricRef, TableProfile, TaskSpec } from '@mle-smith/core';
import { isSizeFinding, repairedTestFraction } from '@mle-smith/designer-kit';
import { isGroupColumn } from './columns.js';
import { FALLBACK_METRICS, metricInfo, metricSuits } from './metrics-catalog.js';
import { quoteIdent } from './sql.js';

export interface RepairResult {
  spec: TaskSpec;
  /** One line per change, for the log and the justification. */
  applied: string[];
  /** Findings no rule here knows how to fix. */
  unrepaired: Finding[];
}

/**
 * Columns a finding points at: data.column, data.columns, data.feature, or a "column:<name>"
 * location; and data.targetColumn, the public column that structural/answers-not-public found
 * holding the answers (cav's `statemax`, the running maximum of the state beside the state).
 */
export function findingColumns(f: Finding): string[] {
  const out: string[] = [];
  const d = f.data ?? {};
  for (const key of ['column', 'feature', 'sourceColumn', 'targetColumn']) if (typeof d[key] === 'string') out.push(d[key] as string);
  for (const key of ['columns', 'features']) if (Array.isArray(d[key])) out.push(...(d[key] as unknown[]).filter((c): c is string => typeof c === 'string'));
  const loc = /^column:(.+)$/.exec(f.location ?? '');
  if (loc) out.push(loc[1]);
  return [...new Set(out)];
}

function nextMetric(spec: TaskSpec, suggested: unknown): MetricRef | undefined {
  if (typeof suggested === 'string' && metricSuits(suggested, spec.objective)) {
    return { name: suggested, higherIsBetter: metricInfo(suggested)!.higherIsBetter, params: {} };
  }
  const choices = FALLBACK_METRICS[spec.objective] ?? [];
  const name = choices.find((m) => m !== spec.metric.name);
  return name ? { name, higherIsBetter: metricInfo(name)!.higherIsBetter, params: {} } : undefined;
}

function dropColumn(spec: TaskSpec, column: string): boolean {
  if (column === spec.target.name && !spec.features.includes(column)) return false;
  // A derived feature (a date's month) is computed by the split, not read from the table: it leaves
  // the spec's derived features, and dropColumns (raw columns only) never names it.
  if (spec.derivedFeatures.some((d) => d.name === column)) {
    spec.derivedFeatures = spec.derivedFeatures.filter((d) => d.name !== column);
    return true;
  }
  const wasFeature = spec.features.includes(column);
  spec.features = spec.features.filter((c) => c !== column);
  if (!spec.dropColumns.includes(column)) spec.dropColumns = [...spec.dropColumns, column];
  return wasFeature;
}

/**
 * Group key over the public features, with numbers rounded and strings normalised the way the
 * duplicate-rows rule compares them: exact and near-duplicate rows share a group, so they never
 * straddle the split.
 */
function contentGroupKey(spec: TaskSpec, table: TableProfile, roundDigits: number): string | undefined {
  const types = new Map(table.columns.map((c) => [c.name, c.inferredType]));
  const parts = publicColumns(spec, table).map((c) => {
    const t = types.get(c);
    return t === 'integer' || t === 'float' ? `round(CAST(${quoteIdent(c)} AS DOUBLE), ${roundDigits})` : `lower(trim(CAST(${quoteIdent(c)} AS VARCHAR)))`;
  });
  // Named columns always: DuckDB's row(*) is not the row but an error ("Can't pack nothing into a struct").
  return parts.length ? `md5(CAST(row(${parts.join(', ')}) AS VARCHAR))` : undefined;
}

/** The raw columns the split publishes: spec.features, or when empty every column but drops, target sources and the id. */
function publicColumns(spec: TaskSpec, table: TableProfile): string[] {
  if (spec.features.length) return spec.features;
  const hidden = new Set([...spec.dropColumns, ...spec.target.sourceColumns, spec.target.name, spec.submission.idColumn]);
  return table.columns.map((c) => c.name).filter((c) => !hidden.has(c));
}

// The test-fraction repair is every designer's (@mle-smith/designer-kit); re-exported for this package's users.
export { MAX_TEST_FRACTION, repairedTestFraction } from '@mle-smith/designer-kit';

/** The test fraction of the one retry after "no learnable signal". */
export const SIGNAL_TEST_FRACTION = 0.5;

/** Columns that an error finding other than a linear combination names on its own (a single-feature leak, a monotone transform). */
function columnsBlamedAlone(defects: Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of defects) {
    if (f.severity !== 'error' || f.ruleId.toLowerCase() === 'leakage/linear-combination') continue;
    const columns = findingColumns(f);
    if (columns.length === 1) out.add(columns[0]);
  }
  return out;
}

export function applyDefects(input: TaskSpec, defects: Finding[], table: TableProfile): RepairResult {
  const spec: TaskSpec = structuredClone(input);
  const applied: string[] = [];
  const unrepaired: Finding[] = [];
  const blamedAlone = columnsBlamedAlone(defects);
  for (const f of defects) {
    if (f.severity !== 'error') continue;
    const id = f.ruleId.toLowerCase();
    // The id column is the package's own row number, never a raw column to drop.
    const columns = findingColumns(f).filter((c) => (c !== spec.target.name || spec.features.includes(c)) && c !== spec.submission.idColumn);
    // A linear combination breaks when one of its parts goes: when another finding already blames
    // one part on its own (adjdep, a version of depression), drop only that, not the honest
    // predictors it was combined with (Ginzberg's fatalism).
    const alone = id === 'leakage/linear-combination' ? columns.filter((c) => blamedAlone.has(c)) : [];
    if (alone.length) {
      for (const c of alone) dropColumn(spec, c);
      const kept = columns.filter((c) => !alone.includes(c)).map((c) => `"${c}"`);
      applied.push(`kept ${kept.join(', ')}: dropping ${alone.map((c) => `"${c}"`).join(', ')} breaks the combination (${f.ruleId})`);
      continue;
    }
    let fixed = false;

    if (isSizeFinding(f)) {
      const next = repairedTestFraction(spec.split.testFraction, f.data ?? {});
      if (next !== undefined && next !== spec.split.testFraction) {
        applied.push(`testFraction ${spec.split.testFraction} → ${next}, for enough test and train rows (${f.ruleId})`);
        spec.split = { ...spec.split, testFraction: next };
        fixed = true;
      }
    } else if (id === 'execution/no-learnable-signal') {
      // A weak but real signal drowns in a small test set's noise: test once more on a larger one
      // (the execute stage tightens the confidence for the second test, so noise cannot pass by retrying).
      if (spec.split.testFraction < SIGNAL_TEST_FRACTION) {
        applied.push(`testFraction ${spec.split.testFraction} → ${SIGNAL_TEST_FRACTION}, a larger test set for the signal test (${f.ruleId})`);
        spec.split = { ...spec.split, testFraction: SIGNAL_TEST_FRACTION };
        fixed = true;
      }
      if (!fixed) unrepaired.push(f);
      continue;
    } else if (id === 'execution/saturated') {
      // A perfect label score on a small test set may be an easy task, not a leak (leaks are caught
      // by the leakage rules before execution): grade probabilities instead, which never saturate.
      if ((spec.objective === 'binary' || spec.objective === 'multiclass') && spec.metric.name !== 'log_loss') {
        applied.push(`metric ${spec.metric.name} → log_loss, a probability metric that separates confident from lucky models (${f.ruleId})`);
        spec.metric = { name: 'log_loss', higherIsBetter: false, params: spec.metric.params?.pos_label !== undefined ? { pos_label: spec.metric.params.pos_label } : {} };
        fixed = true;
      }
    } else if (/metric/.test(id)) {
      const metric = nextMetric(spec, f.data?.suggested ?? f.data?.metric);
      if (metric && metric.name !== spec.metric.name) {
        applied.push(`metric ${spec.metric.name} → ${metric.name} (${f.ruleId})`);
        spec.metric = metric;
        fixed = true;
      }
    } else if (/duplicate/.test(id) || (id === 'structural/train-test-disjoint' && typeof f.data?.fraction === 'number')) {
      // Test rows that repeat train rows verbatim: keep equal rows on one side. data.columns names
      // the compared columns, not culprits — dropping them left tasks without any feature.
      const digits = typeof f.data?.roundDigits === 'number' ? f.data.roundDigits : 2;
      const by = contentGroupKey(spec, table, digits);
      if (by) {
        spec.split = { ...spec.split, strategy: 'group', by };
        applied.push(`split → group on row content, so duplicate rows stay together (${f.ruleId})`);
      } else unrepaired.push(f);
      // data.columns lists the compared features, not culprits: nothing to drop.
      continue;
    } else if (/group/.test(id)) {
      const groupColumns = Array.isArray(f.data?.groupColumns) ? (f.data.groupColumns as unknown[]).filter((c): c is string => typeof c === 'string') : [];
      const named = [...columns, ...groupColumns].find((c) => table.columns.some((col) => col.name === c));
      const group = named ?? table.columns.find((c) => isGroupColumn(table, c) || table.groupColumns.includes(c.name))?.name;
      if (group) {
        spec.split = { ...spec.split, strategy: 'group', by: group };
        dropColumn(spec, group);
        applied.push(`split → group by "${group}" (${f.ruleId})`);
        fixed = true;
      }
    } else if (/split|stratif/.test(id) && columns.length === 0 && spec.split.strategy !== 'random') {
      applied.push(`split ${spec.split.strategy} → random (${f.ruleId})`);
      spec.split = { strategy: 'random', testFraction: spec.split.testFraction, seed: spec.split.seed };
      fixed = true;
    }
    // Any error naming public columns (single-feature leak, derived-target source left in,
    // target correlated with an id or order column, ...): drop them.
    for (const c of columns) {
      if (dropColumn(spec, c)) {
        applied.push(`dropped "${c}" (${f.ruleId})`);
        fixed = true;
      }
    }
    if (!fixed) unrepaired.push(f);
  }
  return { spec, applied, unrepaired };
}
