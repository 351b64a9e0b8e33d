// Two numeric CSV files read side by side, row i of one with row i of the other: the grader's
// fast path for a submission listed in the answers' order. The main thread reads one file while
// a worker thread reads the other into a small ring of shared blocks, so memory stays flat and
// both cores work. Only plain files qualify (see numeric-csv.js); for anything else the result
// is false and the caller takes readCsvColumns, which reads every dialect and reports every
// problem precisely.
import { Worker } from 'node:worker_threads';
import { NOT_PLAIN, NumericCsvBlocks, readPlainHeader } from './numeric-csv.js';

export interface NumericCsvPairPlan {
  /**
   * Pairs of key columns [left index, right index] that must hold the same integer on every row
   * (ids: a row that differs, or a file that is longer, makes the scan decline).
   */
  keys: Array<[number, number]>;
}

export interface NumericCsvPairBlock {
  /** One array per column of each file (views, valid until onBlock returns). */
  left: Float64Array[];
  right: Float64Array[];
  rows: number;
}

// Atomics.waitAsync (Node 16+) is missing from the ES2023 lib this project compiles against.
const waitAsync = (Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

const BLOCK_ROWS = 32_768;
const SLOTS = 4;
// slot states in the control array: [state, rows] per slot, then the abort flag
const FREE = 0;
const FULL = 1;
const END = 2;
const DECLINED = 3;

/**
 * Streams two plain numeric CSVs block by block to `onBlock`. `plan` sees both headers and
 * returns the key pairs, or undefined to decline. onBlock returns false to stop (decline).
 * Resolves true when every row was delivered and both files had the same number of rows.
 */
export async function scanNumericCsvPair(
  leftPath: string,
  rightPath: string,
  plan: (leftNames: string[], rightNames: string[]) => NumericCsvPairPlan | undefined,
  onBlock: (block: NumericCsvPairBlock) => boolean | void,
): Promise<boolean> {
  let leftHeader: ReturnType<typeof readPlainHeader>;
  let rightHeader: ReturnType<typeof readPlainHeader>;
  try {
    leftHeader = readPlainHeader(leftPath);
    rightHeader = readPlainHeader(rightPath);
  } catch {
    return false; // unreadable: the general path says why
  }
  if (!leftHeader || !rightHeader) return false;
  const chosen = plan(leftHeader.names, rightHeader.names);
  if (!chosen) return false;
  const leftWidth = leftHeader.names.length;
  const rightWidth = rightHeader.names.length;
  const control = new Int32Array(new SharedArrayBuffer(4 * (2 * SLOTS + 1)));
  const shared = new SharedArrayBuffer(8 * SLOTS * BLOCK_ROWS * rightWidth);
  const worker = new Worker(new URL('./numeric-csv-worker.js', import.meta.url), {
    workerData: {
      path: rightPath, start: rightHeader.bodyStart, width: rightWidth, keyColumns: chosen.keys.map((k) => k[1]),
      blockRows: BLOCK_ROWS, slots: SLOTS, control: control.buffer, data: shared,
    },
  });
  const ABORT = 2 * SLOTS;
  const workerGone = new Promise<void>((resolve) => {
    const fail = () => {
      // a worker that dies early leaves its slots to the main thread as declined
      for (let s = 0; s < SLOTS; s++) {
        if (Atomics.compareExchange(control, 2 * s, FREE, DECLINED) === FREE) Atomics.notify(control, 2 * s);
      }
      resolve();
    };
    worker.once('error', fail);
    worker.once('exit', fail);
  });
  const leftData = new Float64Array(BLOCK_ROWS * leftWidth);
  const rightData = new Float64Array(shared);
  const views = (data: Float64Array, offset: number, width: number, rows: number) =>
    Array.from({ length: width }, (_, c) => data.subarray(offset + c * BLOCK_ROWS, offset + c * BLOCK_ROWS + rows));
  let reader: NumericCsvBlocks | undefined;
  try {
    reader = new NumericCsvBlocks(leftPath, leftHeader.bodyStart, leftWidth, chosen.keys.map((k) => k[0]), BLOCK_ROWS);
    for (let slot = 0; ; slot = (slot + 1) % SLOTS) {
      const leftRows = reader.next(leftData);
      if (leftRows === NOT_PLAIN) return false;
      let state = Atomics.load(control, 2 * slot);
      while (state === FREE) {
        const waited = waitAsync(control, 2 * slot, FREE);
        if (waited.async) await waited.value;
        state = Atomics.load(control, 2 * slot);
      }
      if (state !== FULL && state !== END) return false; // DECLINED
      const rightRows = state === FULL ? control[2 * slot + 1] : 0;
      if (leftRows !== rightRows) return false; // one file is longer
      if (leftRows === 0) return true;
      const offset = slot * BLOCK_ROWS * rightWidth;
      for (const [l, r] of chosen.keys) {
        const a = leftData.subarray(l * BLOCK_ROWS, l * BLOCK_ROWS + leftRows);
        const b = rightData.subarray(offset + r * BLOCK_ROWS, offset + r * BLOCK_ROWS + leftRows);
        for (let i = 0; i < leftRows; i++) if (a[i] !== b[i]) return false;
      }
      const more = onBlock({ left: views(leftData, 0, leftWidth, leftRows), right: views(rightData, offset, rightWidth, leftRows), rows: leftRows });
      if (more === false) return false;
      Atomics.store(control, 2 * slot, FREE);
      Atomics.notify(control, 2 * slot);
    }
  } catch (err) {
    if (typeof (err as NodeJS.ErrnoException).code === 'string') return false; // unreadable: the general path says why
    throw err;
  } finally {
    reader?.close();
    Atomics.store(control, ABORT, 1);
    for (let s = 0; s < SLOTS; s++) Atomics.notify(control, 2 * s);
    await workerGone;
  }
}
