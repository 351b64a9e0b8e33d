// What each stage's checkpoint is computed from, as named hashes: the raw files for `profile`; for
// every later stage the mle-smith version, the loaded plugins (name, version, options), the seed,
// the LLM settings and the config section the stage reads. The stage runner adds the upstream
// stage's fingerprint, so a change invalidates everything after it (docs/resume.md).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MleSmithConfig } from '../contracts/config.js';
import type { StageName } from '../contracts/extensions.js';
import { checksumTree, sha256File } from '../checksums.js';
import { DatasetError, errorMessage } from '../errors.js';
import type { PluginHost } from '../plugin-host.js';
import { hashValue } from '../run-store.js';

/** The config sections each stage reads (besides seed, plugins and LLM settings, which all but profile read). */
const SECTIONS: Record<StageName, Array<'design' | 'verify' | 'execute' | 'executor'>> = {
  profile: [], brainstorm: ['design'], design: ['design'], verify: ['verify'], materialize: ['design'],
  review: ['verify'], execute: ['execute', 'executor'], verdict: ['design'], publish: [],
};

export type StageInputs = (stage: StageName) => Record<string, string>;

/** The inputs of every stage of a run, computed once (plugin versions are read from their package.json). */
export async function runInputs(config: MleSmithConfig, host: PluginHost, version = 'dev'): Promise<StageInputs> {
  // the plugins the config lists: one loaded on demand (the executor a worker creates for its first
  // job, the queue a coordinator opens) joins at a different moment in each process
  const plugins = hashValue(await Promise.all(host.plugins.filter((p) => !p.onDemand).map(async (p) => ({
    name: p.name, entry: p.entry, options: p.options, version: await packageVersion(p.source), code: p.source && (await sha256File(p.source).catch(() => undefined)),
  }))));
  // Where the cache and the endpoint check time out change no result.
  const { cache: _cache, checkTimeoutMs: _check, ...llm } = config.llm;
  const common = { tool: hashValue(version), plugins, seed: hashValue(config.seed), llm: hashValue(llm) };
  return (stage) => {
    if (stage === 'profile') return { tool: common.tool };
    const sections = Object.fromEntries(SECTIONS[stage].map((s) => [`config.${s}`, hashValue(config[s])]));
    return { ...common, ...sections };
  };
}

/** Each raw file's sha256 by its path in the dataset folder: what a dataset's profile is computed from. */
export async function rawInputs(datasetDir: string): Promise<Record<string, string>> {
  let files;
  try {
    files = await checksumTree(datasetDir);
  } catch (err) {
    throw new DatasetError(`cannot read the dataset's files: ${errorMessage(err)}`, { file: datasetDir, cause: err });
  }
  return Object.fromEntries(files.map((f) => [`raw:${f.path}`, f.sha256]));
}

/** What a redo's progress line says about the inputs that changed (nothing when only the upstream stage did). */
export function describeChange(changed: string[]): string | undefined {
  const raw = changed.filter((c) => c.startsWith('raw:')).map((c) => c.slice(4));
  const parts: string[] = [];
  if (raw.length) parts.push(`raw data changed (${raw.slice(0, 3).join(', ')}${raw.length > 3 ? `, +${raw.length - 3} more` : ''})`);
  const names: Record<string, string> = {
    tool: 'mle-smith version changed', plugins: 'plugins or their options changed', seed: 'seed changed', llm: 'LLM settings changed',
    'config.design': 'design settings changed', 'config.verify': 'verify settings changed', 'config.execute': 'execute settings changed',
    'config.executor': 'executor settings changed', format: 'the checkpoint predates input tracking',
  };
  for (const c of changed) if (names[c]) parts.push(names[c]!);
  return parts.length ? parts.join('; ') : undefined;
}

async function packageVersion(source: string | undefined): Promise<string | undefined> {
  for (let dir = source && dirname(source); dir && dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      return (JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
    } catch {
      // no package.json here: look one folder up
    }
  }
  return undefined;
}
