// The run directory: run.json, one checkpoint file per finished stage, staging folders for
// packages being written, and published tasks. A killed run resumes from its checkpoints.
// A checkpoint records the hashes of what it was computed from (its inputs) and of the files it
// wrote (its outputs): it is reused only while both still match (docs/resume.md).
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { exists, removeLeftovers, replaceDirAtomic, writeJsonAtomic } from './atomic-fs.js';
import { checksumTree, sha256File } from './checksums.js';
import { UsageError } from './errors.js';

export interface RunRecord {
  runId: string;
  createdAt: string;
  resumedAt: string[];
  config: unknown;
}

export interface CheckpointResult<T> {
  value: T;
  cached: boolean;
  /** Why a checkpoint on disk was not reused (absent for a stage that never ran before). */
  redo?: RedoReason;
}

/** Why a stage runs again although the run directory holds a checkpoint (or a mark) for it. */
export type RedoReason =
  | { kind: 'inputs'; changed: string[] }
  | { kind: 'outputs'; path: string }
  | { kind: 'interrupted'; signal: string }
  | { kind: 'upstream' };

export interface CheckpointSpec<T> {
  /** Hash of each thing the stage is computed from, by name (raw files, config sections, plugins, the upstream stage). */
  inputs?: Record<string, string>;
  /** Files or folders the stage writes; a checkpoint whose outputs are missing or changed is redone. */
  outputs?: (value: T) => string[];
  /** Redo even a matching checkpoint (an upstream stage was redone in this process). */
  force?: boolean;
  /** Called before a checkpoint (or a mark) on disk is redone, with the reason. */
  onRedo?: (reason: RedoReason) => void;
}

interface StoredCheckpoint<T> {
  key: string;
  completedAt: string;
  fingerprint?: string;
  inputs?: Record<string, string>;
  /** sha256 of every output file, by path relative to the run directory. */
  outputs?: Record<string, string>;
  value: T;
}

/** sha256 of a value's JSON with sorted keys, so equal values hash equally. */
export function hashValue(value: unknown): string {
  return createHash('sha256').update(stableJson(value) ?? 'undefined').digest('hex');
}

function stableJson(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => stableJson(v) ?? 'null').join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

export class RunStore {
  private constructor(
    readonly dir: string,
    readonly record: RunRecord,
  ) {}

  /** Opens (or creates) a run directory and removes what a killed process left half-written. */
  static async open(dir: string, options: { config?: unknown; runId?: string; sweep?: boolean } = {}): Promise<RunStore> {
    await mkdir(dir, { recursive: true });
    const runFile = join(dir, 'run.json');
    let record: RunRecord;
    if (await exists(runFile)) {
      record = JSON.parse(await readFile(runFile, 'utf8')) as RunRecord;
      record.resumedAt = [...(record.resumedAt ?? []), new Date().toISOString()];
    } else {
      record = {
        runId: options.runId ?? randomRunId(),
        createdAt: new Date().toISOString(),
        resumedAt: [],
        config: options.config ?? null,
      };
    }
    const store = new RunStore(dir, record);
    if (options.sweep !== false) await store.sweep();
    await writeJsonAtomic(runFile, record);
    return store;
  }

  /**
   * Opens a run directory another process owns (a queue worker's view of the coordinator's run):
   * reads run.json, and neither rewrites it nor sweeps, since other workers are writing beside it.
   */
  static async attach(dir: string): Promise<RunStore> {
    const runFile = join(dir, 'run.json');
    if (!(await exists(runFile))) throw new UsageError(`${runFile} does not exist: is the run directory on a path every worker sees?`);
    return new RunStore(dir, JSON.parse(await readFile(runFile, 'utf8')) as RunRecord);
  }

  get runId(): string {
    return this.record.runId;
  }

  private checkpointPath(key: string): string {
    const safe = key.split('/').map((part) => part.replace(/[^A-Za-z0-9._-]/g, '_'));
    return join(this.dir, 'checkpoints', ...safe) + '.json';
  }

  private markPath(key: string): string {
    return this.checkpointPath(key).replace(/\.json$/, '.interrupted.json');
  }

  async readCheckpoint<T>(key: string): Promise<T | undefined> {
    return (await this.readStored<T>(key))?.value;
  }

  private async readStored<T>(key: string): Promise<StoredCheckpoint<T> | undefined> {
    const path = this.checkpointPath(key);
    if (!(await exists(path))) return undefined;
    return JSON.parse(await readFile(path, 'utf8')) as StoredCheckpoint<T>;
  }

