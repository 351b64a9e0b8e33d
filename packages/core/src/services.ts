// Services the pipeline needs from the shared packages, named here so the core does not
// depend on them. The CLI's composition root and testkit pass the implementations
// (@mle-smith/data, @mle-smith/metrics) to compose().
import type { DatasetProfile } from './contracts/task.js';

export interface DatasetProfiler {
  /** Reads and profiles a dataset folder; throws DatasetError for malformed input. */
  profile(datasetDir: string): Promise<DatasetProfile>;
}
