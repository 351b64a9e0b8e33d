// For designer plugins' tests: a DesignContext with quiet defaults, and a folder's files for
// byte-for-byte comparisons of materialized packages.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type DesignContext } from '@mle-smith/core';

export function designContext(over: Partial<DesignContext> = {}): DesignContext {
  return { runId: 'test-run', seed: 42, maxProposals: 3, defects: [], history: [], attempt: 0, log: silentLogger, ...over };
}

/** Every file under dir (POSIX-relative path) → its content, as text or, for binary files, base64. */
export async function filesOf(dir: string, encoding: 'utf8' | 'base64' = 'utf8'): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = (await readFile(path)).toString(encoding);
  }
  return out;
}
