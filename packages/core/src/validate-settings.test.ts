import { describe, expect, it } from 'vitest';
import { totalmem } from 'node:os';
import { validateLimits, validateOptions, validateRuleSettings } from './validate-settings.js';
import { defineRule } from './define-rule.js';
import { ConfigError } from './errors.js';

const rule = defineRule<'package', { max: number }>({
  id: 'pack/some-rule', phase: 'package', severity: 'error', description: 'test rule',
  schema: { type: 'object', additionalProperties: false, properties: { max: { type: 'number', maximum: 1 } } },
  defaultOptions: { max: 0.5 },
  check: () => [],
});
const limits = { timeSec: 10, memoryMb: 256, cpus: 1, pids: 64, logBytes: 4096, fileSizeMb: 10 };

describe('validateRuleSettings', () => {
  it('accepts known rules with valid options', () => {
    expect(() => validateRuleSettings([rule], { rules: { 'pack/some-rule': ['warning', { max: 0.2 }] }, reviewers: [] })).not.toThrow();
  });
  it.each([
    [{ 'pack/typo': 'off' }, 'config: at /verify/rules/pack/typo: unknown rule "pack/typo" (mle-smith plugins lists the loaded rules)'],
    [{ 'other/some-rule': 'off' }, 'config: at /verify/rules/other/some-rule: unknown rule "other/some-rule" (did you mean pack/some-rule?)'],
    [{ 'pack/some-rule': ['error', { max: 'x' }] }, 'config: at /verify/rules/pack/some-rule/1/max: must be number'],
    [{ 'pack/some-rule': ['error', { max: 3 }] }, 'config: at /verify/rules/pack/some-rule/1/max: must be <= 1'],
    [{ 'pack/some-rule': ['error', { other: 1 }] }, 'config: at /verify/rules/pack/some-rule/1: unknown key "other"'],
  ])('%j → ConfigError', (rules, message) => {
    const err = (() => { try { validateRuleSettings([rule], { rules: rules as never, reviewers: [] }); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toBe(message);
  });
});

describe('validateOptions and validateLimits', () => {
  it('names the JSON path of an unknown executor option', () => {
    const schema = { type: 'object', additionalProperties: false, properties: { image: { type: 'string' } } };
    expect(() => validateOptions(schema, { image: 'x' }, '/executor/options', 'config')).not.toThrow();
    expect(() => validateOptions(schema, { privileged: true }, '/executor/options', 'config')).toThrow('config: at /executor/options: unknown key "privileged"');
    expect(() => validateOptions(schema, { image: 3 }, '/executor/options', 'config')).toThrow('config: at /executor/options/image: must be string');
  });
  it('refuses a memory limit above the machine', () => {
    expect(() => validateLimits(limits)).not.toThrow();
    const mb = Math.floor(totalmem() / 1024 / 1024) + 1;
    expect(() => validateLimits({ ...limits, memoryMb: mb })).toThrow(/at \/executor\/limits\/memoryMb: \d+ MB is more than this machine's memory/);
  });
});
