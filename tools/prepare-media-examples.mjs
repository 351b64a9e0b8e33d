#!/usr/bin/env node
// Regenerates the media example datasets under examples/datasets/ from tools installed on every
// development machine, so the committed files can be checked:
//
//   digits        Debian's python3-sklearn `sklearn/datasets/data/digits.csv.gz` (UCI optdigits,
//                 8x8 images with values 0..16): the first PER_CLASS images of each digit, scaled
//                 to 0..255 and upscaled 2x to 16x16 grayscale PNGs (nearest neighbour), encoded
//                 here in plain JS (node:zlib), one folder per class.
//   spoken-words  Debian's espeak-ng speaking WORDS over a fixed grid of voices, variants, speeds
//                 and pitches; sox resamples to 16 kHz mono 16-bit PCM and trims the silence;
//                 then each file gets a seeded gain and seeded white noise (in JS, mulberry32), so
//                 the task is not trivially separable. One folder per word.
//
// Nothing depends on time, locale or machine: PNG bytes depend only on node's zlib; WAV bytes on
// the espeak-ng and sox versions (recorded in SOURCE.md). `--check` compares with the committed
// files instead of writing (digits byte for byte; spoken-words only when the tool versions match).
// Usage: node tools/prepare-media-examples.mjs [--check] [--only digits|spoken-words] [--out DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync, gunzipSync } from 'node:zlib';
import { mulberry32 } from '@mle-smith/core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const argValue = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : fallback;
};
const check = args.includes('--check');
const only = argValue('--only', undefined);
const outRoot = resolve(argValue('--out', join(root, 'examples/datasets')));
const sklearnDir = argValue('--sklearn-dir', '/usr/lib/python3/dist-packages/sklearn/datasets/data');

function fail(message) {
  console.error(`prepare-media-examples: ${message}`);
  process.exit(1);
}

// ------------------------------------------------------------------ files and checking

/** path (relative to the dataset folder) → bytes, for one dataset. */
function writeDataset(name, files, { compare = true } = {}) {
  const dir = join(outRoot, name);
  if (check) {
    if (!compare) {
      console.log(`${name}: not compared (tool versions differ from the committed SOURCE.md)`);
      return true;
    }
    const committed = existsSync(dir) ? listTree(dir) : [];
    const want = [...files.keys()].sort();
    let ok = committed.join('\n') === want.join('\n');
    for (const rel of want) {
      if (!ok) break;
      if (!readFileSync(join(dir, rel)).equals(files.get(rel))) {
        console.error(`${name}/${rel} differs`);
        ok = false;
      }
    }
    if (!ok) console.error(`${name}: committed files differ from a fresh run`);
    return ok;
  }
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, bytes] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), bytes);
  }
  const total = [...files.values()].reduce((s, b) => s + b.length, 0);
  console.log(`${name}: ${files.size} files, ${(total / 1024).toFixed(0)} KiB`);
  return true;
}

