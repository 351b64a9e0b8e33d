import { rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, DatasetError, UsageError, checksumTree, copyFileAtomic, readManifest, replaceDirAtomic, silentLogger } from '@mle-smith/core';
import { wire } from '../composition-root.js';
import { guardOutDir, markOutDir } from '../out-guard.js';
import type { CommandContext } from '../main.js';

/** Rebuilds a package from its recorded spec and raw data; fails unless every checksum matches. */
export async function prepareCommand(ctx: CommandContext, taskJson: string, flags: { raw: string; out: string; force?: boolean }): Promise<number> {
  const manifestPath = resolve(ctx.cwd, taskJson);
  if (basename(manifestPath) !== 'task.json') throw new UsageError(`prepare takes a package's task.json, not ${manifestPath}`);
  const manifest = await readManifest(dirname(manifestPath));
  if (!manifest.spec) throw new DatasetError('task.json has no "spec": only packages made from a TaskSpec can be rebuilt', { file: manifestPath });
  const { host, profiler } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const designerId = manifest.generator?.designer;
  const designer = host.designers().find((d) => d.id === designerId) ?? host.designers().find((d) => d.modality === manifest.modality);
  if (!designer) throw new ConfigError(`no designer "${designerId ?? manifest.modality}" is loaded; add its plugin to the config`);
  const out = resolve(ctx.cwd, flags.out);
  const rawDir = resolve(ctx.cwd, flags.raw);
  await guardOutDir(out, { owner: 'prepare', force: flags.force, inputs: [{ path: rawDir, what: 'raw dataset folder' }, { path: dirname(manifestPath), what: 'source package' }] });
  const staging = `${out}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    await designer.materialize(manifest.spec, { rawDir, outDir: staging, profile: await profiler.profile(rawDir), log: silentLogger });
    const rebuilt = new Map((await checksumTree(staging)).map((f) => [f.path, f.sha256]));
    const mismatches = manifest.files.filter((f) => rebuilt.get(f.path) !== f.sha256).map((f) => f.path);
    const extra = [...rebuilt.keys()].filter((p) => (p.startsWith('public/') || p.startsWith('private/')) && !manifest.files.some((f) => f.path === p));
    if (mismatches.length || extra.length) {
      const first = mismatches[0] ?? extra[0];
      throw new DatasetError(`rebuilt package differs from the recorded checksums: ${first}${mismatches.length + extra.length > 1 ? ` and ${mismatches.length + extra.length - 1} more` : ''} (is --raw the same dataset?)`);
    }
    await copyFileAtomic(manifestPath, join(staging, 'task.json'));
    await markOutDir(staging, 'prepare');
    await replaceDirAtomic(staging, out);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  ctx.stdout(`rebuilt ${manifest.id} in ${out}: ${manifest.files.length} files match their recorded checksums\n`);
  return 0;
}
