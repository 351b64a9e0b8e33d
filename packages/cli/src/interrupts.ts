// SIGINT/SIGTERM during a long command: the first aborts the command's AbortSignal with an
// InterruptedError (work in flight is killed, interrupted stages keep no result, the command ends
// with 130 or 143); a second one exits at once with the same code.
import { InterruptedError } from '@mle-smith/core';

export interface Interrupts {
  signal: AbortSignal;
  /** Stops listening (the command is over). */
  dispose(): void;
}

export function watchInterrupts(stderr: (s: string) => void): Interrupts {
  const controller = new AbortController();
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = (): void => {
      if (controller.signal.aborted) {
        stderr(`second signal (${name}): exiting now\n`);
        process.exit(name === 'SIGINT' ? 130 : 143);
      }
      stderr(`${name}: stopping (interrupted work is redone on resume; ${name} again exits at once)\n`);
      controller.abort(new InterruptedError(name));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
