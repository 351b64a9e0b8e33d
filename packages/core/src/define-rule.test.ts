import { describe, expect, it } from 'vitest';
import { defineRule } from './define-rule.js';
import { DatasetError } from './errors.js';
import { silentLogger } from './logger.js';
import type { PackageTarget, SpecTarget } from './contracts/extensions.js';

const pkg = { phase: 'package', taskDir: '/nowhere' } as unknown as PackageTarget;
const spec = { phase: 'spec' } as unknown as SpecTarget;

describe('defineRule', () => {
  const rule = defineRule<'package', { limit: number }>({
    id: 'test/limit',
    phase: 'package',
    severity: 'warning',
    description: 'reports its limit',
    defaultOptions: { limit: 3 },
    check: (_t, { opts }) => [{ message: `limit ${opts.limit}` }, { message: 'bad', severity: 'error', location: 'x' }],
  });

  it('fills in ruleId, phase and severity, and merges options over the defaults', async () => {
    expect(rule.meta).toMatchObject({ phase: 'package', severity: 'warning', defaultOptions: { limit: 3 } });
    expect(await rule.check(pkg, { log: silentLogger, options: { limit: 5 } })).toEqual([
      { ruleId: 'test/limit', severity: 'warning', message: 'limit 5', phase: 'package' },
      { ruleId: 'test/limit', severity: 'error', message: 'bad', phase: 'package', location: 'x' },
    ]);
  });

  it('skips targets of the other phase and files it cannot read', async () => {
    expect(await rule.check(spec, { log: silentLogger, options: {} })).toEqual([]);
    const unreadable = defineRule({ id: 'test/unreadable', phase: 'package', severity: 'error', description: '', check: () => { throw new DatasetError('gone'); } });
    expect(await unreadable.check(pkg, { log: silentLogger, options: {} })).toEqual([]);
    const buggy = defineRule({ id: 'test/bug', phase: 'package', severity: 'error', description: '', check: () => { throw new TypeError('bug'); } });
    await expect(buggy.check(pkg, { log: silentLogger, options: {} })).rejects.toThrow('bug');
  });
});
