import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskError, isDiskFault } from './disk-fault.js';
import { DiskError } from './errors.js';

const errno = (code: string, message: string, path?: string) => Object.assign(new Error(message), { code, ...(path ? { path } : {}) });

describe('diskError', () => {
  it('names the path, the free space there and the size of the file', async () => {
    const path = join(tmpdir(), 'run', 'checkpoints', 'x.json');
    const err = await diskError(errno('ENOSPC', 'ENOSPC: no space left on device, write'), path, 737);
    expect(err).toBeInstanceOf(DiskError);
    expect((err as DiskError).message).toMatch(new RegExp(`^no space left on device writing ${path}; \\d+(\\.\\d)? (B|KiB|MiB|GiB|TiB) free there, 737 B needed for this file alone$`));
    expect((err as DiskError).exitCode).toBe(1);
  });

  it('takes the file DuckDB names in its message, and says I/O error for EIO', async () => {
    const duck = await diskError(new Error('IO Error: Could not write file "/data/run/work/t.staging-1/train.csv": No space left on device'), '/data/run');
    expect((duck as DiskError).path).toBe('/data/run/work/t.staging-1/train.csv');
    const io = await diskError(errno('EIO', 'EIO: i/o error, write', '/data/run/a.json'), '/data/run');
    expect((io as DiskError).message).toMatch(/^I\/O error \(the disk is failing\) writing \/data\/run\/a.json/);
  });

  it('returns any other error as it is', async () => {
    const other = errno('EACCES', 'EACCES: permission denied');
    expect(await diskError(other, '/x')).toBe(other);
    expect(isDiskFault(other)).toBe(false);
    expect(isDiskFault(new Error('wrapped', { cause: errno('EDQUOT', 'quota') }))).toBe(true);
  });
});
