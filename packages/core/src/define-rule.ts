// Builds a VerifierRule from a plain check function (ESLint-style: meta + check): fills in
// ruleId, phase and the default severity, merges options over defaultOptions, and skips
// targets of the other phase.
import { DatasetError } from './errors.js';
import type { Finding, Severity } from './contracts/task.js';
import type { PackageTarget, RuleContext, SpecTarget, VerifierRule, VerifierRuleMeta } from './contracts/extensions.js';

/** What a rule's check returns: a finding without the parts defineRule fills in. */
export interface Issue {
  message: string;
  location?: string;
  data?: Record<string, unknown>;
  /** Overrides the rule's severity for this finding (e.g. a warning that escalates past a threshold). */
  severity?: Severity;
}

export interface CheckContext<O> extends RuleContext {
  /** The rule's options: ctx.options merged over defaultOptions. */
  opts: O;
}

export interface RuleDefinition<P extends 'spec' | 'package', O> {
  id: string;
  phase: P;
  severity: Severity;
  description: string;
  schema?: Record<string, unknown>;
  defaultOptions?: O;
  check(target: P extends 'spec' ? SpecTarget : PackageTarget, ctx: CheckContext<O>): Promise<Issue[]> | Issue[];
}

export function defineRule<P extends 'spec' | 'package', O extends Record<string, unknown> = Record<string, never>>(
  def: RuleDefinition<P, O>,
): VerifierRule {
  const meta: VerifierRuleMeta = {
    severity: def.severity,
    phase: def.phase,
    description: def.description,
    schema: def.schema ?? { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: (def.defaultOptions ?? {}) as Record<string, unknown>,
  };
  return {
    id: def.id,
    meta,
    async check(target, ctx): Promise<Finding[]> {
      if (target.phase !== def.phase) return [];
      const opts = { ...(def.defaultOptions ?? {}), ...ctx.options } as O;
      let issues: Issue[];
      try {
        issues = await def.check(target as P extends 'spec' ? SpecTarget : PackageTarget, { ...ctx, opts });
      } catch (err) {
        // Missing or unreadable files are reported once, by the rule that checks the files
        // (structural/files-present); every other rule has nothing to say about a file it
        // cannot read.
        if (err instanceof DatasetError) {
          ctx.log.debug(`${def.id}: skipped: ${err.message}`);
          return [];
        }
        throw err;
      }
      return issues.map((i) => ({
        ruleId: def.id,
        severity: i.severity ?? def.severity,
        message: i.message,
        phase: def.phase,
        ...(i.location !== undefined ? { location: i.location } : {}),
        ...(i.data !== undefined ? { data: i.data } : {}),
      }));
    },
  };
}
