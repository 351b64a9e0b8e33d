// The publish test's registry has no uplink, so the third-party packages that the published
// @mle-smith packages depend on are served from it too: their closure is read from the
// workspace's package-lock.json, each installed copy under node_modules/ is packed and published.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

interface LockEntry {
  name?: string;
  version?: string;
  link?: boolean;
  resolved?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface ThirdPartyPackage {
  name: string;
  version: string;
  /** Lockfile path, e.g. node_modules/a/node_modules/b. */
  path: string;
  /** False for an optional platform package that is not installed on this machine. */
  installed: boolean;
  platform: Pick<LockEntry, 'os' | 'cpu' | 'libc'>;
}

/** Node's lookup order for `name` required from the package at lockfile path `from`. */
function lookup(packages: Record<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut >= 0 ? base.slice(0, cut) : '';
  }
}

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/**
 * Third-party packages needed to install the workspace packages `roots` (package names), following
 * dependencies, optional dependencies and required peers through the lockfile.
 */
export async function thirdPartyClosure(repoRoot: string, roots: string[]): Promise<ThirdPartyPackage[]> {
  const lock = JSON.parse(await readFile(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const packages = lock.packages;
  const found = new Map<string, ThirdPartyPackage>();
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (from: string, name: string, optional: boolean) => {
    let path = lookup(packages, from, name);
    if (!path) {
      if (optional) return;
      throw new Error(`${name} (needed by ${from || 'the workspace'}) is not in package-lock.json`);
    }
    const entry = packages[path]!;
    if (entry.link && entry.resolved) path = entry.resolved;
    if (seen.has(path)) return;
    seen.add(path);
    queue.push(path);
  };
  for (const root of roots) visit('', root, false);
  while (queue.length) {
    const path = queue.shift()!;
    const entry = packages[path]!;
    const isWorkspace = !path.includes('node_modules/');
    if (!isWorkspace) {
      const installed = existsSync(join(repoRoot, path, 'package.json'));
      found.set(path, { name: entry.name ?? nameOf(path), version: entry.version!, path, installed, platform: { os: entry.os, cpu: entry.cpu, libc: entry.libc } });
      if (!installed) continue;
    }
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(path, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(path, dep, true);
    for (const dep of Object.keys(entry.peerDependencies ?? {})) visit(path, dep, entry.peerDependenciesMeta?.[dep]?.optional === true);
  }
  return [...found.values()];
}

function semverKey(version: string): number[] {
  return version.split(/[.+-]/).slice(0, 3).map((n) => Number.parseInt(n, 10) || 0);
}

const byVersion = (a: ThirdPartyPackage, b: ThirdPartyPackage) => {
  const ka = semverKey(a.version);
  const kb = semverKey(b.version);
  return ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]!;
};

async function packDir(dir: string, out: string): Promise<void> {
  // The installed folder is the extracted tarball (plus nested node_modules, which are packages of
  // their own): put it back under package/ as npm expects.
  await exec('tar', ['-czf', out, '--exclude=./node_modules', '--transform=s,^\\.,package,', '-C', dir, '.']);
}

/** Publishes one package version through the registry's publish API (what `npm publish` sends). */
async function putPackage(registry: string, manifest: Record<string, unknown>, tarball: Buffer): Promise<void> {
  const name = manifest.name as string;
  const version = manifest.version as string;
  const file = `${name}-${version}.tgz`;
  const body = {
    _id: name,
    name,
    'dist-tags': { latest: version },
    versions: {
      [version]: {
        ...manifest,
        _id: `${name}@${version}`,
        dist: {
          shasum: createHash('sha1').update(tarball).digest('hex'),
          integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
          tarball: `${registry}/${name}/-/${file}`,
        },
      },
    },
    _attachments: { [file]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length } },
  };
  const res = await fetch(`${registry}/${name.replace('/', '%2f')}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: 'Bearer anonymous-publish' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`publishing ${name}@${version}: HTTP ${res.status} ${await res.text()}`);
}

/**
 * Publishes every package of the closure. An optional platform package that is not installed here
 * (another OS or CPU) is published as a stub with its os/cpu fields, so npm can see it does not
 * apply and skip it, as it does on the public registry.
 */
export async function publishThirdParty(repoRoot: string, registry: string, closure: ThirdPartyPackage[]): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'mls-pack-'));
  try {
    const ordered = [...closure].sort(byVersion);
    // npm installs one name@version at several lockfile paths when hoisting cannot share it (two
    // nested copies of tslib 2.8.1); the registry holds it once, so publish each name@version once.
    const published = new Set<string>();
    for (const pkg of ordered) {
      if (published.has(`${pkg.name}@${pkg.version}`)) continue;
      published.add(`${pkg.name}@${pkg.version}`);
      const tgz = join(work, `${pkg.path.replaceAll('/', '_')}.tgz`);
      let manifest: Record<string, unknown>;
      if (pkg.installed) {
        const dir = join(repoRoot, pkg.path);
        manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
        await packDir(dir, tgz);
      } else {
        manifest = { name: pkg.name, version: pkg.version, ...pkg.platform };
        const stub = join(work, 'stub');
        await rm(stub, { recursive: true, force: true });
        await mkdir(stub);
        await writeFile(join(stub, 'package.json'), JSON.stringify(manifest));
        await packDir(stub, tgz);
      }
      // Fields npm added at install time, and scripts' publish hooks, do not belong in a packument.
      for (const key of Object.keys(manifest)) if (key.startsWith('_')) delete manifest[key];
      delete manifest.publishConfig;
      await putPackage(registry, manifest, await readFile(tgz));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
