import { cp, mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesOf as testkitFilesOf } from '@mle-smith/testkit';

export const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));
export const WORDS = join(EXAMPLES, 'datasets', 'spoken-words');

export { designContext } from '@mle-smith/testkit';

export async function tempDir(prefix = 'designer-audio-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * A copy of spoken-words with the first `perClass` files of each of `words`; `sourceNote: false`
 * leaves the class folders alone at the top (no file beside them).
 */
export async function wordsSubset(perClass: number, words: string[], { sourceNote = true } = {}): Promise<string> {
  const dir = join(await tempDir(), 'words-subset');
  await mkdir(dir, { recursive: true });
  if (sourceNote) await writeFile(join(dir, 'SOURCE.md'), '# Words subset\n\n- License: CC0 1.0\n');
  for (const w of words) {
    await mkdir(join(dir, w), { recursive: true });
    for (const f of (await readdir(join(WORDS, w))).sort().slice(0, perClass)) await cp(join(WORDS, w, f), join(dir, w, f));
  }
  return dir;
}

/** A 16-bit PCM mono WAV with a tone (or custom header fields). */
export function wav(opts: { samples?: number; format?: number; bits?: number; rate?: number } = {}): Buffer {
  const n = opts.samples ?? 800;
  const bits = opts.bits ?? 16;
  const data = Buffer.alloc((n * bits) / 8);
  if (bits === 16) for (let i = 0; i < n; i++) data.writeInt16LE(Math.round(8000 * Math.sin(i / 5)), i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(opts.format ?? 1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(opts.rate ?? 16000, 24);
  h.writeUInt32LE(((opts.rate ?? 16000) * bits) / 8, 28);
  h.writeUInt16LE(bits / 8, 32);
  h.writeUInt16LE(bits, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** Every file under dir → its bytes as base64 (for byte-for-byte comparisons). */
export const filesOf = (dir: string): Promise<Record<string, string>> => testkitFilesOf(dir, 'base64');

/**
 * Adds `speakers.csv` to a class-folder dataset: per recording its path, an accent (three made-up
 * names in an uneven turn), a loudness (a made-up number in no row order) and its sample rate (a file
 * property, never a target). Returns the dataset folder.
 */
export async function withSpeakers(dir: string): Promise<string> {
  const paths: string[] = [];
  for (const folder of (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const f of (await readdir(join(dir, folder))).sort()) paths.push(`${folder}/${f}`);
  }
  const rows = paths.map((p, i) => `${p},${['north', 'north', 'south', 'west', 'south'][i % 5]},${(40 + ((i * 37) % 60) * 0.37).toFixed(2)},${i % 4 === 0 ? 22050 : 16000}`);
  await writeFile(join(dir, 'speakers.csv'), ['path,accent,loudness,sample_rate', ...rows].join('\n') + '\n');
  return dir;
}
