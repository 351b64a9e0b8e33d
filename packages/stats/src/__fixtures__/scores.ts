// A synthetic but realistic scores table: solvers of known latent skill on tasks with mixed metric
// directions, several seeds, and some invalid runs.
import { mulberry32 } from '../prng.js';
import type { ScoreRow } from '../scores.js';

export const SKILL: Record<string, number> = { 'gbm-agent': 2.0, 'llm-agent': 1.4, 'linear': 0.6, 'random-forest': 1.0, 'majority': -0.5 };

export function scoresTable(options: { tasks?: number; seeds?: number; seed?: number; prefix?: string; noise?: number } = {}): ScoreRow[] {
  const rand = mulberry32(options.seed ?? 7);
  const rows: ScoreRow[] = [];
  const tasks = options.tasks ?? 24;
  const seeds = options.seeds ?? 2;
  for (let t = 0; t < tasks; t++) {
    const task = `${options.prefix ?? 'task'}-${String(t).padStart(2, '0')}`;
    const higherIsBetter = t % 3 !== 0; // every third task is an error metric (RMSE-like)
    const difficulty = rand();
    for (const [solver, skill] of Object.entries(SKILL)) {
      for (let s = 0; s < seeds; s++) {
        const invalid = rand() < (solver === 'llm-agent' ? 0.12 : 0.03);
        const quality = skill + (options.noise ?? 1.2) * (rand() - 0.5) - difficulty;
        const score = higherIsBetter ? 1 / (1 + Math.exp(-quality)) : Math.exp(-quality);
        rows.push({ task, solver, seed: s, score: invalid ? null : Math.round(score * 1e4) / 1e4, valid: !invalid, higherIsBetter });
      }
    }
  }
  return rows;
}
