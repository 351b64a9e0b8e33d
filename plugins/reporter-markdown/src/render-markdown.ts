// Renders a RunSummary as Markdown tables.
import type { FunnelStep, RunSummary, TaskSummary } from '@mle-smith/core';
import { readReportSections, type AgreementSection, type EloSection, type EvalSection } from '@mle-smith/stats';
import { cell, duration, num, pct, table } from './format.js';

const FUNNEL: Array<[FunnelStep, string]> = [
  ['proposal', 'proposals'],
  ['spec', 'specs designed'],
  ['package', 'packages materialized'],
  ['assertions', 'passed assertions'],
  ['review', 'passed review'],
  ['execution', 'passed execution'],
];

const STAT_LABELS: Record<string, string> = {
  n: 'n (solvers)',
  pearson: 'Pearson r',
  r2: 'R²',
  spearman: 'Spearman ρ',
  kendallTauB: 'Kendall τb',
  ccc: "Lin's CCC",
  icc21: 'ICC(2,1)',
  cronbachAlpha: 'Cronbach α',
  blandAltmanBias: 'Bland–Altman bias',
  blandAltmanSd: 'Bland–Altman sd',
  blandAltmanLower: 'Bland–Altman lower LoA',
  blandAltmanUpper: 'Bland–Altman upper LoA',
  topK: 'top-k: k',
  topKOverlap: 'top-k overlap',
};

const accepted = (t: TaskSummary) => t.status === 'accepted' || t.status === 'repaired';

function funnelSection(s: RunSummary): string {
  const total = s.funnel.proposal;
  const rows: unknown[][] = FUNNEL.map(([step, label]) => [label, s.funnel[step] ?? 0, pct(s.funnel[step] ?? 0, total)]);
  const acc = s.tasks.filter(accepted).length;
  rows.push(['**accepted**', `**${acc}**`, pct(acc, total)]);
  let out = `## Funnel\n\n${table(['step', 'tasks', 'of proposals'], rows, ['l', 'r', 'r'])}\n`;
  if (s.datasets.length) {
    out += `\n${table(
      ['dataset', 'designer', 'proposals', 'accepted', 'error'],
      s.datasets.map((d) => [d.name, d.designer, d.proposals, s.tasks.filter((t) => t.dataset === d.name && accepted(t)).length, d.error]),
      ['l', 'l', 'r', 'r', 'l'],
    )}\n`;
  }
  return out;
}

function tasksSection(s: RunSummary): string {
  if (!s.tasks.length) return '## Tasks\n\nNo task reached a verdict.\n';
  const verdict = (t: TaskSummary) => (t.status === 'accepted' ? '✅ accepted' : t.status === 'repaired' ? '🔧 repaired' : '❌ rejected');
  const rows = s.tasks.map((t) => [
    `\`${t.taskId}\``, t.dataset, t.metric ? `${t.metric} ${t.higherIsBetter === false ? '↓' : '↑'}` : undefined,
    verdict(t), t.attempts, t.reached, t.reasons.join('\n'),
  ]);
  return `## Tasks\n\n${table(['task', 'dataset', 'metric', 'verdict', 'attempts', 'reached', 'reasons'], rows, ['l', 'l', 'l', 'l', 'r', 'l', 'l'])}\n`;
}

function ladderSection(s: RunSummary): string {
  const tiers: string[] = [];
  for (const t of s.tasks) for (const l of t.ladder) if (!tiers.includes(l.tier)) tiers.push(l.tier);
  const withLadder = s.tasks.filter((t) => t.ladder.length);
  if (!withLadder.length) return '## Baseline ladder\n\nNo baseline was run.\n';
  const rows = withLadder.map((t) => [
    `\`${t.taskId}\``,
    t.metric ? `${t.metric} ${t.higherIsBetter === false ? '↓' : '↑'}` : undefined,
    ...tiers.map((tier) => {
      const e = t.ladder.find((l) => l.tier === tier);
      if (!e) return undefined;
      return e.score === null ? `${e.status}${e.exec?.timedOut ? ' (timeout)' : ''}` : num(e.score);
    }),
  ]);
  return `## Baseline ladder\n\nScore of each baseline tier per task (↑ higher is better, ↓ lower is better).\n\n${table(['task', 'metric', ...tiers], rows, ['l', 'l', ...tiers.map(() => 'r' as const)])}\n`;
}

