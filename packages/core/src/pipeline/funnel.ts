// The funnel: the steps a task passes, in order, and the counts a run reports.
import type { FunnelStep } from '../contracts/task.js';

export const FUNNEL: FunnelStep[] = ['proposal', 'spec', 'package', 'assertions', 'review', 'execution'];

export function laterStep(a: FunnelStep, b: FunnelStep): FunnelStep {
  return FUNNEL.indexOf(a) >= FUNNEL.indexOf(b) ? a : b;
}

/** How many tasks reached each step or a later one. */
export function funnelCounts(reached: FunnelStep[]): Record<FunnelStep, number> {
  return Object.fromEntries(FUNNEL.map((step) => [step, reached.filter((r) => FUNNEL.indexOf(r) >= FUNNEL.indexOf(step)).length])) as Record<FunnelStep, number>;
}
