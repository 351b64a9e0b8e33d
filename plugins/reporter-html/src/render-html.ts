// Renders a RunSummary as one self-contained HTML file: data, chart specs and the vega runtime
// are all inlined, so the file opens offline (a CSP forbids every network fetch).
import type { RunSummary, TaskSummary } from '@mle-smith/core';
import { meanNormalizedScores, readReportSections, type AgreementSection, type EloSection, type EvalSection } from '@mle-smith/stats';
import { buildCharts, type Chart } from './chart-specs.js';
import { vegaAssets } from './vega-assets.js';

const STAT_LABELS: Record<string, string> = {
  n: 'n (solvers)', pearson: 'Pearson r', r2: 'R²', spearman: 'Spearman ρ', kendallTauB: 'Kendall τb', ccc: "Lin's CCC",
  icc21: 'ICC(2,1)', cronbachAlpha: 'Cronbach α', blandAltmanBias: 'Bland–Altman bias', blandAltmanSd: 'Bland–Altman sd',
  blandAltmanLower: 'lower limit of agreement', blandAltmanUpper: 'upper limit of agreement', topK: 'top-k: k', topKOverlap: 'top-k overlap',
};

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON that can sit inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function num(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  if (Math.abs(x) < 1e-9) return '0';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

function figure(c: Chart): string {
  return `<figure class="chart" data-chart="${escapeHtml(c.id)}">
  <figcaption><h3>${escapeHtml(c.title)}</h3><p>${escapeHtml(c.description)}</p></figcaption>
  <div class="chart-body"></div>
</figure>`;
}

function table(header: string[], rows: string[][], numeric: boolean[] = []): string {
  const th = header.map((h, i) => `<th${numeric[i] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric[i] ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

function tasksTable(tasks: TaskSummary[]): string {
  if (!tasks.length) return '<p class="muted">No task reached a verdict.</p>';
  return table(
    ['task', 'dataset', 'metric', 'verdict', 'attempts', 'reasons'],
    tasks.map((t) => [
      `<code>${escapeHtml(t.taskId)}</code>`,
      escapeHtml(t.dataset),
      t.metric ? `${escapeHtml(t.metric)} ${t.higherIsBetter === false ? '↓' : '↑'}` : '—',
      `<span class="verdict ${t.status}">${t.status}</span>`,
      String(t.attempts),
      t.reasons.length ? `<ul>${t.reasons.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul>` : '—',
    ]),
    [false, false, false, false, true, false],
  );
}

function evalHtml(e: EvalSection): string {
  const sets = [...new Set(e.rows.map((r) => r.taskSet))];
  const rows: string[][] = [];
  for (const set of sets) {
    const part = e.rows.filter((r) => r.taskSet === set);
    const norm = meanNormalizedScores(part);
    for (const n of norm) {
      const mine = part.filter((r) => r.solver === n.solver);
      rows.push([escapeHtml(set ?? 'all'), escapeHtml(n.solver), String(n.tasks), String(mine.length), String(mine.filter((r) => !r.valid).length), num(n.mean)]);
    }
  }
  return `<section id="eval"><h2>Evaluation</h2>
<p>${e.rows.length} runs over ${new Set(e.rows.map((r) => `${r.taskSet ?? ''}\u0000${r.task}`)).size} tasks. Mean normalized score: per task, 1 = best run, 0 = worst (invalid runs score 0).</p>
${table(['task set', 'solver', 'tasks', 'runs', 'invalid', 'mean normalized score'], rows, [false, false, true, true, true, true])}
</section>`;
}

function eloHtml(e: EloSection, charts: Chart[]): string {
  const sets = [...new Set(e.rows.map((r) => r.taskSet ?? ''))];
  const rows = [...e.rows]
    .sort((a, b) => sets.indexOf(a.taskSet ?? '') - sets.indexOf(b.taskSet ?? '') || b.elo - a.elo)
    .map((r) => [escapeHtml(r.taskSet ?? 'all'), escapeHtml(r.solver), r.elo.toFixed(0), r.ci ? `${r.ci[0].toFixed(0)} – ${r.ci[1].toFixed(0)}` : '—']);
  return `<section id="elo"><h2>Elo ratings</h2>
${charts.map(figure).join('\n')}
${table(['task set', 'solver', 'Elo', `${Math.round((e.level ?? 0.95) * 100)}% CI`], rows, [false, false, true, true])}
</section>`;
}

function agreementHtml(a: AgreementSection, charts: Chart[]): string {
  const names: string[] = [];
  for (const m of a.measures) for (const k of Object.keys(m.stats)) if (!names.includes(k)) names.push(k);
  const rows = names.map((n) => [escapeHtml(STAT_LABELS[n] ?? n), ...a.measures.map((m) => num(m.stats[n] ?? null))]);
  return `<section id="agreement"><h2>Agreement: ${escapeHtml(a.labels.a)} vs ${escapeHtml(a.labels.b)}</h2>
${table(['statistic', ...a.measures.map((m) => m.measure)], rows, [false, ...a.measures.map(() => true)])}
<div class="grid">${charts.map(figure).join('\n')}</div>
</section>`;
}

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1180px; padding: 24px; color: #222; }
h1 { margin-bottom: 4px; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 36px; } h3 { margin: 0 0 2px; font-size: 15px; }
.muted, figcaption p { color: #666; margin: 0 0 8px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 10px 16px; min-width: 110px; }
.card b { display: block; font-size: 22px; }
figure.chart { margin: 16px 0; padding: 12px; border: 1px solid #eee; border-radius: 6px; overflow-x: auto; }
.grid { display: flex; flex-wrap: wrap; gap: 12px; } .grid > figure.chart { width: calc(50% - 6px); box-sizing: border-box; margin: 0; }
table { border-collapse: collapse; margin: 12px 0; } th, td { border-bottom: 1px solid #eee; padding: 4px 10px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; } td ul { margin: 0; padding-left: 18px; }
.verdict { padding: 1px 8px; border-radius: 10px; font-size: 12px; } .accepted { background: #d8f3dc; } .repaired { background: #fff3bf; } .rejected { background: #ffd6d6; }
.chart-error { color: #b00020; }
`;

// Renders every chart, marks each container with data-rendered once vegaEmbed resolves (or
// "error"), and the body once all are done, so tests and screenshots know when to look.
const BOOT = `
(function () {
  var charts = JSON.parse(document.getElementById('mle-smith-charts').textContent);
  var jobs = charts.map(function (c) {
    var fig = document.querySelector('[data-chart="' + c.id + '"]');
    var body = fig.querySelector('.chart-body');
    return vegaEmbed(body, c.spec, { actions: false, renderer: 'svg' }).then(function () {
      fig.setAttribute('data-rendered', 'true');
    }, function (err) {
      fig.setAttribute('data-rendered', 'error');
      body.innerHTML = '<p class="chart-error"></p>';
      body.firstChild.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : err);
      console.error('chart ' + c.id + ' failed:', err);
    });
  });
  Promise.all(jobs).then(function () { document.body.setAttribute('data-rendered', 'true'); });
})();
`;

/** The complete report page. */
export function renderHtmlReport(summary: RunSummary): string {
  const sections = readReportSections(summary.sections);
  const charts = buildCharts(summary, sections);
  // An eval or compare report has sections but no generation run: leave the empty run part out.
  const hasRun = summary.datasets.length > 0 || summary.tasks.length > 0 || (!sections.eval && !sections.elo && !sections.agreement);
  if (!hasRun) charts.run = [];
  const all = [...charts.run, ...charts.elo, ...charts.agreement];
  const accepted = summary.tasks.filter((t) => t.status !== 'rejected').length;
  const findings = summary.tasks.reduce((s, t) => s + t.findings.length, 0);
  const cost = summary.ledger.reduce((s, e) => s + e.costUsd, 0);
  const assets = vegaAssets();
  const cards: Array<[string, string]> = [
    ['datasets', String(summary.datasets.length)],
    ['proposals', String(summary.funnel.proposal)],
    ['accepted tasks', String(accepted)],
    ['findings', String(findings)],
    ['LLM cost', `$${cost.toFixed(2)}`],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<meta name="generator" content="MLE-Smith reporter-html (${assets.map((a) => `${a.name} ${a.version}`).join(', ')})">
<title>MLE-Smith report — run ${escapeHtml(summary.runId)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>MLE-Smith report — run <code>${escapeHtml(summary.runId)}</code></h1>
<p class="muted">${escapeHtml(summary.startedAt)} → ${escapeHtml(summary.finishedAt)}</p>
${hasRun ? `<div class="cards">${cards.map(([k, v]) => `<div class="card"><b>${escapeHtml(v)}</b>${escapeHtml(k)}</div>`).join('')}</div>` : ''}
</header>
${hasRun ? `<section id="run"><h2>Task generation</h2>
${charts.run.map(figure).join('\n')}
</section>
<section id="tasks"><h2>Tasks</h2>
${tasksTable(summary.tasks)}
</section>` : ''}
${sections.eval ? evalHtml(sections.eval) : ''}
${sections.elo && charts.elo.length ? eloHtml(sections.elo, charts.elo) : ''}
${sections.agreement ? agreementHtml(sections.agreement, charts.agreement) : ''}
${sections.skipped.length ? `<p class="muted">Sections left out because they are malformed: ${escapeHtml(sections.skipped.join(', '))}.</p>` : ''}
<script type="application/json" id="mle-smith-charts">${scriptJson(all.map((c) => ({ id: c.id, spec: c.spec })))}</script>
${assets.map((a) => `<script data-lib="${a.name}@${a.version}">${a.source}</script>`).join('\n')}
<script>${BOOT}</script>
</body>
</html>
`;
}
