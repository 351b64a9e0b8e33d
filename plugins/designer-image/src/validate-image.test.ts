import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '@mle-smith/core';
import { inspectImage, validateImage } from './validate-image.js';
import { DIGITS, tempDir } from './__fixtures__/helpers.js';
import { writeFile } from 'node:fs/promises';

const sample = join(DIGITS, '0', 'digit-0000.png');

describe('inspectImage', () => {
  it('reads the dimensions of a valid PNG', async () => {
    expect(inspectImage(await readFile(sample), 'a.png')).toEqual({ format: 'png', width: 16, height: 16 });
  });

  it('rejects a bad signature, a truncated file, a CRC mismatch and an empty file', async () => {
    const good = await readFile(sample);
    const badSig = Buffer.from(good);
    badSig[1] = 0x51;
    expect(() => inspectImage(badSig, 'a.png')).toThrow(/bad PNG signature/);
    expect(() => inspectImage(good.subarray(0, good.length - 20), 'a.png')).toThrow(/truncated PNG/);
    const flipped = Buffer.from(good);
    flipped[40] ^= 0xff;
    expect(() => inspectImage(flipped, 'a.png')).toThrow(/CRC mismatch|corrupt PNG/);
    expect(() => inspectImage(Buffer.alloc(0), 'a.png')).toThrow(/empty file/);
  });

  it('reads a minimal JPEG frame header and rejects a JPEG without its end marker', () => {
    const sof = [0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x30, 0x01, 0x01, 0x11, 0x00];
    const jpeg = Buffer.from([0xff, 0xd8, ...sof, 0xff, 0xd9]);
    expect(inspectImage(jpeg, 'x.jpg')).toEqual({ format: 'jpeg', width: 48, height: 32 });
    expect(() => inspectImage(jpeg.subarray(0, jpeg.length - 2), 'x.jpg')).toThrow(/truncated JPEG/);
  });

  it('validateImage throws a DatasetError naming the file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.png'), (await readFile(sample)).subarray(0, 30));
    const err = await validateImage(join(dir, 'bad.png'), '3/bad.png').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(/^3\/bad\.png: truncated PNG/);
  });
});
