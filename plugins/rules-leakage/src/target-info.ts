// What the leakage rules need to know about the target in train.csv: its SQL expression and,
// for classification, the positive label and the class count.
import type { Issue, TaskManifest } from '@mle-smith/core';
import type { DuckDbSession } from '@mle-smith/data';
import { quoteLiteral as lit, quoteIdent as q } from '@mle-smith/data';
import { PACKAGE_PATHS, isClassification, loadTable, withPackage, type LoadedTable, type Tables } from '@mle-smith/task-package';
import { exists } from '@mle-smith/core';
import { join } from 'node:path';

export interface TargetInfo {
  kind: 'binary' | 'multiclass' | 'regression' | 'other';
  /** The column the SQL reads: the target, or the private source column a derived target was computed from. */
  name: string;
  /** SQL for the target as text (classification) or DOUBLE (regression). */
  y: string;
  /** SQL boolean: the row's label is the positive class (binary only). */
  positive?: string;
  classes: number;
}

export async function targetInfo(db: DuckDbSession, t: LoadedTable, manifest: TaskManifest): Promise<TargetInfo | undefined> {
  const target = manifest.target;
  if (!t.columns.includes(target)) return undefined;
  const col = `${t.name}.${q(target)}`;
  if (isClassification(manifest.objective)) {
    const y = `CAST(${q(target)} AS VARCHAR)`;
    const labels = await db.all<{ v: string }>(`SELECT DISTINCT ${y} AS v FROM ${t.name} WHERE ${q(target)} IS NOT NULL ORDER BY 1`);
    if (labels.length < 2) return undefined;
    if (labels.length === 2) {
      const pos = String(manifest.metric.params?.pos_label ?? labels[1].v);
      return { kind: 'binary', name: target, y, positive: `(${y} = ${lit(pos)})`, classes: 2 };
    }
    return { kind: 'multiclass', name: target, y, classes: labels.length };
  }
  if (manifest.objective === 'regression' || manifest.objective === 'forecasting') {
    const [{ ok }] = await db.all<{ ok: number }>(`SELECT count(TRY_CAST(${col} AS DOUBLE))::BIGINT AS ok FROM ${t.name}`);
    if (!Number(ok)) return undefined;
    return { kind: 'regression', name: target, y: `TRY_CAST(${q(target)} AS DOUBLE)`, classes: 0 };
  }
  return undefined;
}

/**
 * The frame of a rule over train.csv and its target: loads train.csv (typed), reads the target,
 * and runs `check`; no findings when the target is unusable or train has fewer than `minRows` rows.
 * A target derived from one numeric column (a label `total > median`) is checked a second time
 * against that column, read from the package's private copy: a feature that leaks the source
 * leaks the label, though it may not predict the label's coarse classes perfectly.
 */
export function withTrainTarget(
  taskDir: string, manifest: TaskManifest, minRows: number,
  check: (db: DuckDbSession, t: Tables, info: TargetInfo) => Promise<Issue[]>,
): Promise<Issue[]> {
  return withPackage(
    taskDir,
    ['train'],
    async (db, t) => {
      const info = await targetInfo(db, t.train, manifest);
      if (!info || t.train.rows < minRows) return [];
      const issues = await check(db, t, info);
      const source = await sourceInfo(db, taskDir, t.train, manifest);
      if (!source) return issues;
      const seen = new Set(issues.map((i) => i.location));
      const derived = `the target "${manifest.target}" is derived from "${source.name}" (${manifest.spec.target.expression})`;
      for (const issue of await check(db, t, source)) {
        if (seen.has(issue.location)) continue;
        issues.push({ ...issue, message: `${issue.message} — ${derived}`, data: { ...issue.data, derivedFrom: source.name } });
      }
      return issues;
    },
    { varchar: false },
  );
}

/** The derived target's source column joined into train as `__target_source`, when the package holds its private copy. */
async function sourceInfo(db: DuckDbSession, taskDir: string, train: LoadedTable, manifest: TaskManifest): Promise<TargetInfo | undefined> {
  const sources = manifest.spec?.target?.sourceColumns ?? [];
  if (sources.length !== 1 || sources[0] === manifest.target || !(await exists(join(taskDir, PACKAGE_PATHS.targetSource)))) return undefined;
  const loaded = await loadTable(db, taskDir, 'targetSource', false);
  const [id, column] = [manifest.submission.idColumn, sources[0]];
  if (!loaded.columns.includes(id) || !loaded.columns.includes(column)) return undefined;
  await db.run(`ALTER TABLE ${train.name} ADD COLUMN __target_source DOUBLE`);
  await db.run(`UPDATE ${train.name} SET __target_source = TRY_CAST(s.${q(column)} AS DOUBLE) FROM targetSource s WHERE CAST(${train.name}.${q(id)} AS VARCHAR) = CAST(s.${q(id)} AS VARCHAR)`);
  return { kind: 'regression', name: column, y: '__target_source', classes: 0 };
}
