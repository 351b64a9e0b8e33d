// ESLint-RuleTester-style harness for VerifierRules, for use inside vitest files:
//
//   ruleTester(myRule, { valid: [cleanTarget], invalid: [{ target: broken, messageIncludes: 'test.csv' }] });
//
// It creates one describe block per rule with an `it` for the rule's meta (schema is valid
// JSON Schema, defaultOptions validate against it) and one per case. Targets may be given
// lazily (a function) so package fixtures can be built in a temp folder on first use.
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import {
  silentLogger, type Finding, type Logger, type PackageTarget, type Severity, type SpecTarget, type VerifierRule,
} from '@mle-smith/core';

export type RuleTarget = SpecTarget | PackageTarget;
export type TargetInput = RuleTarget | (() => RuleTarget | Promise<RuleTarget>);

export interface RuleTesterCase {
  target: TargetInput;
  /** Options for this case; merged over the rule's defaultOptions and validated against meta.schema. */
  options?: Record<string, unknown>;
  /** Test name; defaults to "valid #i" / "invalid #i". */
  name?: string;
}

export interface InvalidRuleTesterCase extends RuleTesterCase {
  /** The ruleId a finding must carry. Default: the rule's id. */
  ruleId?: string;
  /** Text (or every text of a list) that one matching finding's message must contain. */
  messageIncludes?: string | string[];
  /** The severity that matching finding must have. */
  severity?: Severity;
  /** Text the matching finding's location must contain. */
  locationIncludes?: string;
}

export interface RuleTesterCases {
  valid: Array<TargetInput | RuleTesterCase>;
  invalid: InvalidRuleTesterCase[];
}

export interface RuleTesterOptions {
  /** Findings of these severities are allowed in valid cases. Default ['info']. */
  allowInValid?: Severity[];
  log?: Logger;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function isCase(value: TargetInput | RuleTesterCase): value is RuleTesterCase {
  return typeof value === 'object' && value !== null && 'target' in value && !('phase' in value);
}

async function resolveTarget(input: TargetInput): Promise<RuleTarget> {
  return typeof input === 'function' ? await input() : input;
}

function describeFindings(findings: Finding[]): string {
  if (findings.length === 0) return '(no findings)';
  return findings.map((f) => `  [${f.severity}] ${f.ruleId}: ${f.message}${f.location ? ` @ ${f.location}` : ''}`).join('\n');
}

/** Validates a rule's meta: ids, severity, phase, options schema and defaultOptions. Throws with a readable message. */
export function assertValidRuleMeta(rule: VerifierRule): void {
  if (!rule.id || typeof rule.id !== 'string') throw new Error('rule has no id');
  const { meta } = rule;
  if (!meta) throw new Error(`rule ${rule.id} has no meta`);
  if (!SEVERITIES.includes(meta.severity)) throw new Error(`rule ${rule.id}: meta.severity must be one of ${SEVERITIES.join(', ')}`);
  if (meta.phase !== 'spec' && meta.phase !== 'package') throw new Error(`rule ${rule.id}: meta.phase must be spec or package`);
  if (!meta.description?.trim()) throw new Error(`rule ${rule.id}: meta.description is empty`);
  if (meta.defaultOptions !== undefined && meta.schema === undefined) {
    throw new Error(`rule ${rule.id}: meta.defaultOptions given without meta.schema`);
  }
  if (meta.schema !== undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    if (!ajv.validateSchema(meta.schema)) {
      throw new Error(`rule ${rule.id}: meta.schema is not valid JSON Schema: ${ajv.errorsText(ajv.errors)}`);
    }
    const validate = ajv.compile(meta.schema);
    if (meta.defaultOptions !== undefined && !validate(meta.defaultOptions)) {
      throw new Error(`rule ${rule.id}: meta.defaultOptions do not match meta.schema: ${ajv.errorsText(validate.errors)}`);
    }
  }
}

function optionsFor(rule: VerifierRule, options: Record<string, unknown> | undefined): Record<string, unknown> {
  const merged = { ...(rule.meta.defaultOptions ?? {}), ...(options ?? {}) };
  if (options && rule.meta.schema) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(rule.meta.schema);
    if (!validate(merged)) throw new Error(`rule ${rule.id}: test case options do not match meta.schema: ${ajv.errorsText(validate.errors)}`);
  }
  return merged;
}

