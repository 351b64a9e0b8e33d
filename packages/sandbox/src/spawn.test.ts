import { describe, expect, it } from 'vitest';
import { spawnProcess } from './spawn.js';
import { TailBuffer } from './tail-buffer.js';

describe('TailBuffer', () => {
  it('keeps the last bytes across wrap-around', () => {
    const t = new TailBuffer(5);
    t.write(Buffer.from('abc'));
    t.write(Buffer.from('def'));
    expect(t.toString()).toBe('bcdef');
    t.write(Buffer.from('ghijklmn'));
    expect(t.toString()).toBe('jklmn');
    expect(t.truncated).toBe(true);
    expect(t.totalBytes).toBe(14);
  });
  it('drops a cut multi-byte character at the start', () => {
    const t = new TailBuffer(4);
    t.write(Buffer.from('aé€')); // 1 + 2 + 3 bytes
    expect(t.toString()).toBe('€');
  });
});

describe('spawnProcess', () => {
  it('captures stdout and stderr and the exit code', async () => {
    const r = await spawnProcess({ command: 'sh', args: ['-c', 'echo out; echo err >&2; exit 3'] });
    expect(r.exitCode).toBe(3);
    expect(r.log).toContain('out');
    expect(r.log).toContain('err');
    expect(r.timedOut).toBe(false);
  });
  it('kills the whole process group at the time limit', async () => {
    const r = await spawnProcess({ command: 'sh', args: ['-c', 'sleep 30 & sleep 30'], timeoutMs: 300, killGraceMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.durationMs).toBeLessThan(2000);
    expect(r.exitCode).toBe(143);
  });
  it('kills a job that floods its output and keeps only the tail', async () => {
    const r = await spawnProcess({ command: 'sh', args: ['-c', 'yes'], maxLogBytes: 1000, killAfterLogBytes: 10_000_000 });
    expect(r.logFlooded).toBe(true);
    expect(r.logTruncated).toBe(true);
    expect(Buffer.byteLength(r.log)).toBeLessThanOrEqual(1000);
  });
  it('passes stdin and reports a command that does not exist', async () => {
    expect((await spawnProcess({ command: 'cat', stdin: 'hi' })).log).toBe('hi');
    const r = await spawnProcess({ command: '/nonexistent/bin' });
    expect(r.exitCode).toBeNull();
    expect(r.log).toMatch(/spawn failed/);
  });
});