function listTree(dir, prefix = '') {
  const out = [];
  for (const e of readdirSync(join(dir, prefix), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listTree(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

// ------------------------------------------------------------------ digits

const PER_CLASS = 50;

/** A grayscale 8-bit PNG: signature, IHDR, one IDAT (filter 0 per row), IEND. */
export function encodeGrayPng(width, height, pixels) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = pixels[y * width + x];
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function digits() {
  const path = join(sklearnDir, 'digits.csv.gz');
  if (!existsSync(path)) fail(`${path} not found (install Debian's python3-sklearn: apt-get install python3-sklearn)`);
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n').filter((l) => l.trim());
  const files = new Map();
  const taken = new Map();
  const scale = 2;
  lines.forEach((line, index) => {
    const values = line.split(',').map((v) => Math.round(Number(v)));
    if (values.length !== 65) fail(`digits.csv.gz line ${index + 1}: expected 65 values, got ${values.length}`);
    const label = values[64];
    const n = taken.get(label) ?? 0;
    if (n >= PER_CLASS) return;
    taken.set(label, n + 1);
    const size = 8 * scale;
    const pixels = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) pixels[y * size + x] = Math.round((values[Math.floor(y / scale) * 8 + Math.floor(x / scale)] * 255) / 16);
    }
    files.set(`${label}/digit-${String(index).padStart(4, '0')}.png`, encodeGrayPng(size, size, pixels));
  });
  files.set('SOURCE.md', Buffer.from(DIGITS_SOURCE));
  return files;
}

const DIGITS_SOURCE = `# Handwritten digits

- Source: E. Alpaydin and C. Kaynak (1998), "Optical Recognition of Handwritten Digits"; UCI Machine Learning Repository (optdigits, test part), as shipped with scikit-learn (\`load_digits\`).
- License: CC BY 4.0 (UCI Machine Learning Repository); the copy shipped with scikit-learn is BSD-3-Clause.
- Files: ${PER_CLASS * 10} PNG images, ${PER_CLASS} per digit, one folder per class (\`0/\` … \`9/\`).
- Prepared by \`tools/prepare-media-examples.mjs\` from Debian's python3-sklearn package (\`sklearn/datasets/data/digits.csv.gz\`):
  the first ${PER_CLASS} images of each digit in file order; each 8x8 image with values 0..16 is scaled to 0..255
  and upscaled 2x (nearest neighbour) to a 16x16 8-bit grayscale PNG. File names carry the row index of the source file.

Each image shows one handwritten digit (32x32 bitmaps of 43 writers, downsampled by the UCI authors to 8x8
counts of set pixels per 4x4 block). The folder name is the label.
`;

// ------------------------------------------------------------------ spoken words

const WORDS = ['yes', 'no', 'up', 'down', 'left', 'right'];
const VOICES = ['en-us', 'en-gb', 'en-gb-scotland', 'en-029'];
const VARIANTS = ['m3', 'f2', 'f4'];
const SPEEDS = [120, 175];
const PITCHES = [30, 70];
const RATE = 16000;
/** Noise amplitude as a fraction of full scale (about -40 dBFS RMS). */
const NOISE = 0.05;

function toolVersion(cmd, flag) {
  try {
    return execFileSync(cmd, [flag], { encoding: 'utf8' }).split('\n')[0].trim();
  } catch {
    return undefined;
  }
}


/** The PCM samples of a 16-bit mono WAV (data chunk only). */
function pcmOf(wav) {
  let off = 12;
  while (off + 8 <= wav.length) {
    const id = wav.toString('latin1', off, off + 4);
    const size = wav.readUInt32LE(off + 4);
    if (id === 'data') return new Int16Array(wav.buffer.slice(wav.byteOffset + off + 8, wav.byteOffset + off + 8 + size));
    off += 8 + size + (size % 2);
  }
  fail('sox output has no data chunk');
}

function wavBytes(samples, rate) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

function spokenWords() {
  const espeak = toolVersion('espeak-ng', '--version');
  const sox = toolVersion('sox', '--version');
  if (!espeak || !sox) fail('espeak-ng and sox are needed: apt-get install espeak-ng sox');
  const tmp = mkdtempSync(join(tmpdir(), 'spoken-words-'));
  const files = new Map();
  try {
    let k = 0;
    for (const word of WORDS) {
      for (const voice of VOICES) {
        for (const variant of VARIANTS) {
          for (const speed of SPEEDS) {
            for (const pitch of PITCHES) {
              const raw = join(tmp, 'raw.wav');
              const out = join(tmp, 'out.wav');
              execFileSync('espeak-ng', ['-v', `${voice}+${variant}`, '-s', String(speed), '-p', String(pitch), '-w', raw, word]);
              // Resample to 16 kHz mono 16-bit without dither, and trim leading/trailing silence.
              execFileSync('sox', ['-D', raw, '-r', String(RATE), '-c', '1', '-b', '16', out, 'silence', '1', '0.01', '0.5%', 'reverse', 'silence', '1', '0.01', '0.5%', 'reverse']);
              const pcm = pcmOf(readFileSync(out));
              const rand = mulberry32(1000 + k++);
              // A per-file gain (0.1..1) before fixed-level noise: each file gets its own SNR.
              const gain = 0.1 + 0.9 * rand();
              const mixed = new Int16Array(pcm.length);
              for (let i = 0; i < pcm.length; i++) {
                // Sum of two uniforms: a cheap, seeded, roughly bell-shaped noise.
                const noise = (rand() + rand() - 1) * NOISE * 32767 * 1.7;
                mixed[i] = Math.max(-32768, Math.min(32767, Math.round(pcm[i] * gain + noise)));
              }
              files.set(`${word}/${word}-${voice}-${variant}-s${speed}-p${pitch}.wav`, wavBytes(mixed, RATE));
            }
          }
        }
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const source = spokenSource(espeak, sox, files.size);
  files.set('SOURCE.md', Buffer.from(source));
  return { files, versions: `${espeak}\n${sox}` };
}

function spokenSource(espeak, sox, n) {
  return `# Spoken words

- Source: generated by \`tools/prepare-media-examples.mjs\` with the espeak-ng speech synthesizer (GPL-3.0-or-later; only the tool is GPL, its output is not a derivative work).
- License: CC0 1.0 (the generated audio is dedicated to the public domain).
- Files: ${n} WAV files (16 kHz, mono, 16-bit PCM), one folder per word: ${WORDS.map((w) => `\`${w}\``).join(', ')}.
- Grid per word: voices ${VOICES.map((v) => `\`${v}\``).join(', ')} × variants ${VARIANTS.map((v) => `\`+${v}\``).join(', ')} × speeds ${SPEEDS.join(', ')} wpm × pitches ${PITCHES.join(', ')};
  \`espeak-ng -v <voice>+<variant> -s <speed> -p <pitch> -w out.wav <word>\`, then \`sox -D\` to 16 kHz mono with leading/trailing
  silence trimmed, then scaled by a seeded gain (0.1..1) and mixed with seeded white noise
  (mulberry32, about ${Math.round(20 * Math.log10(NOISE))} dBFS), so the signal-to-noise ratio varies from file to file.
- Tool versions (the WAV bytes are deterministic for the same versions; \`--check\` compares only when they match):
  - ${espeak}
  - ${sox}

Each file is one English word spoken by a synthetic voice. The folder name is the label.
`;
}

// ------------------------------------------------------------------ main

let ok = true;
if (!only || only === 'digits') ok = writeDataset('digits', digits()) && ok;
if (!only || only === 'spoken-words') {
  const { files, versions } = spokenWords();
  const committed = join(outRoot, 'spoken-words', 'SOURCE.md');
  const same = !existsSync(committed) || versions.split('\n').every((v) => readFileSync(committed, 'utf8').includes(v));
  ok = writeDataset('spoken-words', files, { compare: same }) && ok;
}
if (check) {
  if (!ok) process.exit(1);
  console.log('media examples are up to date');
}
