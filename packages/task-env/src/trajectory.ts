// A session's steps: kept in memory for `history` and appended, one JSON object a line, to
// <out>/trajectories/<session>.jsonl as they happen, so a killed server loses no finished step.
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface TrajectoryStep {
  session: string;
  task: string;
  /** 1 for the reset, then one per step. */
  step: number;
  action: string;
  /** What the agent sent (code, submission text). */
  input: Record<string, unknown>;
  /** What the environment answered, or `{ error }`. */
  observation: unknown;
  at: string;
}

export class Trajectory {
  readonly steps: TrajectoryStep[] = [];

  constructor(readonly path: string, private readonly session: string, private readonly task: string) {}

  async record(action: string, input: Record<string, unknown>, observation: unknown): Promise<TrajectoryStep> {
    const step: TrajectoryStep = { session: this.session, task: this.task, step: this.steps.length + 1, action, input, observation, at: new Date().toISOString() };
    this.steps.push(step);
    if (this.steps.length === 1) await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, JSON.stringify(step) + '\n');
    return step;
  }
}
