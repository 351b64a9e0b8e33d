// The one gate of a task attempt: a verify, review or execute step's findings are reported
// (onFinding) and kept; error findings stop the attempt and become the next design's defects.
import type { Finding, FunnelStep } from '../contracts/task.js';

export interface GateState {
  /** Every finding of the attempt's gates so far, in order. */
  findings: Finding[];
  /** The furthest funnel step the attempt passed. */
  reached: FunnelStep;
  /** The error findings that stopped the attempt; empty while it goes on. */
  defects: Finding[];
}

/** Keeps `findings` (each reported first), then passes the attempt on to `passes` or stops it. */
export async function gate(
  state: GateState, findings: Finding[], passes: FunnelStep, report: (finding: Finding) => Promise<void>,
): Promise<boolean> {
  for (const f of findings) await report(f);
  state.findings.push(...findings);
  const errors = findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    state.defects = errors;
    return false;
  }
  state.reached = passes;
  return true;
}
