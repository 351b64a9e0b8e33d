// Checks a WAV file in JS by parsing its RIFF/WAVE header: the RIFF and WAVE tags, a `fmt `
// chunk with an encoding the baselines read (PCM 8/16/24/32-bit or IEEE float 32/64-bit, also
// inside WAVE_FORMAT_EXTENSIBLE), and a non-empty `data` chunk that fits in the file.
// A bad file is a DatasetError naming it.
import { open } from 'node:fs/promises';
import { DatasetError } from '@mle-smith/core';

export interface WavInfo {
  encoding: 'pcm' | 'float';
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Sample frames in the data chunk. */
  frames: number;
  durationSec: number;
}

const PCM = 0x0001;
const FLOAT = 0x0003;
const EXTENSIBLE = 0xfffe;
/** Only the headers are read; a data chunk is located, not loaded. */
const HEADER_BYTES = 64 * 1024;

class BadWav extends Error {}

export function inspectWav(head: Buffer, fileSize: number): WavInfo {
  if (fileSize === 0) throw new BadWav('zero-length WAV file');
  if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') {
    throw new BadWav('bad RIFF/WAVE header (not a WAV file)');
  }
  let off = 12;
  let fmt: Omit<WavInfo, 'frames' | 'durationSec'> & { blockAlign: number } | undefined;
  while (off + 8 <= head.length) {
    const id = head.toString('latin1', off, off + 4);
    const size = head.readUInt32LE(off + 4);
    if (id === 'fmt ') {
      if (size < 16 || off + 8 + 16 > head.length) throw new BadWav('bad RIFF/WAVE header: fmt chunk too short');
      let format = head.readUInt16LE(off + 8);
      const channels = head.readUInt16LE(off + 10);
      const sampleRate = head.readUInt32LE(off + 12);
      const blockAlign = head.readUInt16LE(off + 20);
      const bitsPerSample = head.readUInt16LE(off + 22);
      if (format === EXTENSIBLE) {
        if (size < 40 || off + 8 + 40 > head.length) throw new BadWav('bad RIFF/WAVE header: WAVE_FORMAT_EXTENSIBLE fmt chunk too short');
        format = head.readUInt16LE(off + 8 + 24); // first two bytes of the SubFormat GUID
      }
      const encoding = format === PCM ? 'pcm' : format === FLOAT ? 'float' : undefined;
      if (!encoding) throw new BadWav(`unsupported WAV encoding (format tag 0x${format.toString(16).padStart(4, '0')}); PCM or IEEE float expected`);
      const okBits = encoding === 'pcm' ? [8, 16, 24, 32].includes(bitsPerSample) : [32, 64].includes(bitsPerSample);
      if (!okBits) throw new BadWav(`unsupported WAV encoding (${bitsPerSample}-bit ${encoding})`);
      if (channels === 0 || sampleRate === 0) throw new BadWav('bad RIFF/WAVE header: zero channels or sample rate');
      if (blockAlign !== (channels * bitsPerSample) / 8) throw new BadWav('bad RIFF/WAVE header: block align does not match channels × bits');
      fmt = { encoding, channels, sampleRate, bitsPerSample, blockAlign };
    } else if (id === 'data') {
      if (!fmt) throw new BadWav('bad RIFF/WAVE header: data chunk before fmt chunk');
      if (size === 0) throw new BadWav('WAV file has no audio samples (empty data chunk)');
      if (off + 8 + size > fileSize) throw new BadWav(`truncated WAV: data chunk declares ${size} bytes, ${fileSize - off - 8} present`);
      const frames = Math.floor(size / fmt.blockAlign);
      if (frames === 0) throw new BadWav('WAV file has no complete sample frame');
      const { blockAlign: _b, ...info } = fmt;
      return { ...info, frames, durationSec: frames / fmt.sampleRate };
    }
    off += 8 + size + (size % 2);
  }
  throw new BadWav(fmt ? 'truncated WAV: no data chunk' : 'bad RIFF/WAVE header: no fmt chunk');
}

/** The header of a WAV file the baselines can read; a DatasetError naming relPath otherwise. */
export async function readWavInfo(absPath: string, relPath: string): Promise<WavInfo> {
  let fh;
  try {
    fh = await open(absPath, 'r');
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, HEADER_BYTES));
    await fh.read(head, 0, head.length, 0);
    return inspectWav(head, size);
  } catch (err) {
    if (err instanceof BadWav) throw new DatasetError(err.message, { file: relPath });
    throw new DatasetError(`cannot read the WAV file: ${(err as Error).message}`, { file: relPath, cause: err });
  } finally {
    await fh?.close();
  }
}

/** Throws a DatasetError naming relPath when the file is not a WAV file the baselines can read. */
export async function validateWav(absPath: string, relPath: string): Promise<void> {
  await readWavInfo(absPath, relPath);
}
