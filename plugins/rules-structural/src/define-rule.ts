// Builds a VerifierRule from a plain check function: fills in ruleId, phase and the default
// severity, merges options over defaultOptions, and skips targets of the other phase.
import {
  DatasetError, type Finding, type PackageTarget, type RuleContext, type Severity, type SpecTarget, type VerifierRule,
  type VerifierRuleMeta,
} from '@mle-smith/core';
import { MissingFileError } from './package-io.js';

export interface Issue {
  message: string;
  location?: string;
  data?: Record<string, unknown>;
  /** Overrides the rule's severity for this finding (e.g. a warning that escalates past a threshold). */
  severity?: Severity;
}

export interface CheckContext<O> extends RuleContext {
  opts: O;
}

interface RuleDefinition<P extends 'spec' | 'package', O> {
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
        // Missing or unreadable files are reported once, by structural/files-present; every
        // other rule simply has nothing to say about a file it cannot read.
        if (err instanceof MissingFileError || err instanceof DatasetError) {
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
