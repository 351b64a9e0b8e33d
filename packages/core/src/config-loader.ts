// Finds, reads, validates and resolves mle-smith.config.json (or .mjs). A config file extends the
// built-in defaults key by key (objects merge, arrays and values replace), so a file that sets only
// "executor" keeps every default plugin. Errors name the file and the JSON path; paths in the result
// are absolute.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MleSmithConfig, UserConfig } from './contracts/config.js';
import { exists } from './atomic-fs.js';
import { ConfigError, errorMessage } from './errors.js';
import { validateConfigObject } from './schemas.js';

export const CONFIG_FILE_NAMES = ['mle-smith.config.json', 'mle-smith.config.mjs'] as const;

export interface LoadedConfig {
  config: MleSmithConfig;
  /** Absolute path of the config file, or undefined when built-in defaults were used. */
  file?: string;
  /** Folder that relative paths in the config are resolved from. */
  dir: string;
}

/** Searches `from` and its parents for a config file. */
export async function findConfigFile(from: string): Promise<string | undefined> {
  let dir = resolve(from);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (await exists(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function readConfigFile(file: string): Promise<unknown> {
  if (file.endsWith('.mjs') || file.endsWith('.js')) {
    try {
      const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
      return mod.default;
    } catch (err) {
      throw new ConfigError(`${file}: cannot load: ${errorMessage(err)}`, { cause: err });
    }
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${file}: cannot read: ${errorMessage(err)}`, { cause: err });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file}: invalid JSON: ${errorMessage(err)}`, { cause: err });
  }
}

/** Sets `value` at a dotted path ("executor.backend") of a plain object, creating objects on the way. */
export function setConfigKey(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null || Array.isArray(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `override` laid over `base`: objects merge key by key, anything else (arrays included: `plugins`,
 * `datasets`, `report`) replaces. Neither argument is changed.
 */
export function mergeConfig(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    out[key] = isPlainObject(value) && isPlainObject(out[key]) ? mergeConfig(out[key] as Record<string, unknown>, value) : structuredClone(value);
  }
  return out;
}

/** Validates a user config (filling defaults) and resolves its paths against `dir`. */
export function resolveConfig(user: unknown, dir: string, source = 'config'): MleSmithConfig {
  if (typeof user !== 'object' || user === null || Array.isArray(user)) {
    throw new ConfigError(`${source}: at /: must be an object`);
  }
  const copy = structuredClone(user) as Record<string, unknown>;
  const result = validateConfigObject(copy);
  if (!result.valid) {
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
    throw new ConfigError(`${source}: ${result.errors[0]}${more}`);
  }
  const config = copy as unknown as MleSmithConfig;
  config.datasets = config.datasets.map((d) => resolve(dir, d));
  config.out = resolve(dir, config.out);
  return config;
}

export interface LoadConfigOptions {
  cwd: string;
  /** Explicit --config path. */
  configPath?: string;
  /** Dotted-path overrides applied before validation (CLI flags). */
  overrides?: Record<string, unknown>;
  /** The built-in config a config file extends (and the whole config when there is no file). */
  defaults?: UserConfig;
}

export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  let file: string | undefined;
  if (options.configPath) {
    file = resolve(options.cwd, options.configPath);
    if (!(await exists(file))) throw new ConfigError(`config file not found: ${file}`);
  } else {
    file = await findConfigFile(options.cwd);
  }
  const fromFile = file ? await readConfigFile(file) : {};
  if (!isPlainObject(fromFile)) throw new ConfigError(`${file ?? 'config'}: at /: must be an object`);
  const raw = mergeConfig((options.defaults ?? {}) as Record<string, unknown>, fromFile);
  for (const [path, value] of Object.entries(options.overrides ?? {})) {
    if (value !== undefined) setConfigKey(raw, path, value);
  }
  const dir = file ? dirname(file) : resolve(options.cwd);
  return { config: resolveConfig(raw, dir, file ?? 'config'), file, dir };
}
