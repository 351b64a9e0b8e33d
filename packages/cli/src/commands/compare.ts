import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DatasetError, errorMessage } from '@mle-smith/core';
import { readCsvColumns } from '@mle-smith/data';
import { compareScoreSets, type ScoreRow } from '@mle-smith/stats';
import type { CommandContext } from '../main.js';

async function readScores(path: string): Promise<ScoreRow[]> {
  if (path.endsWith('.csv')) {
    const { columns, rowCount } = await readCsvColumns(path, { allVarchar: true });
    const col = (name: string): unknown[] => {
      const c = columns[name];
      if (!c) throw new DatasetError(`missing column "${name}"`, { file: path });
      return Array.from(c as ArrayLike<unknown>);
    };
    const [task, solver, score, valid, seed] = ['task', 'solver', 'score', 'valid', 'seed'].map(col);
    const hib = columns.higherIsBetter ? Array.from(columns.higherIsBetter as ArrayLike<unknown>) : undefined;
    return Array.from({ length: rowCount }, (_, i) => ({
      task: String(task![i]), solver: String(solver![i]), seed: Number(seed![i] ?? 0),
      score: score![i] === null || score![i] === '' ? null : Number(score![i]),
      valid: String(valid![i]) === 'true', higherIsBetter: hib ? String(hib[i]) !== 'false' : true,
    }));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new DatasetError(`cannot read scores: ${errorMessage(err)}`, { file: path });
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { scores?: unknown }).scores;
  if (!Array.isArray(rows)) throw new DatasetError('expected an array of score rows (or { "scores": [...] })', { file: path });
  return rows as ScoreRow[];
}

export async function compareCommand(ctx: CommandContext, flags: { a: string; b: string; json?: boolean }): Promise<number> {
  const a = await readScores(resolve(ctx.cwd, flags.a));
  const b = await readScores(resolve(ctx.cwd, flags.b));
  const result = compareScoreSets(a, b);
  if (flags.json) {
    ctx.stdout(JSON.stringify(result, null, 2) + '\n');
    return 0;
  }
  ctx.stdout('solver                    Elo(A)    Elo(B)    Elo(A∪B)\n');
  for (const s of result.solvers) {
    const get = (set: 'a' | 'b' | 'union'): string => result.elo[set].ratings.find((r) => r.solver === s)?.elo.toFixed(1).padStart(8) ?? '       -';
    ctx.stdout(`${s.padEnd(24)} ${get('a')}  ${get('b')}  ${get('union')}\n`);
  }
  for (const [name, m] of Object.entries(result.agreement)) {
    ctx.stdout(`\nagreement of ${name} (A vs B):\n`);
    for (const [stat, value] of Object.entries(m.stats)) ctx.stdout(`  ${stat.padEnd(18)} ${typeof value === 'number' ? value.toFixed(4) : JSON.stringify(value)}\n`);
  }
  return 0;
}
