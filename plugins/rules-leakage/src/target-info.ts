// What the leakage rules need to know about the target in train.csv: its SQL expression and,
// for classification, the positive label and the class count.
import type { Issue, TaskManifest } from '@mle-smith/core';
import type { DuckDbSession } from '@mle-smith/data';
import { quoteLiteral as lit, quoteIdent as q } from '@mle-smith/data';
import { isClassification, withPackage, type LoadedTable, type Tables } from '@mle-smith/task-package';

export interface TargetInfo {
  kind: 'binary' | 'multiclass' | 'regression' | 'other';
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
      return { kind: 'binary', y, positive: `(${y} = ${lit(pos)})`, classes: 2 };
    }
    return { kind: 'multiclass', y, classes: labels.length };
  }
  if (manifest.objective === 'regression' || manifest.objective === 'forecasting') {
    const [{ ok }] = await db.all<{ ok: number }>(`SELECT count(TRY_CAST(${col} AS DOUBLE))::BIGINT AS ok FROM ${t.name}`);
    if (!Number(ok)) return undefined;
    return { kind: 'regression', y: `TRY_CAST(${q(target)} AS DOUBLE)`, classes: 0 };
  }
  return undefined;
}

/**
 * The frame of a rule over train.csv and its target: loads train.csv (typed), reads the target,
 * and runs `check`; no findings when the target is unusable or train has fewer than `minRows` rows.
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
      return check(db, t, info);
    },
    { varchar: false },
  );
}
