// Acceptance (issue 18, item 5): a run whose --out is on a file system that fills up ends with
// exit 1 and one error line naming the path it could not write and the free space there, within a
// bounded time, leaving no temp files or staging folders; given room, the same command completes
// every task (verification.json included) with the same files as a run that never failed, and
// sweeps what a dead run left behind. Needs root for `mount -t tmpfs` (as CI has): it fails, never skips.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from './cli-helpers.test-util.js';
import { digestRun, leftovers, project } from './resume.test-util.js';

const HANG_LIMIT_MS = 90_000;
let dir: string;
const mounts: string[] = [];

beforeAll(async () => {
  dir = await project(['iris']);
  const ref = await runCli(['run', '--out', 'ref', '--no-execute'], dir);
  expect(ref.code, ref.stderr).toBe(0);
});
afterAll(async () => {
  for (const m of mounts) execFileSync('umount', [m]);
  await rm(dir, { recursive: true, force: true });
});

async function smallDisk(name: string, size: string): Promise<string> {
  const mnt = join(dir, name);
  await mkdir(mnt);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mnt]); // throws (fails the test) without root
  mounts.push(mnt);
  return mnt;
}

/** The run, killed if it has not ended within HANG_LIMIT_MS (a hang fails the test rather than stalling it). */
async function bounded(out: string) {
  const cli = startCli(['run', '--out', out, '--no-execute'], dir);
  const timer = setTimeout(() => cli.kill('SIGKILL'), HANG_LIMIT_MS);
  const r = await cli.done;
  clearTimeout(timer);
  return r;
}

describe('a full disk under --out, then a resume with room', () => {
  // three sizes: the disk fills in different stages (materialize, the checkpoints, publish)
  it.each(['40k', '64k', '96k'])('tmpfs of %s: exit 1 with one line naming the path, no leftovers; the resume completes', async (size) => {
    const mnt = await smallDisk(`disk-${size}`, size);
    const out = join(mnt, 'run');
    const failed = await bounded(out);
    expect(failed.code, failed.stderr).toBe(1); // null would mean it hung and was killed
    const errors = failed.stderr.split('\n').filter((l) => l.startsWith('error:') || l.startsWith('internal error'));
    expect(errors, failed.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^error: no space left on device writing ${mnt}/run\\S*; \\d+(\\.\\d)? (B|KiB) free there`));
    expect(await leftovers(mnt)).toEqual([]);

    // room again, plus what a SIGKILLed run leaves: a temp file and a staging folder
    execFileSync('mount', ['-o', 'remount,size=4m', mnt]);
    await mkdir(join(out, 'work', 'dead.staging-0badc0de'), { recursive: true });
    await writeFile(join(out, '.summary.json.99999.0badc0de.tmp'), '{"half');
    const resumed = await runCli(['run', '--out', out, '--no-execute'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/^1 of 1 tasks published/);
    expect(existsSync(join(out, 'tasks', 'iris-species-multiclass', 'verification.json'))).toBe(true);
    expect(await leftovers(mnt)).toEqual([]);
    expect(await digestRun(out)).toEqual(await digestRun(join(dir, 'ref')));
  });
});
