// The vega-lite specs of the report's charts, built from a RunSummary. The funnel, findings and
// ladder charts are always present (with a "nothing to show" note when empty); Elo and the
// agreement charts only when the summary has those sections.
import type { FunnelStep, RunSummary } from '@mle-smith/core';
import { blandAltman, type AgreementMeasure, type AgreementSection, type EloSection, type ReportSections } from '@mle-smith/stats';
import type { TopLevelSpec } from 'vega-lite';

export interface Chart {
  /** Stable id, used as the container's data-chart attribute. */
  id: string;
  title: string;
  description: string;
  spec: TopLevelSpec;
}

const FUNNEL: Array<[FunnelStep, string]> = [
  ['proposal', 'proposals'],
  ['spec', 'specs'],
  ['package', 'packages'],
  ['assertions', 'assertions passed'],
  ['review', 'review passed'],
  ['execution', 'execution passed'],
];

const SEVERITY_COLORS = { domain: ['error', 'warning', 'info'], range: ['#d62728', '#ff7f0e', '#1f77b4'] };
const WIDTH = 560;

/** A chart that only says there is nothing to plot, so the container still renders. */
function empty(text: string): TopLevelSpec {
  return {
    width: WIDTH,
    height: 40,
    data: { values: [{ text }] },
    mark: { type: 'text', fontSize: 14, color: '#666' },
    encoding: { text: { field: 'text', type: 'nominal' } },
  };
}

function funnelChart(s: RunSummary): Chart {
  const values = FUNNEL.map(([step, label], i) => ({ step: label, order: i, count: s.funnel[step] ?? 0, kind: 'stage' }));
  values.push({ step: 'accepted', order: FUNNEL.length, count: s.tasks.filter((t) => t.status !== 'rejected').length, kind: 'accepted' });
  return {
    id: 'funnel',
    title: 'Funnel: proposals → accepted tasks',
    description: 'How many tasks reached each step of generate → verify → execute.',
    spec: {
      width: WIDTH,
      data: { values },
      encoding: {
        y: { field: 'step', type: 'nominal', sort: values.map((v) => v.step), title: null },
        x: { field: 'count', type: 'quantitative', title: 'tasks' },
      },
      layer: [
        {
          mark: { type: 'bar', tooltip: true },
          encoding: {
            color: { field: 'kind', type: 'nominal', legend: null, scale: { domain: ['stage', 'accepted'], range: ['#4c78a8', '#2ca02c'] } },
          },
        },
        { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'count', type: 'quantitative' } } },
      ],
    },
  };
}

function findingsChart(s: RunSummary): Chart {
  const values = s.tasks.flatMap((t) => t.findings.map((f) => ({ rule: f.ruleId, severity: f.severity, task: t.taskId })));
  return {
    id: 'findings',
    title: 'Findings by rule',
    description: 'Verifier findings of all tasks, by rule and severity.',
    spec: values.length
      ? {
          width: WIDTH,
          data: { values },
          mark: { type: 'bar', tooltip: true },
          encoding: {
            y: { field: 'rule', type: 'nominal', sort: '-x', title: null },
            x: { aggregate: 'count', type: 'quantitative', title: 'findings' },
            color: { field: 'severity', type: 'nominal', scale: SEVERITY_COLORS },
          },
        }
      : empty('No findings.'),
  };
}

function ladderChart(s: RunSummary): Chart {
  const tiers: string[] = [];
  for (const t of s.tasks) for (const l of t.ladder) if (!tiers.includes(l.tier)) tiers.push(l.tier);
  const values = s.tasks.flatMap((t) =>
    t.ladder
      .filter((l) => l.score !== null)
      .map((l) => ({
        task: `${t.taskId} (${t.metric ?? 'score'} ${t.higherIsBetter === false ? '↓' : '↑'})`,
        tier: l.tier,
        score: l.score,
        solver: l.solver,
        status: t.status,
      })),
  );
  return {
    id: 'ladder',
    title: 'Baseline ladder per task',
    description: 'Score of each baseline tier (trivial → simple → strong); each task on its own scale, ↓ = lower is better.',
    spec: values.length
      ? {
          data: { values },
          facet: { field: 'task', type: 'nominal', title: null, header: { labelFontWeight: 'bold' } },
          columns: 3,
          resolve: { scale: { y: 'independent' } },
          spec: {
            width: 160,
            height: 120,
            mark: { type: 'bar', tooltip: true },
            encoding: {
              x: { field: 'tier', type: 'nominal', sort: tiers, title: null, axis: { labelAngle: 0 } },
              y: { field: 'score', type: 'quantitative' },
              color: { field: 'tier', type: 'nominal', sort: tiers, legend: null },
            },
          },
        }
      : empty('No baseline was run.'),
  };
}

