// Settings that only make sense once plugins are loaded: per-rule settings (the rule must exist,
// its options must match the rule's schema) and executor options (the executor's schema). An
// unknown key or a wrong type is a ConfigError naming its JSON path, never silently ignored —
// an ignored "privileged": true would read as granted.
import { totalmem } from 'node:os';
import type { MleSmithConfig } from './contracts/config.js';
import type { VerifierRule } from './contracts/extensions.js';
import { ConfigError } from './errors.js';
import { createAjv, formatSchemaErrors } from './schemas.js';

/** Validates `value` against `schema`; throws a ConfigError whose paths start with `at`. */
export function validateOptions(schema: Record<string, unknown> | undefined, value: unknown, at: string, what: string): void {
  if (!schema) return;
  const fn = createAjv().compile(schema);
  if (fn(value)) return;
  const first = formatSchemaErrors(fn.errors)[0] ?? 'at /: invalid';
  const [, path = '/', message = first] = /^at (\S+): (.*)$/.exec(first) ?? [];
  throw new ConfigError(`${what}: at ${at}${path === '/' ? '' : path}: ${message}`);
}

/** Every configured rule id names a loaded rule, and its options match the rule's schema. */
export function validateRuleSettings(rules: VerifierRule[], verify: MleSmithConfig['verify']): void {
  for (const [id, setting] of Object.entries(verify.rules ?? {})) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) {
      const near = rules.map((r) => r.id).filter((r) => r.split('/').pop() === id.split('/').pop());
      throw new ConfigError(`config: at /verify/rules/${id}: unknown rule "${id}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ' (mle-smith plugins lists the loaded rules)'}`);
    }
    if (Array.isArray(setting)) {
      const schema = rule.meta.schema ?? { type: 'object', additionalProperties: false, properties: {} };
      validateOptions(schema, setting[1], `/verify/rules/${id}/1`, 'config');
    }
  }
}

/** The memory limit fits the machine: a limit the kernel can never grant reads as "unlimited". */
export function validateLimits(limits: MleSmithConfig['executor']['limits']): void {
  const machineMb = Math.floor(totalmem() / 1024 / 1024);
  if (limits.memoryMb > machineMb) {
    throw new ConfigError(`config: at /executor/limits/memoryMb: ${limits.memoryMb} MB is more than this machine's memory (${machineMb} MB)`);
  }
}
