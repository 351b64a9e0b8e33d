// Turning the loosely typed `ArrayLike<unknown>` metric inputs into typed arrays and label codes.

/** Label key: labels compare by their string form, so 1 (number) and "1" (CSV text) are the same class. */
export function labelKey(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) throw new TypeError('label is missing (null/undefined)');
  return String(v);
}

export function checkLength(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, metric: string): number {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`${metric}: y_true has ${yTrue.length} rows but y_pred has ${yPred.length}`);
  }
  if (yTrue.length === 0) throw new RangeError(`${metric}: no rows to score`);
  return yTrue.length;
}

/** A Float64Array view of numeric input; throws on non-finite or non-numeric values. */
export function toFloat64(values: ArrayLike<unknown>, what: string, allowNonFinite = false): Float64Array {
  if (values instanceof Float64Array) {
    if (!allowNonFinite) for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) throw new RangeError(`${what}: value at index ${i} is not finite (${values[i]})`);
    return values;
  }
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!allowNonFinite && !Number.isFinite(x)) throw new RangeError(`${what}: value at index ${i} is not a finite number (${String(v)})`);
    out[i] = x;
  }
  return out;
}

/**
 * Sorts class labels the way sklearn's np.unique does for numeric labels: numerically when every
 * label is a number (or a numeric string, as read from CSV), otherwise by code unit order.
 */
export function sortLabels(keys: string[]): string[] {
  const nums = keys.map((k) => (k.trim() === '' ? NaN : Number(k)));
  if (nums.every((x) => Number.isFinite(x))) {
    return keys.map((k, i) => [k, nums[i]] as const).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((p) => p[0]);
  }
  return [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface EncodedLabels {
  /** Sorted label keys; code i stands for labels[i]. */
  labels: string[];
  yTrue: Int32Array;
  yPred: Int32Array;
}

function encodeInto(values: ArrayLike<unknown>, index: Map<string, number>, grow: boolean): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const k = labelKey(values[i]);
    let c = index.get(k);
    if (c === undefined) {
      if (!grow) {
        out[i] = -1;
        continue;
      }
      c = index.size;
      index.set(k, c);
    }
    out[i] = c;
  }
  return out;
}

/**
 * Integer codes for y_true and y_pred over a shared, sorted label set: `labels` when given
 * (values outside it are an error), else the union of both arrays (sklearn's unique_labels).
 */
export function encodeLabels(yTrue: ArrayLike<unknown>, yPred: ArrayLike<unknown>, labels?: readonly unknown[]): EncodedLabels {
  const index = new Map<string, number>();
  if (labels) for (const l of labels) if (!index.has(labelKey(l))) index.set(labelKey(l), index.size);
  const grow = !labels;
  const t = encodeInto(yTrue, index, grow);
  const p = encodeInto(yPred, index, grow);
  if (!grow) {
    for (const [arr, what, src] of [[t, 'y_true', yTrue], [p, 'y_pred', yPred]] as const) {
      for (let i = 0; i < arr.length; i++) if (arr[i] < 0) throw new RangeError(`${what}: label "${labelKey(src[i])}" at index ${i} is not among the labels`);
    }
  }
  const unsorted = [...index.keys()];
  const sorted = labels ? unsorted : sortLabels(unsorted);
  if (sorted.every((k, i) => k === unsorted[i])) return { labels: sorted, yTrue: t, yPred: p };
  const remap = new Int32Array(sorted.length);
  sorted.forEach((k, i) => (remap[index.get(k)!] = i));
  for (let i = 0; i < t.length; i++) t[i] = remap[t[i]];
  for (let i = 0; i < p.length; i++) p[i] = remap[p[i]];
  return { labels: sorted, yTrue: t, yPred: p };
}

/** Confusion matrix (row = true, column = predicted) as a flat k*k Float64Array. */
export function confusion(enc: EncodedLabels): Float64Array {
  const k = enc.labels.length;
  const c = new Float64Array(k * k);
  const { yTrue, yPred } = enc;
  for (let i = 0; i < yTrue.length; i++) c[yTrue[i] * k + yPred[i]]++;
  return c;
}

/**
 * The positive class of a binary problem: params.pos_label when given, else the greater of the
 * sorted labels (sklearn's roc_auc/log_loss convention; 1 for 0/1 and -1/1, "yes" for no/yes).
 */
export function positiveLabel(labels: string[], params: Record<string, unknown> | undefined): string {
  const p = params?.pos_label;
  if (p !== undefined && p !== null) return labelKey(p);
  if (labels.length === 0) throw new RangeError('no labels to choose a positive class from');
  return labels[labels.length - 1];
}

export function classesParam(params: Record<string, unknown> | undefined): string[] | undefined {
  const c = params?.classes ?? params?.labels;
  if (c === undefined || c === null) return undefined;
  if (!Array.isArray(c)) throw new TypeError('params.classes must be an array of labels');
  return c.map(labelKey);
}

export function kParam(params: Record<string, unknown> | undefined, fallback: number): number {
  const k = params?.k;
  if (k === undefined || k === null) return fallback;
  const n = Number(k);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`params.k must be a positive integer, got ${String(k)}`);
  return n;
}
