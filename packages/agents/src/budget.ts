// Per-task and per-run token and cost limits. Checked before every live model call, so a
// run stops cleanly (LlmError with budgetExhausted) instead of overspending; the call that
// crosses a limit is allowed to finish because its tokens are already paid for.
import { LlmError } from '@mle-smith/core';
import type { Ledger } from './ledger.js';

export interface BudgetLimits {
  perTaskUsd?: number;
  perRunUsd?: number;
  perTaskTokens?: number;
  perRunTokens?: number;
}

export class Budget {
  constructor(readonly limits: BudgetLimits = {}) {}

  /** Throws LlmError({ budgetExhausted: true }) when a limit that applies to `taskId` is used up. */
  check(ledger: Ledger, model: string, taskId?: string): void {
    const { perTaskUsd, perRunUsd, perTaskTokens, perRunTokens } = this.limits;
    if ((perTaskUsd !== undefined || perRunUsd !== undefined) && !ledger.hasPrice(model)) {
      throw new LlmError(`model "${model}" has no entry in llm.prices, so the USD budget cannot be enforced; add its price or use token budgets`);
    }
    const run = ledger.totals();
    const exhausted = (what: string, used: number, limit: number, unit: string): LlmError =>
      new LlmError(`${what} budget exhausted: used ${format(used, unit)} of ${format(limit, unit)}`, { budgetExhausted: true });
    if (perRunUsd !== undefined && run.costUsd >= perRunUsd) throw exhausted('run', run.costUsd, perRunUsd, 'USD');
    if (perRunTokens !== undefined && run.inputTokens + run.outputTokens >= perRunTokens) {
      throw exhausted('run', run.inputTokens + run.outputTokens, perRunTokens, 'tokens');
    }
    if (taskId === undefined) return;
    const task = ledger.forTask(taskId);
    if (perTaskUsd !== undefined && task.costUsd >= perTaskUsd) throw exhausted(`task ${taskId}`, task.costUsd, perTaskUsd, 'USD');
    if (perTaskTokens !== undefined && task.inputTokens + task.outputTokens >= perTaskTokens) {
      throw exhausted(`task ${taskId}`, task.inputTokens + task.outputTokens, perTaskTokens, 'tokens');
    }
  }
}

function format(n: number, unit: string): string {
  return unit === 'USD' ? `$${n.toFixed(4)}` : `${n} tokens`;
}
