// Error classes. Bad input becomes one of these; the CLI prints `message` on one line and
// chooses the exit code from `exitCode`.

export type ErrorCode =
  | 'CONFIG' | 'PLUGIN_LOAD' | 'PLUGIN_HOOK' | 'DATASET' | 'SUBMISSION' | 'EXECUTOR' | 'LLM' | 'USAGE' | 'INTERRUPTED' | 'DISK' | 'INTERNAL';

export class MleSmithError extends Error {
  readonly code: ErrorCode;
  /** 2 for usage/config problems, 128 + n after signal n, 1 for everything else. */
  readonly exitCode: number;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = options?.exitCode ?? 1;
  }
}

export class ConfigError extends MleSmithError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG', message, { ...options, exitCode: 2 });
  }
}

export class UsageError extends MleSmithError {
  constructor(message: string) {
    super('USAGE', message, { exitCode: 2 });
  }
}

export class PluginLoadError extends MleSmithError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('PLUGIN_LOAD', message, { ...options, exitCode: 2 });
  }
}

export class PluginHookError extends MleSmithError {
  readonly plugin: string;
  readonly hook: string;
  readonly stage: string;
  constructor(plugin: string, hook: string, stage: string, cause: unknown) {
    super('PLUGIN_HOOK', `plugin "${plugin}" failed in hook ${hook} (stage ${stage}): ${errorMessage(cause)}`, { cause });
    this.plugin = plugin;
    this.hook = hook;
    this.stage = stage;
  }
}

export class DatasetError extends MleSmithError {
  readonly file?: string;
  constructor(message: string, options?: { file?: string; cause?: unknown }) {
    super('DATASET', options?.file ? `${options.file}: ${message}` : message, options);
    this.file = options?.file;
  }
}

/**
 * A designer whose cheap `supports` check accepted a dataset finds, on the data, no task of its
 * kind in it (a date column that does not index any series). The pipeline offers the dataset to
 * the next designer that supports it; the message is the dataset's error when none is left.
 */
export class DesignerDeclinedError extends DatasetError {}

export class SubmissionError extends MleSmithError {
  readonly row?: number;
  readonly column?: string;
  constructor(message: string, options?: { row?: number; column?: string; cause?: unknown }) {
    super('SUBMISSION', message, options);
    this.row = options?.row;
    this.column = options?.column;
  }
}

export class ExecutorError extends MleSmithError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('EXECUTOR', message, options);
  }
}

export class LlmError extends MleSmithError {
  readonly status?: number;
  readonly budgetExhausted: boolean;
  constructor(message: string, options?: { cause?: unknown; status?: number; budgetExhausted?: boolean }) {
    super('LLM', message, options);
    this.status = options?.status;
    this.budgetExhausted = options?.budgetExhausted ?? false;
  }
}

/** The run was stopped by SIGINT or SIGTERM: interrupted work is redone on resume, never judged. */
export class InterruptedError extends MleSmithError {
  readonly signal: 'SIGINT' | 'SIGTERM';
  constructor(signal: 'SIGINT' | 'SIGTERM' = 'SIGINT') {
    super('INTERRUPTED', `interrupted by ${signal}; run the same command again to resume (interrupted stages are redone)`, { exitCode: signal === 'SIGINT' ? 130 : 143 });
    this.signal = signal;
  }
}

/** A write failed because the disk is full or failing (ENOSPC, EDQUOT, EIO): one line naming the path and the free space. */
export class DiskError extends MleSmithError {
  readonly path: string;
  constructor(message: string, options: { path: string; cause?: unknown }) {
    super('DISK', message, { cause: options.cause });
    this.path = options.path;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
