// Services the pipeline needs from the shared packages, named here so the core does not
// depend on them. The CLI registers the implementations (@mle-smith/data, @mle-smith/metrics).
import type { DatasetProfile } from './contracts/task.js';

export interface DatasetProfiler {
  /** Reads and profiles a dataset folder; throws DatasetError for malformed input. */
  profile(datasetDir: string): Promise<DatasetProfile>;
}
