// Reads task packages as untrusted input: they come from other people (downloads, imports,
// shared folders). The manifest is schema-checked before any field is used; package files are
// reached without following symbolic links, must be regular files (no FIFOs, devices, sockets)
// and are read with a size cap, so a hostile package can neither point the tool at host files
// nor make it hang or exhaust memory.
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { isAbsolute, join, posix } from 'node:path';
import type { TaskManifest } from './contracts/task.js';
import { DatasetError } from './errors.js';
import { validateTaskManifest } from './schemas.js';

/** Largest task.json read (a manifest with thousands of file entries is a few MB). */
export const MANIFEST_MAX_BYTES = 16 * 1024 * 1024;
/** Default cap of one package file (public or private) that the tool reads. */
export const PACKAGE_FILE_MAX_BYTES = 4 * 1024 * 1024 * 1024;

export type PackageEntryKind = 'file' | 'directory' | 'symlink' | 'fifo' | 'device' | 'socket' | 'other';

export interface PackageEntry {
  /** Path relative to the package, with forward slashes. */
  path: string;
  kind: PackageEntryKind;
  bytes: number;
}

/** A problem with a package's files, in the shape of a finding (without rule id and phase). */
export interface PackageProblem {
  path: string;
  message: string;
}

/**
 * Whether `rel` is a package path the tool may touch: relative, forward slashes, normalised
 * (no `.`/`..`/empty segments), no NUL or backslash. Returns the reason when it is not.
 */
export function unsafePackagePath(rel: string): string | undefined {
  if (typeof rel !== 'string' || rel === '') return 'is empty';
  if (rel.includes('\0')) return 'contains a NUL character';
  if (rel.includes('\\')) return 'contains a backslash';
  if (isAbsolute(rel) || rel.startsWith('/')) return 'is absolute';
  if (rel.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'is not normalised (empty, "." or ".." segments)';
  if (posix.normalize(rel) !== rel) return 'is not normalised';
  return undefined;
}

/**
 * A message built from untrusted content, made safe to print: control characters (terminal
 * escapes, newlines) escaped, and cut to `max` characters.
 */
export function boundedText(text: string, max = 500): string {
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\n' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return safe.length > max ? `${safe.slice(0, max)}… (${safe.length - max} more characters)` : safe;
}

/** A short, escaped excerpt of untrusted text for a message: never more than `max` characters. */
export function excerpt(text: string, max = 40): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return JSON.stringify(cut);
}

function kindOf(st: Awaited<ReturnType<typeof lstat>>): PackageEntryKind {
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'directory';
  if (st.isFIFO()) return 'fifo';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket()) return 'socket';
  return 'other';
}

const KIND_TEXT: Record<PackageEntryKind, string> = {
  file: 'a regular file', directory: 'a folder', symlink: 'a symbolic link', fifo: 'a named pipe (FIFO)',
  device: 'a device', socket: 'a socket', other: 'not a regular file',
};

/**
 * Checks that `rel` names a regular file inside the package reached through real folders only
 * (no symlink at any level), not larger than `maxBytes`. Returns the absolute path and size.
 * Throws DatasetError naming the path otherwise. The check and the later open are two steps;
 * callers that read the bytes themselves should use readPackageFile(), which re-checks on the
 * opened descriptor.
 */
export async function checkPackageFile(taskDir: string, rel: string, maxBytes = PACKAGE_FILE_MAX_BYTES): Promise<{ path: string; bytes: number }> {
  const why = unsafePackagePath(rel);
  if (why) throw new DatasetError(`package path ${excerpt(rel)} ${why}`, { file: taskDir });
  const parts = rel.split('/');
  let abs = taskDir;
  for (let i = 0; i < parts.length; i++) {
    abs = join(abs, parts[i]);
    const shown = parts.slice(0, i + 1).join('/');
    let st;
    try {
      st = await lstat(abs);
    } catch {
      throw new DatasetError(`${shown} is missing`, { file: join(taskDir, shown) });
    }
    const kind = kindOf(st);
    const want = i === parts.length - 1 ? 'file' : 'directory';
    if (kind !== want) throw new DatasetError(`${shown} is ${KIND_TEXT[kind]}, not ${KIND_TEXT[want]}: package files must be regular files inside the package`, { file: join(taskDir, shown) });
    if (want === 'file' && st.size > maxBytes) throw new DatasetError(`${shown} is ${st.size} bytes, over the ${maxBytes}-byte cap of a package file`, { file: join(taskDir, shown) });
    if (want === 'file') return { path: abs, bytes: st.size };
  }
  throw new DatasetError(`package path ${excerpt(rel)} is empty`, { file: taskDir });
}

