// The agent's transcript in the solver's work folder: every tool call with its arguments and
// the result the model got back, rewritten atomically after each event so a killed or failed
// run still leaves a readable record.
import { join } from 'node:path';
import { writeJsonAtomic } from '@mle-smith/core';

export const TRANSCRIPT_FILE = 'transcript.json';

export interface TranscriptEvent {
  /** Milliseconds since the solver started. */
  t: number;
  kind: 'start' | 'tool' | 'end';
  tool?: string;
  args?: Record<string, unknown>;
  /** What the model got back (tool results), or the outcome (end). */
  result?: unknown;
}

export class Transcript {
  readonly events: TranscriptEvent[] = [];
  private readonly started = Date.now();
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly workDir: string) {}

  get path(): string {
    return join(this.workDir, TRANSCRIPT_FILE);
  }

  add(event: Omit<TranscriptEvent, 't'>): Promise<void> {
    this.events.push({ t: Date.now() - this.started, ...event });
    const snapshot = [...this.events];
    this.writing = this.writing.then(() => writeJsonAtomic(this.path, snapshot));
    return this.writing;
  }
}
