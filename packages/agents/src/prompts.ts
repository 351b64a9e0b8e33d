// Prompts are versioned files shipped with the designers. The sha256 of the file goes into
// task.json (generator.promptHashes) so a task records exactly which prompt produced it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { ConfigError } from '@mle-smith/core';

export interface Prompt {
  name: string;
  /** The prompt body, without the front matter. */
  text: string;
  /** From the `version:` line of the front matter. */
  version: string;
  /** sha256 (hex) of the whole file, front matter included. */
  sha256: string;
  path: string;
}

/**
 * Reads `<dir>/<name>` (`.md` is appended when the name has no extension). The file starts
 * with a front matter block holding at least a `version:` line:
 *
 *     ---
 *     version: 2
 *     ---
 *     You are ...
 */
export async function loadPrompt(dir: string, name: string): Promise<Prompt> {
  const path = join(dir, extname(name) ? name : `${name}.md`);
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`prompt "${name}" not found at ${path}`, { cause: err });
  }
  const { version, body } = parseFrontMatter(raw, path);
  return { name, text: body, version, sha256: createHash('sha256').update(raw).digest('hex'), path };
}

function parseFrontMatter(raw: string, path: string): { version: string; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(raw);
  if (!match) throw new ConfigError(`${path}: prompt file must start with a front matter block (--- version: N ---)`);
  const version = /^version:\s*["']?([^"'\s]+)["']?\s*$/m.exec(match[1])?.[1];
  if (!version) throw new ConfigError(`${path}: front matter has no "version:" line`);
  return { version, body: raw.slice(match[0].length).trim() };
}

/** Replaces `{{name}}` placeholders; an unknown placeholder is an error, not an empty string. */
export function renderPrompt(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_m, key: string) => {
    if (!(key in vars)) throw new ConfigError(`prompt placeholder {{${key}}} has no value`);
    return String(vars[key]);
  });
}