/**
 * Reads a package file: checked as checkPackageFile() does, then opened with O_NOFOLLOW and
 * O_NONBLOCK (a FIFO swapped in after the check cannot block) and re-checked on the descriptor;
 * reads at most `maxBytes`.
 */
export async function readPackageFile(taskDir: string, rel: string, maxBytes = PACKAGE_FILE_MAX_BYTES): Promise<Buffer> {
  const { path } = await checkPackageFile(taskDir, rel, maxBytes);
  const fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => {
    throw new DatasetError(`${rel} cannot be opened safely (${err.code ?? err.message})`, { file: path, cause: err });
  });
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new DatasetError(`${rel} is not a regular file`, { file: path });
    if (st.size > maxBytes) throw new DatasetError(`${rel} is ${st.size} bytes, over the ${maxBytes}-byte cap of a package file`, { file: path });
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let read = 0;
    while (read < buf.length) {
      const { bytesRead } = await fh.read(buf, read, buf.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    if (read > maxBytes) throw new DatasetError(`${rel} grew past the ${maxBytes}-byte cap while being read`, { file: path });
    return buf.subarray(0, read);
  } finally {
    await fh.close();
  }
}

/**
 * Reads task.json and checks it against task.schema.json before any field is used. Returns the
 * parsed value and the schema errors ("at /path: ..." lines); `manifest` is only typed when
 * `errors` is empty. Throws DatasetError when task.json is missing, unsafe or not JSON.
 */
export async function readManifestUnchecked(taskDir: string): Promise<{ value: unknown; errors: string[] }> {
  const file = join(taskDir, 'task.json');
  const bytes = await readPackageFile(taskDir, 'task.json', MANIFEST_MAX_BYTES);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new DatasetError(`task.json is not valid JSON (${(err as Error).message.split('\n')[0].slice(0, 120)})`, { file, cause: err });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { value, errors: [`at /: must be an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`] };
  }
  return { value, errors: validateTaskManifest(value).errors };
}

/** Reads and validates task.json; throws one DatasetError line naming the first schema error. */
export async function readTaskManifest(taskDir: string): Promise<TaskManifest> {
  const { value, errors } = await readManifestUnchecked(taskDir);
  if (errors.length) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw new DatasetError(`task.json is not a valid task manifest: ${errors[0]}${more}`, { file: join(taskDir, 'task.json') });
  }
  return value as TaskManifest;
}

/**
 * Lists every entry of a package without following links (at most `maxEntries`), and the
 * problems that make it unsafe to read: links, FIFOs, devices, sockets, files over the cap.
 */
export async function inspectPackage(taskDir: string, options: { maxBytes?: number; maxEntries?: number } = {}): Promise<{ entries: PackageEntry[]; problems: PackageProblem[] }> {
  const maxBytes = options.maxBytes ?? PACKAGE_FILE_MAX_BYTES;
  const maxEntries = options.maxEntries ?? 100_000;
  const entries: PackageEntry[] = [];
  const problems: PackageProblem[] = [];
  const walk = async (rel: string): Promise<void> => {
    const dir = rel ? join(taskDir, ...rel.split('/')) : taskDir;
    const names = (await readdir(dir)).sort();
    for (const name of names) {
      if (entries.length >= maxEntries) {
        problems.push({ path: rel || '.', message: `more than ${maxEntries} entries in the package` });
        return;
      }
      const path = rel ? `${rel}/${name}` : name;
      const st = await lstat(join(dir, name));
      const kind = kindOf(st);
      entries.push({ path, kind, bytes: kind === 'file' ? st.size : 0 });
      if (kind === 'directory') await walk(path);
      else if (kind !== 'file') problems.push({ path, message: `${path} is ${KIND_TEXT[kind]}: a package holds only regular files and folders` });
      else if (st.size > maxBytes) problems.push({ path, message: `${path} is ${st.size} bytes, over the ${maxBytes}-byte cap of a package file` });
    }
  };
  await walk('');
  return { entries, problems };
}
