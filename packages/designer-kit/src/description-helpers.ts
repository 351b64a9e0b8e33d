// Small pieces every designer's materialize() needs for description.md, kept here once.
import { readFile } from 'node:fs/promises';

/** A "License: ..." line of the dataset's SOURCE.md / README, when the profile has no license. */
export function licenseOf(profile: { license?: string; sourceNote?: string }): string | undefined {
  if (profile.license) return profile.license;
  const m = /^[\s>*-]*\**licen[cs]e\**\s*:\**\s*(.+)$/im.exec(profile.sourceNote ?? '');
  return m ? m[1].trim().slice(0, 200) : undefined;
}

/** How many lines of sample_submission.csv a description shows (header included). */
export const SAMPLE_LINES = 4;

/** The first `n` non-empty lines of a small file (sample_submission.csv, written by @mle-smith/data). */
export async function headLines(path: string, n: number = SAMPLE_LINES): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter((l) => l !== '').slice(0, n);
}