  /**
   * Returns the stored result of `key` while its inputs and outputs still match, or runs `fn`,
   * records what it was computed from and what it wrote, and stores its result.
   */
  async checkpoint<T>(key: string, fn: () => Promise<T>, spec: CheckpointSpec<T> = {}): Promise<CheckpointResult<T>> {
    const inputs = spec.inputs ?? {};
    const fingerprint = hashValue(inputs);
    const stored = await this.readStored<T>(key);
    const redo = stored ? await this.whyRedo(stored, inputs, fingerprint) : await this.interruption(key);
    if (stored && !redo && !spec.force) return { value: stored.value, cached: true };
    if (redo) spec.onRedo?.(redo);
    const value = await fn();
    const outputs = await this.digestOutputs(spec.outputs?.(value) ?? []);
    await writeJsonAtomic(this.checkpointPath(key), { key, completedAt: new Date().toISOString(), fingerprint, inputs, outputs, value });
    await rm(this.markPath(key), { force: true });
    return { value, cached: false, ...(redo ? { redo } : spec.force ? { redo: { kind: 'upstream' } } : {}) };
  }

  /** Marks `key` as interrupted: no result is stored, and the next run redoes it and says why. */
  async markInterrupted(key: string, signal: string): Promise<void> {
    await writeJsonAtomic(this.markPath(key), { key, interruptedAt: new Date().toISOString(), signal });
  }

  private async interruption(key: string): Promise<RedoReason | undefined> {
    const path = this.markPath(key);
    if (!(await exists(path))) return undefined;
    const mark = JSON.parse(await readFile(path, 'utf8')) as { signal?: string };
    return { kind: 'interrupted', signal: mark.signal ?? 'a signal' };
  }

  private async whyRedo(stored: StoredCheckpoint<unknown>, inputs: Record<string, string>, fingerprint: string): Promise<RedoReason | undefined> {
    if (stored.fingerprint !== fingerprint) {
      const before = stored.inputs ?? {};
      const names = [...new Set([...Object.keys(before), ...Object.keys(inputs)])].sort();
      return { kind: 'inputs', changed: stored.inputs ? names.filter((n) => before[n] !== inputs[n]) : ['format'] };
    }
    const path = await this.changedOutput(stored);
    return path === undefined ? undefined : { kind: 'outputs', path };
  }

  /** The first output file of `key`'s checkpoint that is missing or changed, if any. */
  async outputChanged(key: string): Promise<string | undefined> {
    const stored = await this.readStored(key);
    return stored && this.changedOutput(stored);
  }

  private async changedOutput(stored: StoredCheckpoint<unknown>): Promise<string | undefined> {
    for (const [path, sha256] of Object.entries(stored.outputs ?? {})) {
      const full = join(this.dir, path);
      if (!(await exists(full)) || (await sha256File(full)) !== sha256) return path;
    }
    return undefined;
  }

  private async digestOutputs(paths: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const path of paths) {
      const files = (await stat(path)).isDirectory() ? await checksumTree(path, this.dir) : [{ path: relative(this.dir, path).split(sep).join('/'), sha256: await sha256File(path) }];
      for (const f of files) out[f.path] = f.sha256;
    }
    return out;
  }

  /** A fresh, empty folder to write a package into; publish it with commitDir(). */
  async stagingDir(name: string): Promise<string> {
    const dir = join(this.dir, 'work', `${name}.staging-${randomBytes(4).toString('hex')}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /** Moves a finished staging folder to work/<name> (replacing an older attempt) and returns it. */
  async commitDir(staging: string, name: string): Promise<string> {
    const target = this.workDir(name);
    await replaceDirAtomic(staging, target);
    return target;
  }

  workDir(name: string): string {
    return join(this.dir, 'work', name);
  }

  publishedDir(taskId: string): string {
    return join(this.dir, 'tasks', taskId);
  }

  /** Removes temp files and staging folders anywhere in the run directory (none may be in use). */
  async sweep(): Promise<void> {
    const walk = async (dir: string): Promise<void> => {
      await removeLeftovers(dir);
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) if (e.isDirectory() && e.name !== 'public' && e.name !== 'private') await walk(join(dir, e.name));
    };
    await walk(this.dir);
  }
}

export function randomRunId(prefix = 'run'): string {
  return `${prefix}-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
}
