// The first SIGINT/SIGTERM aborts the run's AbortSignal (the CLI does that, with an
// InterruptedError as the reason). Work in flight is given a short grace to stop by itself — the
// executors kill their process group or container on the signal, LLM calls are aborted — and then
// the stage ends as interrupted: it stores no result, so a resume redoes it.
import { InterruptedError } from './errors.js';

/** How long a stage may take to stop after the signal before the run stops waiting for it. */
export const INTERRUPT_GRACE_MS = 5_000;

/** The InterruptedError an aborted signal stands for. */
export function interruptOf(signal: AbortSignal): InterruptedError {
  return signal.reason instanceof InterruptedError ? signal.reason : new InterruptedError();
}

export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interruptOf(signal);
}

/**
 * Awaits `work`, but after `signal` aborts waits at most `graceMs` more, and then (or when the
 * work settles after the signal, with whatever result) throws the InterruptedError: nothing
 * computed while the run was being stopped counts as a result.
 */
export async function interruptible<T>(work: Promise<T>, signal: AbortSignal | undefined, graceMs = INTERRUPT_GRACE_MS): Promise<T> {
  if (!signal) return work;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const givenUp = new Promise<never>((_, reject) => {
    onAbort = () => {
      timer = setTimeout(() => reject(interruptOf(signal)), graceMs);
      timer.unref();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  work.catch(() => undefined); // settles after we stopped waiting: not an unhandled rejection
  try {
    const value = await Promise.race([work, givenUp]);
    throwIfInterrupted(signal);
    return value;
  } catch (err) {
    throwIfInterrupted(signal);
    throw err;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort!);
  }
}
