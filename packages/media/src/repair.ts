// Deterministic repair of a media spec from the error findings of earlier attempts (the way the
// tabular designer's repair reads findings): too few train examples of a class → the class is
// filtered out; too few test or train rows → the test fraction moves; a test class unseen in
// train → a stratified split; a metric that does not fit the classes (class balance) → the next
// metric of the objective. Findings nothing here can fix are returned as unrepaired.
import type { Finding, MetricRef, TaskSpec } from '@mle-smith/core';
import { quoteLiteral } from '@mle-smith/data';
import { isSizeFinding, repairedTestFraction } from '@mle-smith/designer-kit';
import { MEDIA_METRICS } from './metrics.js';

export interface MediaRepair {
  spec: TaskSpec;
  /** One line per change, for the log. */
  applied: string[];
  unrepaired: Finding[];
}

/** The metrics a media task may move to, per objective, in order of preference. */
const NEXT_METRICS = { classification: ['f1_macro', 'balanced_accuracy', 'accuracy'], regression: ['mae', 'rmse'] };

function nextMetric(spec: TaskSpec, suggested: unknown): MetricRef | undefined {
  const choices = NEXT_METRICS[spec.objective === 'regression' ? 'regression' : 'classification'];
  const name = choices.find((m) => m === suggested && m !== spec.metric.name) ?? choices.find((m) => m !== spec.metric.name);
  return name ? { name, higherIsBetter: MEDIA_METRICS.info(name)!.higherIsBetter, params: {} } : undefined;
}

/** A class too rare to learn (structural/split-sizes names it in data.class). */
function rareClass(f: Finding): string | undefined {
  return f.ruleId === 'structural/split-sizes' && f.data?.class !== undefined && f.data.class !== null ? String(f.data.class) : undefined;
}

/** The spec without the given classes: a filter on the target and the submission's class list. */
function withoutClasses(spec: TaskSpec, classes: string[]): void {
  const list = classes.map((c) => quoteLiteral(c)).join(', ');
  const keep = `CAST(${spec.target.expression} AS VARCHAR) NOT IN (${list})`;
  spec.filter = spec.filter ? `(${spec.filter}) AND ${keep}` : keep;
  if (spec.submission.classes) spec.submission = { ...spec.submission, classes: spec.submission.classes.filter((c) => !classes.includes(c)) };
}

export function repairMediaSpec(input: TaskSpec, defects: Finding[]): MediaRepair {
  const spec: TaskSpec = structuredClone(input);
  const applied: string[] = [];
  const unrepaired: Finding[] = [];
  const rare = [...new Set(defects.map(rareClass).filter((c): c is string => c !== undefined))].sort();
  if (rare.length && spec.objective !== 'regression') {
    withoutClasses(spec, rare);
    applied.push(`dropped class(es) ${rare.join(', ')}: too few examples to learn (structural/split-sizes)`);
  }
  for (const f of defects) {
    if (f.severity !== 'error' || rareClass(f) !== undefined) continue;
    const id = f.ruleId.toLowerCase();
    if (isSizeFinding(f)) {
      const next = repairedTestFraction(spec.split.testFraction, f.data ?? {});
      if (next !== undefined && next !== spec.split.testFraction) {
        applied.push(`testFraction ${spec.split.testFraction} → ${next}, for enough test and train rows (${f.ruleId})`);
        spec.split = { ...spec.split, testFraction: next };
        continue;
      }
    } else if (f.ruleId === 'structural/split-sizes' && Array.isArray(f.data?.classes) && spec.objective !== 'regression' && spec.split.strategy !== 'stratified') {
      applied.push(`split ${spec.split.strategy} → stratified, so every test class occurs in train (${f.ruleId})`);
      spec.split = { strategy: 'stratified', testFraction: spec.split.testFraction, seed: spec.split.seed };
      continue;
    } else if (/metric|balance/.test(id)) {
      const metric = nextMetric(spec, f.data?.suggested);
      if (metric) {
        applied.push(`metric ${spec.metric.name} → ${metric.name} (${f.ruleId})`);
        spec.metric = metric;
        continue;
      }
    }
    unrepaired.push(f);
  }
  return { spec, applied, unrepaired };
}
