// The grader's fast path: when the submission lists exactly the answers' integer ids in the same
// order, both files are plain numeric CSV and every value is valid, rmse and mae are summed and
// binary roc_auc's scores collected while @mle-smith/data's scanNumericCsvPair reads the two
// files side by side (one per thread, memory flat for rmse/mae). Anything else — other metrics,
// string ids, another order, a bad cell, a quoted or oddly formatted file — returns undefined and
// the general path, which reports the precise problem, takes over. The results are the general
// path's to the bit: the same compensated sums in the same row order, the same U statistic.
import type { Metric, TaskManifest } from '@mle-smith/core';
import { estimateRows, scanNumericCsvPair } from '@mle-smith/data';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mae, rmse } from './regression.js';
import { aucOfSplitScores, rocAuc } from './probability.js';
import { classesParam, labelKey, positiveLabel } from './internal/inputs.js';
import { NeumaierSum } from './internal/sum.js';

export async function fastGrade(taskDir: string, submissionPath: string, manifest: TaskManifest, metric: Metric): Promise<number | undefined> {
  const kind = metric.score === rmse ? 'rmse' : metric.score === mae ? 'mae' : metric.score === rocAuc ? 'roc_auc' : undefined;
  if (!kind) return undefined;
  const format = manifest.submission;
  if (format.predictionColumns.length !== 1) return undefined;
  const predName = format.predictionColumns[0].name;
  let positive = NaN;
  let negative = NaN;
  if (kind === 'roc_auc') {
    // binary AUC with the class labels given by the task (as the general path derives them)
    const params = { ...manifest.metric.params, ...(format.classes ? { classes: format.classes.map(labelKey) } : {}) };
    let classes: string[] | undefined;
    try {
      classes = classesParam(params);
    } catch {
      return undefined;
    }
    if (!classes || classes.length !== 2) return undefined;
    const pos = positiveLabel(classes, params);
    const neg = classes.find((c) => c !== pos)!;
    positive = Number(pos);
    negative = Number(neg);
    // labels must be numbers written canonically, so that the number read means the label
    if (!Number.isFinite(positive) || !Number.isFinite(negative) || String(positive) !== pos || String(negative) !== neg) return undefined;
  }
  const strict = kind === 'roc_auc' && format.predictionColumns.every((c) => c.type === 'probability');
  const answersPath = join(taskDir, 'private', 'answers.csv');
  let t = -1;
  let p = -1;
  const plan = (left: string[], right: string[]) => {
    const id = format.idColumn;
    const others = left.filter((c) => c !== id);
    const target = left.includes(manifest.target) ? manifest.target : others.length === 1 ? others[0] : undefined;
    // exactly the expected submission header, the answers with their id and target
    if (right.length !== 2 || !right.includes(id) || !right.includes(predName) || !left.includes(id) || target === undefined) return undefined;
    t = left.indexOf(target);
    p = right.indexOf(predName);
    return { keys: [[left.indexOf(id), right.indexOf(id)]] as Array<[number, number]> };
  };

  if (kind === 'rmse' || kind === 'mae') {
    const acc = new NeumaierSum();
    let n = 0;
    const ok = await scanNumericCsvPair(answersPath, submissionPath, plan, ({ left, right, rows }) => {
      const [truth, pred] = [left[t], right[p]];
      for (let i = 0; i < rows; i++) {
        const d = truth[i] - pred[i];
        if (!Number.isFinite(d)) return false; // an infinite value: the general path names it
        acc.add(kind === 'rmse' ? d * d : Math.abs(d));
      }
      n += rows;
    });
    if (!ok || n === 0) return undefined;
    return kind === 'rmse' ? Math.sqrt(acc.value / n) : acc.value / n;
  }

  // roc_auc: the scores split by class into arrays sized from the row estimate (room that is
  // never written is never paged in), then the general path's exact U statistic
  const capacity = await estimateRows(answersPath, (await stat(answersPath)).size);
  let pos: Float64Array = new Float64Array(capacity);
  let neg: Float64Array = new Float64Array(capacity);
  let nPos = 0;
  let nNeg = 0;
  const grow = (a: Float64Array, need: number): Float64Array => {
    if (need <= a.length) return a;
    const b = new Float64Array(Math.max(need, Math.ceil(a.length * 1.25) + 4096));
    b.set(a);
    return b;
  };
  const ok = await scanNumericCsvPair(answersPath, submissionPath, plan, ({ left, right, rows }) => {
    const [truth, pred] = [left[t], right[p]];
    pos = grow(pos, nPos + rows);
    neg = grow(neg, nNeg + rows);
    for (let i = 0; i < rows; i++) {
      const v = pred[i] === 0 ? 0 : pred[i]; // -0 ties with +0
      if (!Number.isFinite(v) || (strict && (v < 0 || v > 1))) return false;
      if (truth[i] === positive) pos[nPos++] = v;
      else if (truth[i] === negative) neg[nNeg++] = v;
      else return false; // a label outside the task's classes
    }
  });
  if (!ok || nPos === 0 || nNeg === 0) return undefined; // the general path reports what is wrong
  return aucOfSplitScores(pos.subarray(0, nPos), neg.subarray(0, nNeg));
}