function eloChart(e: EloSection): Chart {
  const values = e.rows.map((r) => ({ solver: r.solver, elo: r.elo, lo: r.ci?.[0] ?? r.elo, hi: r.ci?.[1] ?? r.elo, set: r.taskSet ?? 'all tasks' }));
  const sets = [...new Set(values.map((v) => v.set))];
  const level = Math.round((e.level ?? 0.95) * 100);
  return {
    id: 'elo',
    title: 'Elo ratings with bootstrap intervals',
    description: `Bradley–Terry Elo (base ${e.base ?? 1000}); bars are ${level}% bootstrap intervals over tasks.`,
    spec: {
      width: WIDTH,
      data: { values },
      encoding: {
        y: { field: 'solver', type: 'nominal', sort: { field: 'elo', op: 'max', order: 'descending' }, title: null },
        yOffset: { field: 'set', type: 'nominal', sort: sets },
        color: { field: 'set', type: 'nominal', sort: sets, title: 'task set' },
      },
      layer: [
        { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'lo', type: 'quantitative', title: 'Elo', scale: { zero: false } }, x2: { field: 'hi' } } },
        { mark: { type: 'point', filled: true, size: 60, tooltip: true }, encoding: { x: { field: 'elo', type: 'quantitative' } } },
      ],
    },
  };
}

function scatterChart(a: AgreementSection, m: AgreementMeasure): Chart {
  const values = m.pairs.map((p) => ({ solver: p.id, a: p.a, b: p.b }));
  const all = values.flatMap((v) => [v.a, v.b]);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const stat = (k: string) => (typeof m.stats[k] === 'number' ? (m.stats[k] as number).toFixed(3) : '—');
  return {
    id: `agreement-${m.measure}`,
    title: `Agreement of ${m.measure}: ${a.labels.a} vs ${a.labels.b}`,
    description: `One point per solver; the line is y = x. Pearson r ${stat('pearson')}, Kendall τb ${stat('kendallTauB')}, CCC ${stat('ccc')}.`,
    spec: {
      width: 360,
      height: 360,
      layer: [
        {
          data: { values: [{ a: lo, b: lo }, { a: hi, b: hi }] },
          mark: { type: 'line', color: '#999', strokeDash: [4, 4] },
          encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } },
        },
        {
          data: { values },
          mark: { type: 'point', filled: true, size: 70, tooltip: true },
          encoding: {
            x: { field: 'a', type: 'quantitative', title: `${m.measure} on ${a.labels.a}`, scale: { zero: false } },
            y: { field: 'b', type: 'quantitative', title: `${m.measure} on ${a.labels.b}`, scale: { zero: false } },
          },
        },
        {
          data: { values },
          mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontSize: 11 },
          encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' }, text: { field: 'solver', type: 'nominal' } },
        },
      ],
    },
  };
}

function blandAltmanChart(a: AgreementSection, m: AgreementMeasure): Chart | undefined {
  if (m.pairs.length < 2) return undefined;
  const ba = blandAltman(m.pairs.map((p) => p.a), m.pairs.map((p) => p.b));
  const points = ba.points.map((p, i) => ({ solver: m.pairs[i]!.id, mean: p.mean, diff: p.diff }));
  // Differences far below the spread are rounding noise (Elo on both sets is centred at the base).
  const show = (x: number) => (Math.abs(x) < 1e-9 * Math.max(1, ba.sd) ? '0' : String(Number(x.toPrecision(3))));
  const lines = [
    { label: `bias ${show(ba.bias)}`, y: ba.bias, dash: 'bias' },
    { label: `+1.96 sd ${show(ba.upper)}`, y: ba.upper, dash: 'limit' },
    { label: `−1.96 sd ${show(ba.lower)}`, y: ba.lower, dash: 'limit' },
  ];
  return {
    id: `bland-altman-${m.measure}`,
    title: `Bland–Altman of ${m.measure}: ${a.labels.a} − ${a.labels.b}`,
    description: 'Difference against mean per solver, with the bias and the 95% limits of agreement.',
    spec: {
      width: 420,
      height: 300,
      layer: [
        {
          data: { values: lines },
          mark: { type: 'rule' },
          encoding: {
            y: { field: 'y', type: 'quantitative' },
            strokeDash: { field: 'dash', type: 'nominal', scale: { domain: ['bias', 'limit'], range: [[1, 0], [5, 4]] }, legend: null },
            color: { value: '#888' },
          },
        },
        {
          data: { values: lines },
          mark: { type: 'text', align: 'right', dy: -6, fontSize: 10, color: '#555' },
          encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: 420 }, text: { field: 'label', type: 'nominal' } },
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 70, tooltip: true },
          encoding: {
            x: { field: 'mean', type: 'quantitative', title: `mean of the two ${m.measure} values`, scale: { zero: false } },
            y: { field: 'diff', type: 'quantitative', title: `${a.labels.a} − ${a.labels.b}` },
          },
        },
      ],
    },
  };
}

/** Every chart of the report, in page order. */
export function buildCharts(summary: RunSummary, sections: ReportSections): { run: Chart[]; elo: Chart[]; agreement: Chart[] } {
  return {
    run: [funnelChart(summary), findingsChart(summary), ladderChart(summary)],
    elo: sections.elo && sections.elo.rows.length ? [eloChart(sections.elo)] : [],
    agreement: sections.agreement
      ? sections.agreement.measures
          .filter((m) => m.pairs.length > 0)
          .flatMap((m) => [scatterChart(sections.agreement!, m), blandAltmanChart(sections.agreement!, m)].filter((c): c is Chart => c !== undefined))
      : [],
  };
}
