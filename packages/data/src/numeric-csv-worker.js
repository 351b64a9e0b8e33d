// @ts-check
// Worker thread of scanNumericCsvPair: reads one plain numeric CSV into a ring of shared blocks
// while the main thread reads the other file. Slot states: see csv-pair.ts.
import { workerData } from 'node:worker_threads';
import { NOT_PLAIN, NumericCsvBlocks } from './numeric-csv.js';

/** @type {{ path: string; start: number; width: number; keyColumns: number[]; blockRows: number; slots: number; control: SharedArrayBuffer; data: SharedArrayBuffer }} */
const job = workerData;
const control = new Int32Array(job.control);
const data = new Float64Array(job.data);
const ABORT = 2 * job.slots;
const slotLength = job.blockRows * job.width;
const reader = new NumericCsvBlocks(job.path, job.start, job.width, job.keyColumns, job.blockRows);
try {
  for (let slot = 0; ; slot = (slot + 1) % job.slots) {
    // wait until the main thread has taken this slot's previous block (or gave up)
    for (let state; (state = Atomics.load(control, 2 * slot)) !== 0 && Atomics.load(control, ABORT) === 0; ) {
      Atomics.wait(control, 2 * slot, state, 200);
    }
    if (Atomics.load(control, ABORT) !== 0) break;
    const rows = reader.next(data.subarray(slot * slotLength, (slot + 1) * slotLength));
    control[2 * slot + 1] = rows;
    Atomics.store(control, 2 * slot, rows === NOT_PLAIN ? 3 : rows === 0 ? 2 : 1);
    Atomics.notify(control, 2 * slot);
    if (rows <= 0) break;
  }
} finally {
  reader.close();
}
