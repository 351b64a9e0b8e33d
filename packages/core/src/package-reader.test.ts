// The package reader on hostile packages: paths, links, special files, size caps, manifests.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedText, checkPackageFile, excerpt, inspectPackage, readManifestUnchecked, readPackageFile, readTaskManifest, unsafePackagePath } from './package-reader.js';
import { DatasetError } from './errors.js';

let root: string;
let pkg: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'pkg-reader-'));
  pkg = join(root, 'pkg');
  await mkdir(join(pkg, 'public', 'media'), { recursive: true });
  await mkdir(join(pkg, 'private'), { recursive: true });
  await writeFile(join(root, 'host-secret.txt'), 'HOST SECRET\n');
  await writeFile(join(pkg, 'public', 'train.csv'), 'id,x\n1,2\n');
  await writeFile(join(pkg, 'private', 'answers.csv'), 'id,y\n1,0\n');
  await symlink(join(root, 'host-secret.txt'), join(pkg, 'public', 'link.csv'));
  await symlink(root, join(pkg, 'public', 'linked-dir'));
  await symlink('/dev/zero', join(pkg, 'public', 'zero'));
  execFileSync('mkfifo', [join(pkg, 'public', 'media', 'pipe.wav')]);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('unsafePackagePath', () => {
  it.each([
    ['public/train.csv', undefined], ['public/media/a.png', undefined], ['public/..x', undefined],
    ['', 'is empty'], ['/etc/passwd', 'is absolute'], ['public/../../etc/passwd', 'is not normalised (empty, "." or ".." segments)'],
    ['public//a', 'is not normalised (empty, "." or ".." segments)'], ['public/./a', 'is not normalised (empty, "." or ".." segments)'],
    ['public\\a', 'contains a backslash'], ['public/a\0b', 'contains a NUL character'],
  ])('%j → %s', (path, why) => expect(unsafePackagePath(path)).toBe(why));
});

describe('checkPackageFile and readPackageFile', () => {
  it('reads a regular file, capped', async () => {
    expect((await readPackageFile(pkg, 'public/train.csv')).toString()).toBe('id,x\n1,2\n');
    await expect(readPackageFile(pkg, 'public/train.csv', 4)).rejects.toThrow(/is 9 bytes, over the 4-byte cap/);
  });

  it.each([
    ['public/link.csv', /public\/link.csv is a symbolic link, not a regular file/],
    ['public/linked-dir/host-secret.txt', /public\/linked-dir is a symbolic link, not a folder/],
    ['public/zero', /is a symbolic link/],
    ['public/media/pipe.wav', /is a named pipe \(FIFO\), not a regular file/],
    ['public/missing.csv', /public\/missing.csv is missing/],
    ['public/../../host-secret.txt', /is not normalised/],
  ])('refuses %s without reading it', async (rel, message) => {
    const err = await checkPackageFile(pkg, rel).catch((e: Error) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('HOST SECRET');
  });
});

describe('inspectPackage', () => {
  it('lists entries without following links and names every unsafe one', async () => {
    const { entries, problems } = await inspectPackage(pkg);
    expect(entries.find((e) => e.path === 'public/linked-dir')).toMatchObject({ kind: 'symlink' });
    expect(entries.some((e) => e.path.startsWith('public/linked-dir/'))).toBe(false);
    expect(problems.map((p) => p.path).sort()).toEqual(['public/link.csv', 'public/linked-dir', 'public/media/pipe.wav', 'public/zero']);
    const capped = await inspectPackage(pkg, { maxBytes: 5 });
    expect(capped.problems.map((p) => p.path)).toContain('public/train.csv');
  });
});

describe('manifests', () => {
  const manifest = (dir: string, text: string) => mkdir(dir, { recursive: true }).then(() => writeFile(join(dir, 'task.json'), text));

  it.each([
    ['{}', /at \/: must have required property 'id' \(and \d+ more\)/],
    ['null', /at \/: must be an object, got null/],
    ['"x"', /must be an object, got string/],
    ['{"id": 1', /task.json is not valid JSON/],
  ])('%s is one DatasetError line', async (text, message) => {
    const dir = join(root, `m${Math.random().toString(36).slice(2)}`);
    await manifest(dir, text);
    const err = await readTaskManifest(dir).catch((e: Error) => e);
    expect(err).toBeInstanceOf(DatasetError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('a symlinked task.json is refused; readManifestUnchecked returns schema errors as data', async () => {
    const dir = join(root, 'linked-manifest');
    await mkdir(dir);
    await symlink(join(root, 'host-secret.txt'), join(dir, 'task.json'));
    await expect(readTaskManifest(dir)).rejects.toThrow(/task.json is a symbolic link/);
    const plain = join(root, 'unchecked');
    await manifest(plain, '{"id": "../x"}');
    const { errors } = await readManifestUnchecked(plain);
    expect(errors).toContain('at /id: must match pattern "^[a-z0-9][a-z0-9._-]{0,127}$"');
  });
});

describe('bounded messages', () => {
  it('escapes control characters and cuts long text', () => {
    expect(boundedText('id \u001b[31mred\u0007\nnext')).toBe('id \\u001b[31mred\\u0007 next');
    expect(boundedText('x'.repeat(600), 10)).toBe(`${'x'.repeat(10)}… (590 more characters)`);
    expect(excerpt('a"b'.repeat(30), 5)).toBe(JSON.stringify('a"ba"…'));
  });
});
