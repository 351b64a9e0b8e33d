// The model calls of an evaluation, per solver, in `<out>/ledger.json`. The file is rewritten
// after every run, and a resumed evaluation starts from what the earlier invocations spent, so the
// tokens and cost next to each rating are the evaluation folder's, not only the last process's.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ledger } from '@mle-smith/agents';
import { writeJsonAtomic, type LedgerEntry } from '@mle-smith/core';
import type { SolverUsage } from '@mle-smith/stats';
import type { RunnableSolver } from './eval-solvers.js';

export type SolverLedgerEntry = LedgerEntry & { solver: string };

export const LEDGER_FILE = 'ledger.json';

export class EvalLedger {
  private constructor(private readonly path: string, private readonly earlier: SolverLedgerEntry[], private readonly solvers: RunnableSolver[]) {}

  static async open(outDir: string, solvers: RunnableSolver[]): Promise<EvalLedger> {
    const path = join(outDir, LEDGER_FILE);
    let earlier: SolverLedgerEntry[] = [];
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as unknown;
      if (Array.isArray(parsed)) earlier = parsed.filter((e): e is SolverLedgerEntry => typeof e?.solver === 'string');
    } catch {
      // no earlier invocation (or its file was torn): nothing spent yet
    }
    return new EvalLedger(path, earlier, solvers);
  }

  entries(): SolverLedgerEntry[] {
    return [...this.earlier, ...this.solvers.flatMap((s) => s.ledger.map((e) => ({ solver: s.solver.id, ...e })))];
  }

  async save(): Promise<void> {
    const entries = this.entries();
    if (entries.length) await writeJsonAtomic(this.path, entries);
  }

  /** Per solver on a model: "backend/model", and its calls' tokens and cost. */
  bySolver(): Record<string, { model: string; usage: SolverUsage }> {
    const all = this.entries();
    const out: Record<string, { model: string; usage: SolverUsage }> = {};
    for (const s of this.solvers) {
      if (!s.model) continue;
      const t = new Ledger({ entries: all.filter((e) => e.solver === s.solver.id) }).totals();
      if (!t.calls && !s.ownLlm) continue; // a baseline beside a configured LLM never calls it
      out[s.solver.id] = { model: s.model, usage: { calls: t.calls, inputTokens: t.inputTokens, outputTokens: t.outputTokens, costUsd: t.costUsd } };
    }
    return out;
  }
}
