// A realistic RunSummary: three datasets, accepted/repaired/rejected tasks with findings and a
// baseline ladder, an LLM ledger, and eval/elo/agreement sections computed by @mle-smith/stats
// from a synthetic generated-vs-human evaluation.
import { mulberry32, type RunSummary, type TaskSummary } from '@mle-smith/core';
import { compareScoreSets, comparisonSections, type ScoreRow } from '@mle-smith/stats';

const SKILL: Record<string, number> = { 'gbm-agent': 2.0, 'llm-agent': 1.4, 'random-forest': 1.0, linear: 0.6, majority: -0.5 };

function scores(prefix: string, tasks: number, seed: number): ScoreRow[] {
  const rand = mulberry32(seed);
  const rows: ScoreRow[] = [];
  for (let t = 0; t < tasks; t++) {
    const higherIsBetter = t % 3 !== 0;
    const difficulty = rand();
    for (const [solver, skill] of Object.entries(SKILL)) {
      const invalid = rand() < 0.05;
      const q = skill + 1.2 * (rand() - 0.5) - difficulty;
      const score = higherIsBetter ? 1 / (1 + Math.exp(-q)) : Math.exp(-q);
      rows.push({ task: `${prefix}-${t}`, solver, seed: 0, score: invalid ? null : Math.round(score * 1e4) / 1e4, valid: !invalid, higherIsBetter });
    }
  }
  return rows;
}

function task(taskId: string, dataset: string, status: TaskSummary['status'], metric: string, higherIsBetter: boolean, ladder: Array<[string, number | null]>, extra: Partial<TaskSummary> = {}): TaskSummary {
  return {
    taskId,
    dataset,
    status,
    attempts: status === 'repaired' ? 2 : 1,
    reasons: [],
    findings: [],
    reached: 'execution',
    title: taskId.replace(/-/g, ' '),
    modality: 'tabular',
    metric,
    higherIsBetter,
    ladder: ladder.map(([tier, score], i) => ({
      solver: `baseline-${tier}`,
      tier,
      status: score === null ? 'failed' : 'ok',
      score,
      exec: { exitCode: score === null ? 1 : 0, timedOut: false, durationMs: 800 + 1500 * i, ...(score === null ? { error: 'exit code 1' } : {}) },
    })),
    taskDir: `/runs/r1/tasks/${taskId}`,
    ...extra,
  };
}

/** A RunSummary for reporter tests (`sections: false` leaves out the evaluation sections). */
export function sampleRunSummary(options: { sections?: boolean } = {}): RunSummary {
  const generated = scores('gen', 18, 11);
  const human = scores('human', 12, 12);
  const cmp = compareScoreSets(generated, human, { labels: { a: 'generated', b: 'human' }, bootstrap: 200, seed: 5 });
  const tasks: TaskSummary[] = [
    task('iris-species', 'iris', 'accepted', 'accuracy', true, [['trivial', 0.333], ['simple', 0.9], ['strong', 0.947]]),
    task('wine-quality-class', 'wine', 'repaired', 'macro_f1', true, [['trivial', 0.21], ['simple', 0.64], ['strong', 0.78]], {
      findings: [{ ruleId: 'leakage/near-perfect-feature', severity: 'error', message: 'column "quality_label" predicts the target (AUC 0.99)', phase: 'package', location: 'public/train.csv#quality_label' }],
      reasons: ['repaired after: leakage/near-perfect-feature'],
    }),
    task('diabetes-progression', 'diabetes', 'accepted', 'rmse', false, [['trivial', 77.1], ['simple', 54.2], ['strong', 52.8]], {
      findings: [{ ruleId: 'structural/min-rows', severity: 'warning', message: 'test split has 89 rows (< 100 recommended)', phase: 'package' }],
    }),
    task('wine-alcohol', 'wine', 'rejected', 'rmse', false, [['trivial', 1.07], ['simple', 0.41], ['strong', 0.4]], {
      findings: [
        { ruleId: 'execution/ladder-margin', severity: 'error', message: 'strong baseline is not clearly better than simple (0.40 vs 0.41)', phase: 'execute' },
        { ruleId: 'leakage/derived-target-source', severity: 'error', message: 'target derived from "alcohol" which is still public', phase: 'spec', location: '/target' },
        { ruleId: 'structural/min-rows', severity: 'warning', message: 'test split has 36 rows', phase: 'package' },
      ],
      reasons: ['execution/ladder-margin: strong baseline is not clearly better than simple', 'leakage/derived-target-source: target derived from "alcohol"'],
    }),
    task('iris-petal-width', 'iris', 'rejected', 'r2', true, [['trivial', 0], ['simple', null], ['strong', 0.93]], {
      findings: [{ ruleId: 'execution/baseline-failed', severity: 'error', message: 'baseline "simple" produced no valid submission', phase: 'execute' }],
      reasons: ['execution/baseline-failed: baseline "simple" produced no valid submission'],
    }),
  ];
  const summary: RunSummary = {
    runId: 'r1',
    runDir: '/runs/r1',
    startedAt: '2025-05-01T10:00:00.000Z',
    finishedAt: '2025-05-01T10:14:31.250Z',
    datasets: [
      { name: 'iris', designer: 'tabular', proposals: 4 },
      { name: 'wine', designer: 'tabular', proposals: 4 },
      { name: 'diabetes', designer: 'tabular', proposals: 3 },
      { name: 'broken', proposals: 0, error: 'no table found in dataset folder' },
    ],
    funnel: { proposal: 11, spec: 9, package: 8, assertions: 6, review: 6, execution: 5 },
    tasks,
    ledger: [
      { role: 'brainstormer', dataset: 'iris', model: 'gpt-4.1-mini', inputTokens: 4200, outputTokens: 900, costUsd: 0.0031, latencyMs: 5200, cached: false },
      { role: 'designer', taskId: 'wine-quality-class', dataset: 'wine', model: 'gpt-4.1-mini', inputTokens: 9100, outputTokens: 2100, costUsd: 0.0072, latencyMs: 9800, cached: false },
      { role: 'designer', taskId: 'wine-quality-class', dataset: 'wine', model: 'gpt-4.1-mini', inputTokens: 9100, outputTokens: 2100, costUsd: 0, latencyMs: 3, cached: true },
      { role: 'reviewer', taskId: 'iris-species', dataset: 'iris', model: 'gpt-4.1', inputTokens: 6000, outputTokens: 450, costUsd: 0.0156, latencyMs: 7100, cached: false },
    ],
  };
  if (options.sections !== false) summary.sections = { ...comparisonSections(cmp, generated, human) };
  return summary;
}
