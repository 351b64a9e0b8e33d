// Checks that an image file is what its bytes say, in JS and without a decoder library:
// PNG (signature, every chunk's length and CRC, IHDR, IDAT inflated to the size IHDR implies,
// IEND), JPEG (SOI, segments up to a frame header with dimensions, EOI), GIF, BMP and WebP
// (signature and dimensions). A bad file is a DatasetError naming it.
import { readFile } from 'node:fs/promises';
import { crc32, inflateSync } from 'node:zlib';
import { DatasetError } from '@mle-smith/core';

export interface ImageInfo {
  format: 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp';
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel for each PNG colour type. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

class BadImage extends Error {}

function png(buf: Buffer): ImageInfo {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new BadImage('bad PNG signature');
  let off = 8;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = 0;
  let interlace = 0;
  const idat: Buffer[] = [];
  let ended = false;
  for (let index = 0; off < buf.length; index++) {
    if (off + 12 > buf.length) throw new BadImage(`truncated PNG: chunk header at byte ${off} is cut off`);
    const length = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    if (off + 12 + length > buf.length) throw new BadImage(`truncated PNG: chunk ${type} needs ${length} bytes, ${buf.length - off - 12} left`);
    const data = buf.subarray(off + 8, off + 8 + length);
    const crc = buf.readUInt32BE(off + 8 + length);
    if ((crc32(buf.subarray(off + 4, off + 8 + length)) >>> 0) !== crc) throw new BadImage(`corrupt PNG: CRC mismatch in chunk ${type}`);
    if (index === 0 && type !== 'IHDR') throw new BadImage('corrupt PNG: the first chunk is not IHDR');
    if (type === 'IHDR') {
      if (length !== 13) throw new BadImage('corrupt PNG: IHDR has the wrong length');
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      depth = data[8];
      colour = data[9];
      interlace = data[12];
      if (width === 0 || height === 0) throw new BadImage('PNG has zero width or height');
      if (!(colour in PNG_CHANNELS) || ![1, 2, 4, 8, 16].includes(depth)) throw new BadImage(`PNG has an invalid colour type ${colour} / bit depth ${depth}`);
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      ended = true;
      break;
    }
    off += 12 + length;
  }
  if (!ended) throw new BadImage('truncated PNG: no IEND chunk');
  if (idat.length === 0) throw new BadImage('corrupt PNG: no image data (IDAT)');
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch (err) {
    throw new BadImage(`corrupt PNG: image data does not inflate (${(err as Error).message})`);
  }
  if (interlace === 0) {
    const rowBytes = Math.ceil((width * PNG_CHANNELS[colour] * depth) / 8);
    const expected = height * (rowBytes + 1);
    if (raw.length < expected) throw new BadImage(`truncated PNG: image data holds ${raw.length} bytes, ${width}x${height} needs ${expected}`);
  }
  return { format: 'png', width, height };
}

function jpeg(buf: Buffer): ImageInfo {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) throw new BadImage('bad JPEG signature');
  let end = buf.length;
  while (end > 2 && (buf[end - 1] === 0x00 || buf[end - 1] === 0x0a)) end--; // padding some writers add
  if (buf[end - 2] !== 0xff || buf[end - 1] !== 0xd9) throw new BadImage('truncated JPEG: no end-of-image marker');
  let off = 2;
  while (off + 4 <= buf.length) {
    if (buf[off] !== 0xff) throw new BadImage(`corrupt JPEG: no marker at byte ${off}`);
    const marker = buf[off + 1];
    if (marker === 0xff) { off++; continue; }
    const length = buf.readUInt16BE(off + 2);
    if (off + 2 + length > buf.length) throw new BadImage('truncated JPEG: a segment runs past the end of the file');
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      const height = buf.readUInt16BE(off + 5);
      const width = buf.readUInt16BE(off + 7);
      if (width === 0 || height === 0) throw new BadImage('JPEG has zero width or height');
      return { format: 'jpeg', width, height };
    }
    off += 2 + length;
  }
  throw new BadImage('corrupt JPEG: no frame header');
}

function other(buf: Buffer): ImageInfo | undefined {
  const ascii = buf.toString('latin1', 0, 12);
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) {
    if (buf.length < 13) throw new BadImage('truncated GIF');
    return { format: 'gif', width: buf.readUInt16LE(6), height: buf.readUInt16LE(8) };
  }
  if (ascii.startsWith('BM')) {
    if (buf.length < 26 || buf.readUInt32LE(2) > buf.length) throw new BadImage('truncated BMP');
    return { format: 'bmp', width: buf.readInt32LE(18), height: Math.abs(buf.readInt32LE(22)) };
  }
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') {
    if (buf.readUInt32LE(4) + 8 > buf.length) throw new BadImage('truncated WebP');
    return { format: 'webp', width: 0, height: 0 };
  }
  return undefined;
}

export function inspectImage(buf: Buffer, name: string): ImageInfo {
  if (buf.length === 0) throw new BadImage('empty file (0 bytes)');
  const lower = name.toLowerCase();
  if (buf[0] === 0x89 || lower.endsWith('.png')) return png(buf);
  if ((buf[0] === 0xff && buf[1] === 0xd8) || lower.endsWith('.jpg') || lower.endsWith('.jpeg')) return jpeg(buf);
  const info = other(buf);
  if (!info) throw new BadImage('not a recognised image format (PNG, JPEG, GIF, BMP, WebP)');
  return info;
}

/** The header of a readable image; a DatasetError naming relPath otherwise. */
export async function readImageInfo(absPath: string, relPath: string): Promise<ImageInfo> {
  try {
    return inspectImage(await readFile(absPath), relPath);
  } catch (err) {
    if (err instanceof BadImage) throw new DatasetError(err.message, { file: relPath });
    throw new DatasetError(`cannot read the image: ${(err as Error).message}`, { file: relPath, cause: err });
  }
}

/** Throws a DatasetError naming relPath when the file is not a readable image. */
export async function validateImage(absPath: string, relPath: string): Promise<void> {
  await readImageInfo(absPath, relPath);
}