function findingsSection(s: RunSummary): string {
  const byRule = new Map<string, { error: number; warning: number; info: number; tasks: Set<string> }>();
  for (const t of s.tasks) {
    for (const f of t.findings) {
      const e = byRule.get(f.ruleId) ?? { error: 0, warning: 0, info: 0, tasks: new Set<string>() };
      e[f.severity]++;
      e.tasks.add(t.taskId);
      byRule.set(f.ruleId, e);
    }
  }
  if (!byRule.size) return '## Findings by rule\n\nNo findings.\n';
  const rows = [...byRule.entries()]
    .sort((a, b) => b[1].error - a[1].error || b[1].warning - a[1].warning || a[0].localeCompare(b[0]))
    .map(([rule, e]) => [`\`${rule}\``, e.error, e.warning, e.info, [...e.tasks].sort().join(', ')]);
  return `## Findings by rule\n\n${table(['rule', 'errors', 'warnings', 'info', 'tasks'], rows, ['l', 'r', 'r', 'r', 'l'])}\n`;
}

/** With an LLM configured: per role, how many outputs the model produced and how many the deterministic fallback did. */
function fallbackTable(s: RunSummary): string {
  if (!s.llm) return '';
  const rows: unknown[][] = Object.entries(s.llm.roles).map(([role, c]) => [role, c.llm, c.fallback]);
  if (!rows.length) return '';
  return `\nAgent roles (${s.llm.model} at ${s.llm.endpoint}; \`llm.fallback\`: ${s.llm.fallback}):\n\n${table(['role', 'by the model', 'by the fallback'], rows, ['l', 'r', 'r'])}\n`;
}

function ledgerSection(s: RunSummary): string {
  if (!s.ledger.length) {
    return s.llm
      ? `## LLM usage\n\nNo model call succeeded.\n${fallbackTable(s)}`
      : '## LLM usage\n\nNo LLM calls (deterministic strategies).\n';
  }
  const groups = new Map<string, { role: string; model: string; calls: number; cached: number; input: number; output: number; cost: number; latency: number }>();
  for (const e of s.ledger) {
    const key = `${e.role}\u0000${e.model}`;
    const g = groups.get(key) ?? { role: e.role, model: e.model, calls: 0, cached: 0, input: 0, output: 0, cost: 0, latency: 0 };
    g.calls++;
    if (e.cached) g.cached++;
    g.input += e.inputTokens;
    g.output += e.outputTokens;
    g.cost += e.costUsd;
    g.latency += e.latencyMs;
    groups.set(key, g);
  }
  const all = [...groups.values()];
  const sum = (f: (g: (typeof all)[number]) => number) => all.reduce((s2, g) => s2 + f(g), 0);
  const rows: unknown[][] = all.map((g) => [g.role, g.model, g.calls, g.cached, g.input, g.output, `$${g.cost.toFixed(4)}`, duration(g.latency)]);
  rows.push(['**total**', '', `**${sum((g) => g.calls)}**`, sum((g) => g.cached), `**${sum((g) => g.input)}**`, `**${sum((g) => g.output)}**`, `**$${sum((g) => g.cost).toFixed(4)}**`, duration(sum((g) => g.latency))]);
  return `## LLM usage\n\n${table(['role', 'model', 'calls', 'cached', 'input tokens', 'output tokens', 'cost', 'latency'], rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'])}\n${fallbackTable(s)}`;
}

function evalSectionMd(e: EvalSection): string {
  const solvers = [...new Set(e.rows.map((r) => r.solver))].sort();
  const keys: string[] = [];
  const cells = new Map<string, { taskSet?: string; task: string; higherIsBetter?: boolean; bySolver: Map<string, { sum: number; n: number; invalid: number }> }>();
  for (const r of e.rows) {
    const key = `${r.taskSet ?? ''}\u0000${r.task}`;
    if (!cells.has(key)) {
      keys.push(key);
      cells.set(key, { taskSet: r.taskSet, task: r.task, higherIsBetter: r.higherIsBetter, bySolver: new Map() });
    }
    const c = cells.get(key)!;
    const s = c.bySolver.get(r.solver) ?? { sum: 0, n: 0, invalid: 0 };
    if (r.valid && r.score !== null) {
      s.sum += r.score;
      s.n++;
    } else s.invalid++;
    c.bySolver.set(r.solver, s);
  }
  const hasSets = e.rows.some((r) => r.taskSet !== undefined);
  const rows = keys.map((k) => {
    const c = cells.get(k)!;
    return [
      ...(hasSets ? [c.taskSet] : []),
      `\`${c.task}\` ${c.higherIsBetter === false ? '↓' : '↑'}`,
      ...solvers.map((s) => {
        const v = c.bySolver.get(s);
        if (!v) return undefined;
        if (!v.n) return 'invalid';
        return num(v.sum / v.n) + (v.invalid ? ` (${v.invalid} invalid)` : '');
      }),
    ];
  });
  const header = [...(hasSets ? ['task set'] : []), 'task', ...solvers];
  return `## Evaluation scores\n\nMean score over seeds per task and solver (${e.rows.length} runs, ${e.rows.filter((r) => !r.valid).length} invalid).\n\n${table(header, rows, header.map((_, i) => (i < (hasSets ? 2 : 1) ? 'l' : 'r')))}\n`;
}