/** Runs a rule once the way the verifier does (options merged over defaultOptions) and checks finding shapes. */
export async function runRule(
  rule: VerifierRule,
  input: TargetInput,
  options?: Record<string, unknown>,
  log: Logger = silentLogger,
): Promise<Finding[]> {
  const target = await resolveTarget(input);
  if (target.phase !== rule.meta.phase) {
    throw new Error(`rule ${rule.id} is a ${rule.meta.phase}-phase rule but the test target is a ${target.phase} target`);
  }
  const findings = await rule.check(target, { log, options: optionsFor(rule, options) });
  if (!Array.isArray(findings)) throw new Error(`rule ${rule.id}: check() must return an array of findings`);
  for (const f of findings) {
    if (!f.ruleId?.startsWith(rule.id)) throw new Error(`rule ${rule.id} reported a finding with ruleId "${f.ruleId}"`);
    if (!SEVERITIES.includes(f.severity)) throw new Error(`rule ${rule.id} reported severity "${String(f.severity)}"`);
    if (!f.message?.trim()) throw new Error(`rule ${rule.id} reported a finding without a message`);
    if (f.phase !== rule.meta.phase) throw new Error(`rule ${rule.id} reported a finding with phase "${f.phase}"`);
  }
  return findings;
}

/** Finds the finding an invalid case expects, or returns an explanation of why none matched. */
export function matchInvalid(rule: VerifierRule, c: InvalidRuleTesterCase, findings: Finding[]): Finding | string {
  const ruleId = c.ruleId ?? rule.id;
  const texts = c.messageIncludes === undefined ? [] : Array.isArray(c.messageIncludes) ? c.messageIncludes : [c.messageIncludes];
  const hit = findings.find(
    (f) =>
      f.ruleId === ruleId &&
      texts.every((t) => f.message.includes(t)) &&
      (c.severity === undefined || f.severity === c.severity) &&
      (c.locationIncludes === undefined || (f.location ?? '').includes(c.locationIncludes)),
  );
  if (hit) return hit;
  const want = [`ruleId ${ruleId}`, ...texts.map((t) => `message containing "${t}"`)];
  if (c.severity) want.push(`severity ${c.severity}`);
  if (c.locationIncludes) want.push(`location containing "${c.locationIncludes}"`);
  return `expected a finding with ${want.join(', ')}; got:\n${describeFindings(findings)}`;
}

/**
 * Declares vitest tests for a rule: its meta, every valid case (no findings above the allowed
 * severities) and every invalid case (a matching finding).
 */
export function ruleTester(rule: VerifierRule, cases: RuleTesterCases, options: RuleTesterOptions = {}): void {
  const allowed = options.allowInValid ?? ['info'];
  describe(rule.id, () => {
    it('has a valid meta (schema is JSON Schema, defaultOptions match it)', () => {
      expect(() => assertValidRuleMeta(rule)).not.toThrow();
    });
    cases.valid.forEach((v, i) => {
      const c: RuleTesterCase = isCase(v) ? v : { target: v };
      it(c.name ?? `valid #${i + 1}`, async () => {
        const findings = await runRule(rule, c.target, c.options, options.log);
        const bad = findings.filter((f) => !allowed.includes(f.severity));
        expect(bad, `expected no findings, got:\n${describeFindings(bad)}`).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(c.name ?? `invalid #${i + 1}`, async () => {
        const findings = await runRule(rule, c.target, c.options, options.log);
        const result = matchInvalid(rule, c, findings);
        if (typeof result === 'string') expect.fail(result);
      });
    });
  });
}
