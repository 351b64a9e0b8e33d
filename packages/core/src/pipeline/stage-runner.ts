// A stage: beforeStage hooks, the checkpointed work, afterStage hooks, progress and reporters'
// onStageEnd. A checkpoint already in the run store is reused while what it was computed from
// (its inputs, chained to the stage before it in the same dataset or task) and what it wrote (its
// outputs) still match; otherwise the stage and every later one in its line are redone, and the
// progress says why. An interrupted stage stores no result, only a mark (docs/resume.md).
import type { StageName } from '../contracts/extensions.js';
import type { HookScope } from '../contracts/plugin.js';
import { diskError } from '../disk-fault.js';
import { InterruptedError, errorMessage } from '../errors.js';
import type { HookDriver } from '../hook-driver.js';
import { interruptOf, interruptible, throwIfInterrupted } from '../interrupt.js';
import type { ReporterDriver } from '../reporter-driver.js';
import { hashValue, type RedoReason, type RunStore } from '../run-store.js';
import { describeChange, type StageInputs } from './stage-inputs.js';

export interface ProgressEvent {
  stage: StageName;
  dataset: string;
  taskId?: string;
  /** `redo`: a checkpoint on disk is not reused (the message says why); `interrupted`: stopped by a signal, no result kept. */
  status: 'start' | 'done' | 'cached' | 'failed' | 'redo' | 'interrupted';
  durationMs?: number;
  message?: string;
}

export interface StageScope {
  dataset: string;
  taskId?: string;
}

export interface StageOptions<T> {
  /** Inputs beyond the stage's config (the raw files, for profile). */
  inputs?: Record<string, string>;
  /** Files or folders the stage writes, checked before its checkpoint is reused. */
  outputs?: (value: T) => string[];
}

export type StageFn = <T>(name: StageName, scope: StageScope, key: string, work: () => Promise<T>, options?: StageOptions<T>) => Promise<T>;

export interface StageRunner {
  stage: StageFn;
  /** Before a task's stages: when a file `key`'s checkpoint recorded is missing or changed, every stage of the task is redone. */
  redoLineIfChanged(scope: StageScope, key: string): Promise<void>;
  /** The run is failing with `err` (a full disk, say): no stage starts any more, in any dataset. */
  halt(err: unknown): void;
}

export function stageRunner(deps: {
  store: RunStore; hooks: HookDriver; reporters: ReporterDriver; inputs: StageInputs; signal?: AbortSignal; onProgress?: (event: ProgressEvent) => void;
}): StageRunner {
  const { store, hooks, reporters, signal, onProgress } = deps;
  /** The last stage of each dataset and task: its fingerprint, and whether it (or one before it) was computed in this process. */
  const lineage = new Map<string, { fingerprint: string; redone: boolean }>();
  let halted: { err: unknown } | undefined;
  const lineOf = (scope: StageScope): string => (scope.taskId ? `${scope.dataset}/${scope.taskId}` : scope.dataset);
  const redoLineIfChanged: StageRunner['redoLineIfChanged'] = async (scope, key) => {
    const path = await store.outputChanged(key);
    if (path === undefined) return;
    const upstream = lineage.get(scope.dataset);
    lineage.set(lineOf(scope), { fingerprint: upstream?.fingerprint ?? '', redone: true });
    onProgress?.({ stage: 'design', ...scope, status: 'redo', message: `${path} is missing or changed, redoing the task` });
  };
  const stage: StageFn = async (name, scope, key, work, options = {}) => {
    throwIfInterrupted(signal);
    if (halted) throw halted.err;
    const line = lineOf(scope);
    const upstream = lineage.get(line) ?? (scope.taskId ? lineage.get(scope.dataset) : undefined);
    const inputs = { ...deps.inputs(name), ...options.inputs, upstream: upstream?.fingerprint ?? '' };
    const hookScope: HookScope = { stage: name, ...scope };
    const started = Date.now();
    onProgress?.({ stage: name, ...scope, status: 'start' });
    await hooks.sequential('beforeStage', hookScope, hookScope);
    let result;
    try {
      const onRedo = (reason: RedoReason): void => {
        const message = redoMessage(name, reason);
        if (message) onProgress?.({ stage: name, ...scope, status: 'redo', message });
      };
      result = await store.checkpoint(key, () => interruptible(work(), signal), { inputs, outputs: options.outputs, force: upstream?.redone, onRedo });
    } catch (caught) {
      const err = signal?.aborted ? interruptOf(signal) : await diskError(caught, store.dir);
      const durationMs = Date.now() - started;
      if (err instanceof InterruptedError) {
        await store.markInterrupted(key, err.signal).catch(() => undefined); // a full disk must not hide the interrupt
        onProgress?.({ stage: name, ...scope, status: 'interrupted', durationMs, message: err.signal });
      } else {
        onProgress?.({ stage: name, ...scope, status: 'failed', durationMs, message: errorMessage(err) });
        await reporters.onStageEnd({ stage: name, ...scope, durationMs, cached: false, error: errorMessage(err) });
      }
      throw err;
    }
    lineage.set(line, { fingerprint: hashValue(inputs), redone: (upstream?.redone ?? false) || !result.cached });
    const durationMs = Date.now() - started;
    await hooks.sequential('afterStage', hookScope, { ...hookScope, output: result.value });
    onProgress?.({ stage: name, ...scope, status: result.cached ? 'cached' : 'done', durationMs });
    await reporters.onStageEnd({ stage: name, ...scope, durationMs, cached: result.cached });
    return result.value;
  };
  return { stage, redoLineIfChanged, halt: (err) => void (halted ??= { err }) };
}

/** Why a checkpoint on disk is redone, for the progress line; none when an upstream redo already said so. */
function redoMessage(stage: StageName, reason: RedoReason): string | undefined {
  const after = `redoing ${stage} and everything after it`;
  switch (reason.kind) {
    case 'interrupted':
      return `${stage} was interrupted by ${reason.signal}, redoing it`;
    case 'outputs':
      return `${reason.path} is missing or changed, ${after}`;
    case 'inputs': {
      const what = describeChange(reason.changed);
      return what && `${what}, ${after}`;
    }
    case 'upstream':
      return undefined;
  }
}
