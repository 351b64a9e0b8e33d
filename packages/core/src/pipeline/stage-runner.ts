// A stage: beforeStage hooks, the checkpointed work, afterStage hooks, progress and reporters'
// onStageEnd. A checkpoint already in the run store is reused, so a resumed run skips the work.
import type { StageName } from '../contracts/extensions.js';
import type { HookScope } from '../contracts/plugin.js';
import { errorMessage } from '../errors.js';
import type { HookDriver } from '../hook-driver.js';
import type { ReporterDriver } from '../reporter-driver.js';
import type { RunStore } from '../run-store.js';

export interface ProgressEvent {
  stage: StageName;
  dataset: string;
  taskId?: string;
  status: 'start' | 'done' | 'cached' | 'failed';
  durationMs?: number;
  message?: string;
}

export interface StageScope {
  dataset: string;
  taskId?: string;
}

export type StageFn = <T>(name: StageName, scope: StageScope, key: string, work: () => Promise<T>) => Promise<T>;

export function stageRunner(deps: {
  store: RunStore; hooks: HookDriver; reporters: ReporterDriver; onProgress?: (event: ProgressEvent) => void;
}): StageFn {
  const { store, hooks, reporters, onProgress } = deps;
  return async (name, scope, key, work) => {
    const hookScope: HookScope = { stage: name, ...scope };
    const started = Date.now();
    onProgress?.({ stage: name, ...scope, status: 'start' });
    await hooks.sequential('beforeStage', hookScope, hookScope);
    let result;
    try {
      result = await store.checkpoint(key, work);
    } catch (err) {
      const durationMs = Date.now() - started;
      onProgress?.({ stage: name, ...scope, status: 'failed', durationMs, message: errorMessage(err) });
      await reporters.onStageEnd({ stage: name, ...scope, durationMs, cached: false, error: errorMessage(err) });
      throw err;
    }
    const durationMs = Date.now() - started;
    await hooks.sequential('afterStage', hookScope, { ...hookScope, output: result.value });
    onProgress?.({ stage: name, ...scope, status: result.cached ? 'cached' : 'done', durationMs });
    await reporters.onStageEnd({ stage: name, ...scope, durationMs, cached: result.cached });
    return result.value;
  };
}
