import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256File } from '@mle-smith/data';
import { DatasetError, defineRule, exists, type Issue } from '@mle-smith/core';
import { withDuckDb } from '@mle-smith/data';
import { loadTable, PACKAGE_PATHS, REQUIRED_PACKAGE_FILES, type PackageFile } from '@mle-smith/task-package';

export interface FilesPresentOptions extends Record<string, unknown> {
  checkChecksums: boolean;
}

export const filesPresent = defineRule<'package', FilesPresentOptions>({
  id: 'structural/files-present',
  phase: 'package',
  severity: 'error',
  description:
    'task.json, description.md, public/{train,test,sample_submission}.csv and private/answers.csv exist and parse as CSV with rows; nothing answer-like sits in public/; files match the checksums recorded in task.json.',
  schema: { type: 'object', additionalProperties: false, properties: { checkChecksums: { type: 'boolean' } } },
  defaultOptions: { checkChecksums: true },
  async check({ taskDir, manifest }, { opts }) {
    const issues: Issue[] = [];
    for (const rel of ['task.json', 'description.md']) {
      if (!(await exists(join(taskDir, rel)))) issues.push({ message: `${rel} is missing; write it into the package`, location: rel });
    }
    const present: PackageFile[] = [];
    for (const key of REQUIRED_PACKAGE_FILES) {
      const rel = PACKAGE_PATHS[key];
      if (await exists(join(taskDir, rel))) present.push(key);
      else issues.push({ message: `${rel} is missing; every package needs it`, location: rel });
    }
    await withDuckDb(async (db) => {
      for (const key of present) {
        try {
          const t = await loadTable(db, taskDir, key, true);
          if (t.rows === 0) issues.push({ message: `${t.file} has a header but no rows`, location: t.file });
        } catch (err) {
          if (!(err instanceof DatasetError)) throw err;
          issues.push({ message: `${PACKAGE_PATHS[key]} ${err.message.replace(/^[^:]*: /, '')}`, location: PACKAGE_PATHS[key] });
        }
      }
    });
    const publicFiles = await readdir(join(taskDir, 'public')).catch(() => [] as string[]);
    for (const name of publicFiles) {
      if (/answer|solution|label|private/i.test(name)) {
        issues.push({ message: `public/${name} looks like private data; solvers see everything in public/, so move it to private/ or delete it`, location: `public/${name}` });
      }
    }
    if (opts.checkChecksums) {
      for (const f of manifest.files ?? []) {
        const abs = join(taskDir, f.path);
        if (!(await exists(abs))) {
          issues.push({ message: `task.json lists ${f.path} but the file is missing`, location: f.path });
        } else if ((await sha256File(abs)) !== f.sha256) {
          issues.push({ message: `${f.path} does not match the sha256 recorded in task.json (the file changed after packaging); rebuild the package or update task.json`, location: f.path });
        }
      }
    }
    return issues;
  },
});
