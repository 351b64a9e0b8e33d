// Where the raw data of a human-designed reference task (examples/reference-tasks/) lives. The
// set's own source datasets are in examples/reference-tasks/datasets/; the datasets it shares with
// the README's demo stay in the demo's examples/datasets/, so the demo runs over its own 11 and
// not over the whole set. One lookup for the builder, the agreement bench and the suite.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const examples = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'examples');

/** Folders searched in order for a reference task's dataset. */
export const REFERENCE_DATASET_ROOTS = [join(examples, 'reference-tasks', 'datasets'), join(examples, 'datasets')];

/** The raw folder of the dataset `name` (a TaskSpec's `dataset`); throws when neither root has it. */
export function referenceDatasetDir(name) {
  for (const root of REFERENCE_DATASET_ROOTS) {
    const dir = join(root, name);
    if (existsSync(dir)) return dir;
  }
  throw new Error(`reference dataset ${name} is in none of ${REFERENCE_DATASET_ROOTS.join(', ')}`);
}
