// A real npm registry (Verdaccio) on 127.0.0.1 for the publish test: its own storage folder, no
// uplinks (nothing is fetched from the internet), anonymous publish allowed.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface LocalRegistry {
  url: string;
  /** An .npmrc that points every scope at this registry, with the placeholder token npm needs to publish. */
  npmrc: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function config(storage: string): string {
  // Every package is served from storage and may be published without a login; there is no
  // uplink, so an install that needs anything not published here fails instead of going online.
  return [
    `storage: ${JSON.stringify(storage)}`,
    'max_body_size: 512mb',
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(storage, '..', 'htpasswd'))}`,
    '    max_users: -1',
    'uplinks: {}',
    'packages:',
    "  '**':",
    '    access: $all',
    '    publish: $anonymous $authenticated',
    '    unpublish: $anonymous $authenticated',
    'server:',
    '  keepAliveTimeout: 60',
    'logs: { type: file, path: ' + JSON.stringify(join(storage, '..', 'verdaccio.log')) + ', format: json, level: warn }',
    'publish:',
    '  allow_offline: true',
    '',
  ].join('\n');
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/-/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`verdaccio did not answer at ${url} within ${timeoutMs} ms`);
}

/** Starts Verdaccio (the root devDependency) in `dir`; `stop()` ends it. */
export async function startLocalRegistry(dir: string): Promise<LocalRegistry> {
  const storage = join(dir, 'storage');
  await mkdir(storage, { recursive: true });
  const configFile = join(dir, 'config.yaml');
  await writeFile(configFile, config(storage));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const bin = createRequire(import.meta.url).resolve('verdaccio/bin/verdaccio');
  const out = createWriteStream(join(dir, 'verdaccio.out'));
  const child = spawn(process.execPath, [bin, '--config', configFile, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  try {
    await waitUntilUp(url, child, 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const npmrc = join(dir, 'npmrc');
  await writeFile(npmrc, [`registry=${url}/`, `//127.0.0.1:${port}/:_authToken=anonymous-publish`, 'audit=false', 'fund=false', 'update-notifier=false', ''].join('\n'));
  return {
    url,
    npmrc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
