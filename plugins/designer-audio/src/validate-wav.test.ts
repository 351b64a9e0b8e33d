import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '@mle-smith/core';
import { inspectWav, validateWav } from './validate-wav.js';
import { WORDS, tempDir, wav } from './__fixtures__/helpers.js';

describe('inspectWav', () => {
  it('reads the committed espeak-ng recordings', async () => {
    const buf = await readFile(join(WORDS, 'yes', 'yes-en-us-m3-s120-p30.wav'));
    expect(inspectWav(buf, buf.length)).toMatchObject({ encoding: 'pcm', channels: 1, sampleRate: 16000, bitsPerSample: 16 });
  });

  it('accepts PCM and IEEE float; rejects zero length, bad headers, other encodings and truncation', () => {
    const good = wav();
    expect(inspectWav(good, good.length)).toMatchObject({ frames: 800, durationSec: 0.05 });
    const float = wav({ format: 3, bits: 32 });
    expect(inspectWav(float, float.length).encoding).toBe('float');
    expect(() => inspectWav(Buffer.alloc(0), 0)).toThrow(/zero-length WAV/);
    const riff = Buffer.from(good);
    riff.write('RIFX', 0, 'latin1');
    expect(() => inspectWav(riff, riff.length)).toThrow(/bad RIFF\/WAVE header/);
    const adpcm = wav({ format: 0x11, bits: 16 });
    expect(() => inspectWav(adpcm, adpcm.length)).toThrow(/unsupported WAV encoding \(format tag 0x0011\)/);
    expect(() => inspectWav(good.subarray(0, 600), 600)).toThrow(/truncated WAV/);
    const empty = wav({ samples: 0 });
    expect(() => inspectWav(empty, empty.length)).toThrow(/no audio samples/);
  });

  it('validateWav throws a DatasetError naming the file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'x.wav'), '');
    const err = await validateWav(join(dir, 'x.wav'), 'yes/x.wav').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toBe('yes/x.wav: zero-length WAV file');
  });
});
