// The baseline ladder of a media designer: one Solver per tier, the plugin's python/<tier>.py with
// its modality module (baseline-kit's <kind>.py), run through the configured executor by
// @mle-smith/baseline-kit.
import { join } from 'node:path';
import type { Solver } from '@mle-smith/core';
import { MODALITY_MODULE_PATHS, pythonBaselineLadder } from '@mle-smith/baseline-kit';
import type { MediaConfig } from './config.js';

/** The core's tier list, re-exported for earlier users of this package. */
export { BASELINE_TIERS } from '@mle-smith/core';

export function baselineSolvers(config: MediaConfig): Solver[] {
  return pythonBaselineLadder((tier) => ({
    id: `${config.designerId}-${tier}`, modalities: [config.kind],
    script: join(config.pythonDir, `${tier}.py`),
    extraFiles: [MODALITY_MODULE_PATHS[config.kind]],
    extraSpec: async () => ({ mediaColumn: config.column }),
  }));
}
