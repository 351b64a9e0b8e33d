// The few engine operations the docker executor needs, so the executor never touches dockerode
// directly (and another engine, e.g. podman's API, only needs a new implementation of this).

export interface ContainerSpec {
  image: string;
  cmd: string[];
  env: Record<string, string>;
  /** "uid:gid" */
  user: string;
  workingDir: string;
  labels: Record<string, string>;
  binds: Array<{ host: string; container: string; readOnly: boolean }>;
  /** Writable tmpfs mounts: path -> mount options. */
  tmpfs: Record<string, string>;
  nanoCpus: number;
  memoryBytes: number;
  pidsLimit: number;
  fileSizeBytes: number;
  cpuSeconds: number;
  /** undefined: no network at all. */
  networkMode?: string;
}

export interface ContainerState {
  exitCode: number | null;
  oomKilled: boolean;
}

export interface ContainerSummary {
  id: string;
  labels: Record<string, string>;
  state: string;
}

export interface ContainerClient {
  /** Resolves when the engine answers; rejects with the engine's error otherwise. */
  ping(): Promise<void>;
  hasImage(image: string): Promise<boolean>;
  create(spec: ContainerSpec): Promise<string>;
  /**
   * Streams the container's stdout+stderr to `onData` (attach before start to miss nothing).
   * Resolves once attached, with a promise that settles when the stream ends.
   */
  attach(id: string, onData: (chunk: Buffer) => void): Promise<{ ended: Promise<void>; close(): void }>;
  start(id: string): Promise<void>;
  /** Resolves with the exit code once the container stops. */
  wait(id: string): Promise<number>;
  kill(id: string, signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  inspect(id: string): Promise<ContainerState>;
  /** Samples memory use; calls `onPeak` with the highest usage seen so far. Returns a stop function. */
  watchMemory(id: string, onPeak: (bytes: number) => void): () => void;
  /** All containers (running or not) carrying the label `key`. */
  list(labelKey: string): Promise<ContainerSummary[]>;
  /** Force-removes a container; a container that is already gone is not an error. */
  remove(id: string): Promise<void>;
}
