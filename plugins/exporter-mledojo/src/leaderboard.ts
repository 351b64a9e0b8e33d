// info/public_leaderboard.csv and info/private_leaderboard.csv (rank,score). A generated task has
// no human leaderboard, so this one is synthetic (docs/formats.md#mle-dojo): the metric's best
// value, the baseline ladder's scores and the sample submission's score, best first. Both files
// hold the same rows: the test set is not split into public and private parts.
import type { Grader, TaskManifest } from '@mle-smith/core';
import { join } from 'node:path';

export async function leaderboardScores(taskDir: string, manifest: TaskManifest, grader: Grader): Promise<number[]> {
  const metric = grader.metric?.(manifest.metric.name);
  const best = metric ? (manifest.metric.higherIsBetter ? metric.range[1] : metric.range[0]) : undefined;
  const ladder = (manifest.difficulty?.ladder ?? []).map((e) => e.score).filter((s): s is number => typeof s === 'number' && Number.isFinite(s));
  const sample = await grader.grade(taskDir, join(taskDir, 'public', 'sample_submission.csv'), manifest);
  const scores = [...(best !== undefined && Number.isFinite(best) ? [best] : []), ...ladder, ...(sample.valid && sample.score !== undefined ? [sample.score] : [])];
  return scores.sort((a, b) => (manifest.metric.higherIsBetter ? b - a : a - b));
}

export function leaderboardCsv(scores: number[]): string {
  return ['rank,score', ...scores.map((s, i) => `${i + 1},${s}`)].join('\n') + '\n';
}
