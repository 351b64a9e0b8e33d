import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DatasetError, errorMessage } from '@mle-smith/core';
import { readCsvColumns } from '@mle-smith/data';
import { compareScoreSets, comparisonSections, type ScoreRow } from '@mle-smith/stats';
import { randomRunId } from '@mle-smith/core';
import { wire } from '../composition-root.js';
import { writeSectionReports } from '../section-reports.js';
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
    const status = columns.status ? Array.from(columns.status as ArrayLike<unknown>) : undefined;
    return played(Array.from({ length: rowCount }, (_, i) => ({
      task: String(task![i]), solver: String(solver![i]), seed: Number(seed![i] ?? 0),
      score: score![i] === null || score![i] === '' ? null : Number(score![i]),
      valid: String(valid![i]) === 'true', higherIsBetter: hib ? String(hib[i]) !== 'false' : true,
      status: status ? String(status[i]) : undefined,
    })));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new DatasetError(`cannot read scores: ${errorMessage(err)}`, { file: path });
  }
  const rows = Array.isArray(parsed) ? parsed : (parsed as { scores?: unknown }).scores;
  if (!Array.isArray(rows)) throw new DatasetError('expected an array of score rows (or { "scores": [...] })', { file: path });
  return played(rows as Array<ScoreRow & { status?: string }>);
}

/** A solver that does not handle a task's modality did not play it (eval records it as "unsupported"). */
function played(rows: Array<ScoreRow & { status?: string }>): ScoreRow[] {
  return rows.filter((r) => r.status !== 'unsupported');
}

export async function compareCommand(ctx: CommandContext, flags: { a: string; b: string; labels?: string; out?: string; json?: boolean }): Promise<number> {
  const a = await readScores(resolve(ctx.cwd, flags.a));
  const b = await readScores(resolve(ctx.cwd, flags.b));
  const [labelA, labelB] = (flags.labels ?? 'A,B').split(',').map((s) => s.trim());
  const result = compareScoreSets(a, b, { labels: { a: labelA || 'A', b: labelB || 'B' } });
  if (flags.out) {
    const { loaded, host } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
    await writeSectionReports(host, loaded.config, resolve(ctx.cwd, flags.out), randomRunId('compare'), { ...comparisonSections(result, a, b) });
  }
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
    for (const [stat, value] of Object.entries(m.stats)) ctx.stdout(`  ${stat.padEnd(18)} ${formatStat(value)}\n`);
  }
  return 0;
}

function formatStat(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4);
  if (value === null || value === undefined) return 'n/a';
  const v = value as { bias?: number; lower?: number; upper?: number; k?: number; overlap?: number };
  if (v.bias !== undefined) return `bias ${v.bias.toFixed(4)}, 95% limits of agreement [${v.lower!.toFixed(4)}, ${v.upper!.toFixed(4)}]`;
  if (v.k !== undefined) return `${v.overlap}/${v.k} of the top ${v.k} shared`;
  return JSON.stringify(value);
}
