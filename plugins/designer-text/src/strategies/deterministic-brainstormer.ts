// Deterministic Brainstormer: one proposal per usable label of a text source, best label
// first; metric, split and row filter by rule. Same profile + seed → same proposals.
import {
  DatasetError,
  type DatasetProfile, type DesignContext, type MetricRef, type Objective, type SplitSpec, type TaskProposal,
} from '@mle-smith/core';
import { metricInfo } from '../metrics-catalog.js';
import { proposalLimit, type ResolvedOptions } from '../options.js';
import { quoteIdent, quoteLiteral, slug } from '../sql.js';
import { authorColumn, scanText, type LabelPlan, type TextScan } from '../text-sources.js';
import type { Brainstormer, StrategyRun } from '@mle-smith/designer-kit';
import type { TextHints } from './text-hints.js';

export function proposalId(dataset: string, target: string, objective: Objective): string {
  return `${slug(dataset)}-${slug(target)}-${objective}`;
}

function ref(name: string, params: Record<string, unknown> = {}): MetricRef {
  return { name, higherIsBetter: metricInfo(name)!.higherIsBetter, params };
}

export function chooseMetric(plan: Pick<LabelPlan, 'objective' | 'classes' | 'classCounts'>): { metric: MetricRef; why: string; positiveClass?: string } {
  if (plan.objective === 'binary') {
    // The positive class is the last label in sorted order (sklearn's convention).
    const positive = plan.classes!.at(-1)!;
    return { metric: ref('roc_auc', { pos_label: positive }), why: 'ROC AUC ranks the predicted probabilities and does not depend on a threshold or on class balance', positiveClass: positive };
  }
  if (plan.objective === 'multiclass') {
    const counts = plan.classCounts ?? [];
    const balance = counts.length ? Math.min(...counts) / Math.max(...counts) : 0;
    if (balance >= 0.5) return { metric: ref('accuracy'), why: `classes are balanced (smallest/largest = ${balance.toFixed(2)})` };
    return { metric: ref('f1_macro'), why: `classes are imbalanced (smallest/largest = ${balance.toFixed(2)}), so every class counts equally` };
  }
  return { metric: ref('rmse'), why: "squared error in the target's own units" };
}

export function chooseSplit(plan: LabelPlan, options: ResolvedOptions, seed: number): { split: SplitSpec; why: string } {
  // Small corpora get a larger test side (up to half), so the test set holds about 20 documents.
  const needed = Math.ceil((22 / Math.max(plan.table.rowCount, 1)) * 20) / 20;
  const base = { testFraction: Math.max(options.testFraction, Math.min(0.5, needed)), seed };
  const author = authorColumn(plan.table, [plan.column.name, plan.source.column]);
  if (author) {
    return { split: { ...base, strategy: 'group', by: author.name }, why: `texts of one "${author.name}" share style and topics, so each ${author.name}'s texts go to one side` };
  }
  if (plan.objective !== 'regression') return { split: { ...base, strategy: 'stratified', by: plan.column.name }, why: 'stratified on the label so both splits keep the class proportions' };
  return { split: { ...base, strategy: 'random' }, why: 'documents are independent' };
}

function titleCase(name: string): string {
  return name.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

export function buildProposal(profile: DatasetProfile, plan: LabelPlan, options: ResolvedOptions, seed: number): TaskProposal {
  const { table, source, column } = plan;
  const { metric, why: metricWhy, positiveClass } = chooseMetric(plan);
  const { split, why: splitWhy } = chooseSplit(plan, options, seed);
  const hints: TextHints = { layout: source.layout, textColumn: source.column };
  if (plan.classes) hints.classes = plan.classes;
  if (plan.droppedClasses) hints.droppedClasses = plan.droppedClasses;
  if (positiveClass !== undefined) hints.positiveClass = positiveClass;
  // Only the text is public: every other column (the author column of a group split too) is
  // dropped, and a column of file paths is replaced by opaque file names at design time.
  const dropColumns = table.columns.map((c) => c.name).filter((n) => n !== column.name && (n !== source.column || source.layout === 'files'));
  const from = source.layout === 'files' ? (table.name === 'documents' && table.file === '.' ? 'the text files' : `the text files named in "${source.column}"`) : `the "${source.column}" text`;
  const what = plan.objective === 'regression' ? `${column.name} (regression)` : `${column.name} (${plan.classes!.length} classes)`;
  const dropped = plan.droppedClasses?.length ? ` Rows of the rare classes ${plan.droppedClasses.map((c) => `"${c}"`).join(', ')} are left out (fewer than ${options.minClassRows} rows each).` : '';
  return {
    id: proposalId(profile.name, column.name, plan.objective),
    dataset: profile.name,
    table: table.name,
    title: `${titleCase(profile.name)}: predict ${column.name} from ${source.layout === 'files' ? 'the text' : source.column}`,
    modality: 'text',
    objective: plan.objective,
    target: { name: column.name, expression: quoteIdent(column.name), sourceColumns: [column.name] },
    metric,
    split,
    dropColumns,
    justification:
      `Predict ${what} from ${from} of ${table.file === '.' ? 'the corpus' : table.file} (${table.rowCount} documents); only the text is public, every other column is dropped.` +
      ` "${column.name}": ${plan.reason}. Metric ${metric.name}: ${metricWhy}. Split ${split.strategy}: ${splitWhy}.${dropped}`,
    hints,
  };
}

/** SQL filter keeping the labelled rows of the kept classes. */
export function classFilter(target: string, classes: string[] | undefined, dropped: string[] | undefined): string {
  const col = quoteIdent(target);
  if (!dropped?.length || !classes?.length) return `${col} IS NOT NULL`;
  return `CAST(${col} AS VARCHAR) IN (${classes.map(quoteLiteral).join(', ')})`;
}

export function noTextError(profile: DatasetProfile, scan: TextScan): DatasetError {
  if (scan.sources.length === 0) {
    return new DatasetError(`dataset "${profile.name}" has no free-text column or text files`, profile.tables[0] ? { file: profile.tables[0].file } : undefined);
  }
  if (scan.rejected.length === 0) return new DatasetError(`no label column next to the text of dataset "${profile.name}"`, { file: scan.sources[0].table.file });
  const file = scan.rejected[0].file;
  return new DatasetError(`no usable label for a text task: ${scan.rejected.map((r) => (r.file === file ? r.message : `${r.file}: ${r.message}`)).join('; ')}`, { file });
}

export function createDeterministicBrainstormer(options: ResolvedOptions): Brainstormer {
  return {
    kind: 'deterministic',
    async brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<StrategyRun<TaskProposal[]>> {
      const scan = scanText(profile, options);
      if (scan.plans.length === 0) throw noTextError(profile, scan);
      const limit = proposalLimit(options, ctx.maxProposals);
      const proposals: TaskProposal[] = [];
      for (const plan of scan.plans) {
        if (proposals.length >= limit) break;
        const p = buildProposal(profile, plan, options, ctx.seed);
        if (!proposals.some((q) => q.id === p.id)) proposals.push(p);
      }
      return { value: proposals, agent: 'deterministic' };
    },
  };
}
