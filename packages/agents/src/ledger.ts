// Token and cost accounting of every model call. The ledger prices calls from the price table
// and keeps totals per role and per task; budgets read these totals.
import type { LedgerEntry } from '@mle-smith/core';

export interface ModelPrice {
  /** USD per million input (prompt) tokens. */
  inputPer1M: number;
  /** USD per million output (completion) tokens. */
  outputPer1M: number;
}

/** `{ [model id]: price }`, as in the config's `llm.prices`. Model ids match exactly. */
export type PriceTable = Record<string, ModelPrice>;

export interface LedgerTotals {
  calls: number;
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
}

export type LedgerRecord = Omit<LedgerEntry, 'costUsd'> & { costUsd?: number };

function emptyTotals(): LedgerTotals {
  return { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, latencyMs: 0 };
}

function addTo(t: LedgerTotals, e: LedgerEntry): void {
  t.calls++;
  if (e.cached) t.cachedCalls++;
  t.inputTokens += e.inputTokens;
  t.outputTokens += e.outputTokens;
  t.costUsd += e.costUsd;
  t.latencyMs += e.latencyMs;
}

export class Ledger {
  readonly prices: PriceTable;
  private readonly list: LedgerEntry[];

  /**
   * `entries` is used as the backing array, not copied: the pipeline hands every agent the
   * run's one array (AgentContext.ledger) and puts it into report.json.
   */
  constructor(options: { prices?: PriceTable; entries?: LedgerEntry[] } = {}) {
    this.prices = options.prices ?? {};
    this.list = options.entries ?? [];
  }

  hasPrice(model: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.prices, model);
  }

  /** USD for the tokens at the model's price; 0 when the model has no price. */
  costOf(model: string, inputTokens: number, outputTokens: number): number {
    const price = this.hasPrice(model) ? this.prices[model] : undefined;
    if (!price) return 0;
    return (inputTokens * price.inputPer1M + outputTokens * price.outputPer1M) / 1_000_000;
  }

  /** Adds an entry; its cost is computed from the price table unless given. Cached calls cost nothing. */
  record(entry: LedgerRecord): LedgerEntry {
    const costUsd = entry.cached ? 0 : (entry.costUsd ?? this.costOf(entry.model, entry.inputTokens, entry.outputTokens));
    const full: LedgerEntry = { ...entry, costUsd };
    this.list.push(full);
    return full;
  }

  entries(): LedgerEntry[] {
    return [...this.list];
  }

  totals(filter?: (e: LedgerEntry) => boolean): LedgerTotals {
    const t = emptyTotals();
    for (const e of this.list) if (!filter || filter(e)) addTo(t, e);
    return t;
  }

  forTask(taskId: string): LedgerTotals {
    return this.totals((e) => e.taskId === taskId);
  }

  byRole(): Record<string, LedgerTotals> {
    return this.groupBy((e) => e.role);
  }

  /** Entries without a taskId are grouped under "" (run-level calls such as brainstorming). */
  byTask(): Record<string, LedgerTotals> {
    return this.groupBy((e) => e.taskId ?? '');
  }

  toJSON(): LedgerEntry[] {
    return this.entries();
  }

  private groupBy(key: (e: LedgerEntry) => string): Record<string, LedgerTotals> {
    const out: Record<string, LedgerTotals> = {};
    for (const e of this.list) addTo((out[key(e)] ??= emptyTotals()), e);
    return out;
  }
}
