// ContainerClient on dockerode. The engine is DOCKER_HOST (dockerode reads it) or `socketPath`.
import { Writable } from 'node:stream';
import Docker from 'dockerode';
import type { ContainerClient, ContainerSpec, ContainerState, ContainerSummary } from './container-client.js';

function isNotFound(err: unknown): boolean {
  const e = err as { statusCode?: number };
  return e?.statusCode === 404;
}

export function createDockerodeClient(options: { socketPath?: string } = {}): ContainerClient {
  const docker = options.socketPath ? new Docker({ socketPath: options.socketPath }) : new Docker();

  return {
    async ping() {
      await docker.ping();
    },

    async hasImage(image) {
      try {
        await docker.getImage(image).inspect();
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },

    async create(spec: ContainerSpec) {
      const container = await docker.createContainer({
        Image: spec.image,
        Cmd: spec.cmd,
        Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
        User: spec.user,
        WorkingDir: spec.workingDir,
        Labels: spec.labels,
        Hostname: 'sandbox',
        Tty: false,
        OpenStdin: false,
        AttachStdin: false,
        AttachStdout: true,
        AttachStderr: true,
        NetworkDisabled: spec.networkMode === undefined,
        HostConfig: {
          Binds: spec.binds.map((b) => `${b.host}:${b.container}:${b.readOnly ? 'ro' : 'rw'}`),
          NetworkMode: spec.networkMode ?? 'none',
          NanoCpus: spec.nanoCpus,
          Memory: spec.memoryBytes,
          MemorySwap: spec.memoryBytes,
          PidsLimit: spec.pidsLimit,
          ReadonlyRootfs: true,
          Tmpfs: spec.tmpfs,
          CapDrop: ['ALL'],
          SecurityOpt: ['no-new-privileges'],
          Ulimits: [
            { Name: 'fsize', Soft: spec.fileSizeBytes, Hard: spec.fileSizeBytes },
            { Name: 'cpu', Soft: spec.cpuSeconds, Hard: spec.cpuSeconds },
            { Name: 'core', Soft: 0, Hard: 0 },
          ],
          // Logs are streamed through attach and capped there; the engine keeps none on disk.
          LogConfig: { Type: 'none', Config: {} },
          AutoRemove: false,
        },
      });
      return container.id;
    },

    async attach(id, onData) {
      const container = docker.getContainer(id);
      const stream = await container.attach({ stream: true, stdout: true, stderr: true, logs: false });
      const sink = new Writable({
        write(chunk: Buffer, _enc, cb) {
          onData(chunk);
          cb();
        },
      });
      container.modem.demuxStream(stream, sink, sink);
      const ended = new Promise<void>((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', () => resolve());
      });
      return { ended, close: () => (stream as unknown as { destroy(): void }).destroy() };
    },

    async start(id) {
      await docker.getContainer(id).start();
    },

    async wait(id) {
      const r = (await docker.getContainer(id).wait()) as { StatusCode: number };
      return r.StatusCode;
    },

    async kill(id, signal) {
      try {
        await docker.getContainer(id).kill({ signal });
      } catch {
        // 404 (gone) or 409 (not running): nothing to kill.
      }
    },

    async inspect(id): Promise<ContainerState> {
      const info = await docker.getContainer(id).inspect();
      return { exitCode: info.State.ExitCode ?? null, oomKilled: info.State.OOMKilled === true };
    },

    watchMemory(id, onPeak) {
      let stopped = false;
      let stream: NodeJS.ReadableStream | undefined;
      let peak = 0;
      docker
        .getContainer(id)
        .stats({ stream: true })
        .then((s) => {
          stream = s;
          if (stopped) return (s as unknown as { destroy(): void }).destroy();
          let buffered = '';
          s.on('data', (chunk: Buffer) => {
            buffered += chunk.toString('utf8');
            let nl: number;
            while ((nl = buffered.indexOf('\n')) >= 0) {
              const line = buffered.slice(0, nl);
              buffered = buffered.slice(nl + 1);
              try {
                const m = (JSON.parse(line) as { memory_stats?: { usage?: number; max_usage?: number } }).memory_stats;
                const bytes = Math.max(m?.max_usage ?? 0, m?.usage ?? 0);
                if (bytes > peak) onPeak((peak = bytes));
              } catch {
                // partial or empty sample
              }
            }
          });
          s.on('error', () => undefined);
        })
        .catch(() => undefined);
      return () => {
        stopped = true;
        (stream as unknown as { destroy?(): void } | undefined)?.destroy?.();
      };
    },

    async list(labelKey): Promise<ContainerSummary[]> {
      const all = await docker.listContainers({ all: true, filters: { label: [labelKey] } });
      return all.map((c) => ({ id: c.Id, labels: c.Labels ?? {}, state: c.State }));
    },

    async remove(id) {
      try {
        await docker.getContainer(id).remove({ force: true, v: true });
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        // 404: already gone; 409: removal already in progress.
        if (!isNotFound(err) && status !== 409) throw err;
      }
    },
  };
}
