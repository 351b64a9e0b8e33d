import { cp } from 'node:fs/promises';

/** Copies a folder tree, dereferencing nothing outside it (symlinks are copied as links). */
export async function copyDir(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, verbatimSymlinks: true, errorOnExist: false, force: true });
}