function eloSectionMd(e: EloSection): string {
  const sets = [...new Set(e.rows.map((r) => r.taskSet))];
  const level = e.level ?? 0.95;
  const parts = sets.map((set) => {
    const rows = e.rows.filter((r) => r.taskSet === set).sort((a, b) => b.elo - a.elo);
    // an evaluation of models shows each model's spend next to its rating
    const spend = rows.some((r) => r.usage);
    const body = table(
      ['rank', 'solver', 'Elo', `${Math.round(level * 100)}% CI`, 'battles', ...(spend ? ['model', 'calls', 'tokens', 'cost (USD)'] : [])],
      rows.map((r, i) => [
        i + 1, r.solver, r.elo.toFixed(0), r.ci ? `${r.ci[0].toFixed(0)} – ${r.ci[1].toFixed(0)}` : undefined, r.battles === undefined ? undefined : num(r.battles),
        ...(spend ? [r.model, r.usage?.calls, r.usage && r.usage.inputTokens + r.usage.outputTokens, r.usage?.costUsd.toFixed(4)] : []),
      ]),
      ['r', 'l', 'r', 'r', 'r', ...(spend ? (['l', 'r', 'r', 'r'] as const) : [])],
    );
    return set === undefined ? body : `### ${set}\n\n${body}`;
  });
  const notes = [
    `base ${e.base ?? 1000}${e.anchor ? ` at solver ${e.anchor}` : ' = mean rating'}`,
    e.samples ? `${e.samples} bootstrap resamples of the tasks, seed ${e.seed ?? 0}` : 'no bootstrap',
  ];
  return `## Elo ratings\n\nBradley–Terry fit of pairwise battles per task on the Elo scale (${notes.join('; ')}).\n\n${parts.join('\n\n')}\n`;
}

function agreementSectionMd(a: AgreementSection): string {
  const names: string[] = [];
  for (const m of a.measures) for (const k of Object.keys(m.stats)) if (!names.includes(k)) names.push(k);
  const rows = names.map((n) => [STAT_LABELS[n] ?? n, ...a.measures.map((m) => num(m.stats[n] ?? null))]);
  let out = `## Agreement: ${cell(a.labels.a)} vs ${cell(a.labels.b)}\n\n${table(['statistic', ...a.measures.map((m) => m.measure)], rows, ['l', ...a.measures.map(() => 'r' as const)])}\n`;
  for (const m of a.measures) {
    out += `\n### ${m.measure} per solver\n\n${table(['solver', a.labels.a, a.labels.b, 'difference'], m.pairs.map((p) => [p.id, num(p.a), num(p.b), num(p.a - p.b)]), ['l', 'r', 'r', 'r'])}\n`;
  }
  return out;
}

/** The whole report as Markdown. Evaluation sections appear only when `summary.sections` has them. */
export function renderMarkdownReport(summary: RunSummary): string {
  const ms = Date.parse(summary.finishedAt) - Date.parse(summary.startedAt);
  const head = `# MLE-Smith report — run \`${summary.runId}\`\n\n` +
    `- started: ${summary.startedAt}\n- finished: ${summary.finishedAt} (${duration(ms)})\n` +
    `- datasets: ${summary.datasets.length}, tasks with a verdict: ${summary.tasks.length}, accepted: ${summary.tasks.filter(accepted).length}\n`;
  const parts = [head, funnelSection(summary), tasksSection(summary), ladderSection(summary), findingsSection(summary), ledgerSection(summary)];
  const sections = readReportSections(summary.sections);
  if (sections.eval) parts.push(evalSectionMd(sections.eval));
  if (sections.elo) parts.push(eloSectionMd(sections.elo));
  if (sections.agreement) parts.push(agreementSectionMd(sections.agreement));
  if (sections.skipped.length) parts.push(`> Sections left out because they are malformed: ${sections.skipped.join(', ')}.\n`);
  return parts.join('\n');
}
