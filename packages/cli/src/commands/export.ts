import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ConfigError, exists, findTaskDirs, readTaskManifest, replaceDirAtomic } from '@mle-smith/core';
import { guardOutDir, markOutDir } from '../out-guard.js';
import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

/** A run folder exports its published tasks (tasks/<id>); anything else must be one task package. */
async function tasksOf(source: string): Promise<string[]> {
  if ((await exists(join(source, 'run.json'))) && (await exists(join(source, 'tasks')))) return findTaskDirs([join(source, 'tasks')]);
  return [source];
}

export async function exportCommand(ctx: CommandContext, taskDir: string, flags: { format: string; out: string; force?: boolean }): Promise<number> {
  const source = resolve(ctx.cwd, taskDir);
  const out = resolve(ctx.cwd, flags.out);
  const { host } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const exporter = host.exporters().find((e) => e.format === flags.format);
  if (!exporter) {
    const known = host.exporters().map((e) => e.format);
    throw new ConfigError(`no exporter for format "${flags.format}"${known.length ? ` (known: ${known.join(', ')})` : '; add an exporter plugin to the config'}`);
  }
  const tasks = await tasksOf(source);
  // every package is untrusted input: its manifest is schema-checked before an exporter sees it
  for (const task of tasks) await readTaskManifest(task);
  await guardOutDir(out, { owner: 'export', force: flags.force, inputs: [{ path: source, what: tasks.length > 1 || tasks[0] !== source ? 'run folder' : 'task package' }] });
  // written aside and renamed into place: a failed export leaves --out as it was
  const staging = `${out}.staging-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    for (const task of tasks) await exporter.export(task, staging);
    await markOutDir(staging, 'export');
    await replaceDirAtomic(staging, out);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  ctx.stdout(`exported ${tasks.length === 1 && tasks[0] === source ? taskDir : `${tasks.length} tasks of ${taskDir}`} as ${flags.format} to ${flags.out}\n`);
  return 0;
}
