// Progress lines per dataset / task / stage on stderr. Plain lines when stderr is not a TTY;
// on a TTY, finished stages are dimmed and failures are red.
import type { DrainProgress, ProgressEvent } from '@mle-smith/core';

export function createProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (e: ProgressEvent) => void {
  const tty = stream.isTTY === true;
  const paint = (code: number, s: string): string => (tty ? `\u001b[${code}m${s}\u001b[0m` : s);
  return (e) => {
    if (e.status === 'start') return;
    if (e.status === 'redo') {
      stream.write(`${e.taskId ? `task ${e.dataset}/${e.taskId}` : `dataset ${e.dataset}`}: ${e.message}\n`);
      return;
    }
    const where = e.taskId ? `${e.dataset}/${e.taskId}` : e.dataset;
    const time = e.durationMs === undefined ? '' : ` ${(e.durationMs / 1000).toFixed(1)}s`;
    const label = e.status === 'failed' ? paint(31, 'failed') : e.status === 'interrupted' ? paint(33, 'interrupted') : e.status === 'cached' ? paint(2, 'cached') : paint(32, 'done');
    const detail = e.message ? `: ${e.message}` : '';
    stream.write(`[${where}] ${e.stage} ${label}${time}${detail}\n`);
  };
}

/** A queued run's progress: each job as it finishes, with the queue's depth and its workers. */
export function createQueueProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: DrainProgress) => void {
  return (p) => {
    if (!p.finished) return;
    const { job, note, error } = p.finished;
    const c = p.counts;
    const what = error ? `failed: ${error}` : (note ?? 'done');
    stream.write(`[queue] ${job.label}: ${what} (run: ${p.done} done, ${p.pending} pending, ${p.failed} failed; queue: ${c.waiting} waiting, ${c.active} active, ${c.workers} workers)\n`);
  };
}
