// The baseline ladder of a media designer: one Solver per tier, the plugin's python/<tier>.py with
// its modality module (python/<kind>.py), run through the configured executor by
// @mle-smith/baseline-kit.
import { join } from 'node:path';
import type { BaselineTier, Solver } from '@mle-smith/core';
import { pythonBaselineSolver } from '@mle-smith/baseline-kit';
import type { MediaConfig } from './config.js';

export const BASELINE_TIERS: readonly BaselineTier[] = ['trivial', 'simple', 'strong'];

export function baselineSolvers(config: MediaConfig): Solver[] {
  return BASELINE_TIERS.map((tier) => pythonBaselineSolver({
    id: `${config.designerId}-${tier}`, tier, modalities: [config.kind],
    script: join(config.pythonDir, `${tier}.py`),
    extraFiles: [join(config.pythonDir, `${config.kind}.py`)],
    extraSpec: async () => ({ mediaColumn: config.column }),
  }));
}
