// The deterministic reviewer: what a reader would check in description.md that a program can
// check too. It runs with or without an LLM.
import type { Finding, PackageTarget, Severity } from '@mle-smith/core';
import { codeBlocks, documentedColumns, findSection, mentions, sections } from './markdown.js';
import type { PackageView } from './package-view.js';

export interface DeterministicOptions {
  /** Above this many public columns, descriptions may summarise columns: skip review/undocumented-column. */
  maxDocumentedColumns: number;
}

const REQUIRED_SECTIONS: Array<{ name: string; pattern: RegExp }> = [
  { name: 'Overview', pattern: /overview|introduction|background/i },
  { name: 'Data', pattern: /\bdata\b|dataset|files/i },
  { name: 'Evaluation', pattern: /evaluation|metric|scoring/i },
  { name: 'Submission', pattern: /submission/i },
];

function finding(id: string, severity: Severity, message: string, location = 'description.md', data?: Record<string, unknown>): Finding {
  return { ruleId: `review/${id}`, severity, message, location, phase: 'review', ...(data ? { data } : {}) };
}

function metricNames(name: string): string[] {
  return [...new Set([name, name.replace(/_/g, ' '), name.replace(/_/g, '-')])];
}

function csvHeaderOf(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** Sentences that say what a row is: "Each row is …", "one row per …", "the observations are …". */
const ROW_UNIT = /\b(each|every|one) (row|record|observation|line)\b|\brows? (is|are|represents?|corresponds? to|describes?)\b|\bobservations are\b|\bone row per\b/i;

const ROLE_WORDS: Record<string, string> = { identifier: 'an identifier', 'time-index': 'a time index', design: 'a design variable (set by the experimenter)' };

/**
 * A target no statistician would set (an identifier, a time index outside forecasting, a design
 * variable named as such) and features that only name rows.
 */
function roleFindings(pkg: PackageTarget, view: PackageView): Finding[] {
  const { manifest } = pkg;
  const out: Finding[] = [];
  const target = view.roles[manifest.target];
  const forecasting = manifest.objective === 'forecasting';
  if (target && (target.role === 'identifier' || target.role === 'design' || (target.role === 'time-index' && !forecasting))) {
    // A design factor seen only in the data (balanced and crossed) may be a designed class label: a warning.
    const severity = target.role === 'design' && /crossed design/.test(target.reason) ? 'warning' : 'error';
    out.push(finding('target-role', severity, `the target "${manifest.target}" is ${ROLE_WORDS[target.role]} (${target.reason}), not an outcome worth predicting`, `column:${manifest.target}`, { column: manifest.target, role: target.role }));
  }
  // A forecasting task's time and series columns are its index: unique and in row order by design.
  const index = new Set([manifest.target, manifest.submission.idColumn, ...(forecasting && manifest.timeseries ? [manifest.timeseries.timeColumn, ...manifest.timeseries.seriesColumns] : [])]);
  const ids = Object.entries(view.roles).filter(([c, r]) => r.role === 'identifier' && !index.has(c)).map(([c]) => c);
  if (ids.length) {
    out.push(finding('identifier-feature', 'error', `feature(s) ${ids.map((c) => `"${c}"`).join(', ')} only name rows (${view.roles[ids[0]].reason}); drop them`, 'public/train.csv', { columns: ids }));
  }
  return out;
}

export function deterministicReview(pkg: PackageTarget, view: PackageView, opts: DeterministicOptions): Finding[] {
  const { manifest } = pkg;
  const text = view.description;
  if (!text?.trim()) return [finding('description', 'error', 'description.md is missing or empty; write an overview, the data files, the evaluation and the submission format')];
  const out: Finding[] = [];
  const all = sections(text);

  for (const s of REQUIRED_SECTIONS) {
    if (!findSection(all, s.pattern)) out.push(finding('sections', 'warning', `description.md has no ${s.name} section; add a "## ${s.name}" heading`, 'description.md', { section: s.name }));
  }
  if (!metricNames(manifest.metric.name).some((n) => mentions(text, n))) {
    out.push(finding('metric-mentioned', 'warning', `description.md never names the metric "${manifest.metric.name}"; say how submissions are scored`, 'description.md', { metric: manifest.metric.name }));
  }
  if (!mentions(text, manifest.target)) {
    out.push(finding('target-mentioned', 'warning', `description.md never names the target column "${manifest.target}"; say what is predicted`, 'description.md', { column: manifest.target }));
  }
  for (const file of view.publicFiles) {
    if (!text.includes(file)) out.push(finding('files-mentioned', 'warning', `description.md does not mention public/${file}; describe every file a solver receives`, 'description.md', { file: `public/${file}` }));
  }

  const publicColumns = new Set([...(view.headers.train ?? []), ...(view.headers.test ?? []), ...(view.headers.sample ?? [])]);
  if (publicColumns.size > 0) {
    const documented = documentedColumns(text);
    const unknown = documented.filter((c) => !publicColumns.has(c) && c !== manifest.target && c !== manifest.submission.idColumn);
    // Only a list that names at least one real column is a column list (not, say, a table of metrics).
    if (documented.some((c) => publicColumns.has(c))) {
      for (const c of unknown) {
        out.push(finding('unknown-column', 'error', `description.md documents a column "${c}" that no public file has; remove it or fix the name`, 'description.md', { column: c }));
      }
    }
    if (publicColumns.size <= opts.maxDocumentedColumns) {
      const missing = [...publicColumns].filter((c) => !mentions(text, c));
      if (missing.length) {
        out.push(finding('undocumented-column', 'warning', `description.md never mentions column(s) ${missing.slice(0, 10).map((c) => `"${c}"`).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}; document every public column`, 'description.md', { columns: missing }));
      }
    }
  }

  out.push(...roleFindings(pkg, view));
  if (!ROW_UNIT.test(text)) {
    out.push(finding('row-unit', 'warning', 'description.md does not say what one row is (e.g. "Each row is one patient visit"); a solver needs the unit of observation', 'description.md'));
  }

  const submission = findSection(all, /submission/i);
  const sample = view.headers.sample;
  if (submission && sample) {
    const example = codeBlocks(submission.body).map((b) => b.lines.find((l) => l.trim() !== '')).find((l) => l !== undefined && l.includes(','));
    if (!example) {
      out.push(finding('submission-example', 'warning', 'the Submission section has no example; show the first lines of sample_submission.csv in a code block', `description.md, section "${submission.title}"`));
    } else {
      const header = csvHeaderOf(example);
      if (header.join(',') !== sample.join(',')) {
        out.push(finding('submission-example', 'error', `the submission example's header [${header.join(', ')}] differs from sample_submission.csv's [${sample.join(', ')}]; make them agree`, `description.md, section "${submission.title}"`, { example: header, sample }));
      }
    }
  }
  return out;
}
