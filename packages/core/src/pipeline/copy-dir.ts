import { cp, rm } from 'node:fs/promises';
import { diskError } from '../disk-fault.js';

/** Copies a folder tree, dereferencing nothing outside it (symlinks are copied as links); a failed copy removes what it wrote. */
export async function copyDir(from: string, to: string): Promise<void> {
  try {
    await cp(from, to, { recursive: true, verbatimSymlinks: true, errorOnExist: false, force: true });
  } catch (err) {
    await rm(to, { recursive: true, force: true });
    throw await diskError(err, to);
  }
}
