// Direction of a human-designed grader the registry does not know, read from the competition's
// leaderboard: the best-ranked score above the worst-ranked one means higher is better.
import { DatasetError } from '@mle-smith/core';
import { readCsvColumns } from '@mle-smith/data';

/**
 * `file` lists scores best first (MLE-bench's leaderboard.csv), or with a `rank` column (MLE-Dojo's
 * `rank,score`). Throws when the scores do not tell the direction (fewer than two distinct scores).
 */
export async function higherIsBetterFrom(file: string): Promise<boolean> {
  const board = await readCsvColumns(file);
  const scores = board.columns.score;
  if (!scores) throw new DatasetError('has no "score" column, so the grader\'s direction is unknown', { file });
  const rows = Array.from({ length: board.rowCount }, (_, i) => ({ score: Number(scores[i]), rank: board.columns.rank ? Number(board.columns.rank[i]) : i }));
  const ranked = rows.filter((r) => Number.isFinite(r.score) && Number.isFinite(r.rank)).sort((a, b) => a.rank - b.rank);
  const best = ranked[0]?.score;
  const worst = ranked[ranked.length - 1]?.score;
  if (best === undefined || worst === undefined || best === worst) {
    throw new DatasetError('needs two different scores to tell whether higher is better', { file });
  }
  return best > worst;
}
