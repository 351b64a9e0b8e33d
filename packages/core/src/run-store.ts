// The run directory: run.json, one checkpoint file per finished stage, staging folders for
// packages being written, and published tasks. A killed run resumes from its checkpoints.
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { exists, removeLeftovers, replaceDirAtomic, writeJsonAtomic } from './atomic-fs.js';

export interface RunRecord {
  runId: string;
  createdAt: string;
  resumedAt: string[];
  config: unknown;
}

export interface CheckpointResult<T> {
  value: T;
  cached: boolean;
}

export class RunStore {
  private constructor(
    readonly dir: string,
    readonly record: RunRecord,
  ) {}

  /** Opens (or creates) a run directory and removes what a killed process left half-written. */
  static async open(dir: string, options: { config?: unknown; runId?: string } = {}): Promise<RunStore> {
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
    await store.sweep();
    await writeJsonAtomic(runFile, record);
    return store;
  }

  get runId(): string {
    return this.record.runId;
  }

  private checkpointPath(key: string): string {
    const safe = key.split('/').map((part) => part.replace(/[^A-Za-z0-9._-]/g, '_'));
    return join(this.dir, 'checkpoints', ...safe) + '.json';
  }

  async readCheckpoint<T>(key: string): Promise<T | undefined> {
    const path = this.checkpointPath(key);
    if (!(await exists(path))) return undefined;
    return (JSON.parse(await readFile(path, 'utf8')) as { value: T }).value;
  }

  async writeCheckpoint<T>(key: string, value: T): Promise<void> {
    await writeJsonAtomic(this.checkpointPath(key), { key, completedAt: new Date().toISOString(), value });
  }

  /** Returns the stored result of `key`, or runs `fn` and stores its result. */
  async checkpoint<T>(key: string, fn: () => Promise<T>): Promise<CheckpointResult<T>> {
    const stored = await this.readCheckpoint<T>(key);
    if (stored !== undefined) return { value: stored, cached: true };
    const value = await fn();
    await this.writeCheckpoint(key, value);
    return { value, cached: false };
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

  /** Removes temp files and staging folders anywhere in the run directory. */
  private async sweep(): Promise<void> {
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
