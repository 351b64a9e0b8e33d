// What a solver may see of a task: the manifest without its spec, source and checksums, the
// task's modality and input columns (the columns of test.csv besides the id), and description.md.
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskPublicView } from '../contracts/execution.js';
import type { TaskManifest } from '../contracts/task.js';
import { DatasetError, errorMessage } from '../errors.js';

export function publicView(taskDir: string, manifest: TaskManifest, description: string, inputColumns: string[]): TaskPublicView {
  const { files: _files, spec: _spec, source: _source, ...visible } = manifest;
  return { taskDir, publicDir: join(taskDir, 'public'), manifest: { ...visible, spec: undefined }, modality: manifest.modality, inputColumns, description };
}

/** The public view of a package on disk: description.md and test.csv's header are read here, once, for every solver. */
export async function readPublicView(taskDir: string, manifest: TaskManifest): Promise<TaskPublicView> {
  const description = await readFile(join(taskDir, 'description.md'), 'utf8').catch(() => '');
  const header = await csvHeader(join(taskDir, 'public', 'test.csv'));
  return publicView(taskDir, manifest, description, header.filter((c) => c !== manifest.submission.idColumn));
}

/** The column names on a CSV file's first line (RFC 4180 quoting). Only the header is read. */
export async function csvHeader(path: string): Promise<string[]> {
  let line = '';
  try {
    const file = await open(path, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      for (let pos = 0; !line.includes('\n'); pos += buf.length) {
        const { bytesRead } = await file.read(buf, 0, buf.length, pos);
        if (bytesRead === 0) break;
        line += buf.subarray(0, bytesRead).toString('utf8');
      }
    } finally {
      await file.close();
    }
  } catch (err) {
    throw new DatasetError(`cannot read the header of ${path}: ${errorMessage(err)}`, { file: path });
  }
  return splitHeader(line.replace(/^\uFEFF/, ''));
}

function splitHeader(text: string): string[] {
  const names: string[] = [];
  let i = 0;
  for (;;) {
    let name = '';
    if (text[i] === '"') {
      for (i++; i < text.length && !(text[i] === '"' && text[i + 1] !== '"'); i++) name += text[i] === '"' ? text[++i] : text[i];
      i++;
    } else {
      for (; i < text.length && !',\r\n'.includes(text[i]!); i++) name += text[i];
    }
    names.push(name);
    if (text[i] !== ',') return names;
    i++;
  }
}
