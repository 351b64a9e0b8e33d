// Runs verifier rules and reviewers, applying the config's per-rule severity and options.
// Findings are data: a rule that throws is reported as an error finding, not a crash.
import type { MleSmithConfig } from '../contracts/config.js';
import type { Logger } from '../contracts/execution.js';
import type { PackageTarget, ReviewContext, Reviewer, SpecTarget, VerifierRule } from '../contracts/extensions.js';
import type { Finding, Modality } from '../contracts/task.js';
import { LlmError, errorMessage } from '../errors.js';

export async function runRules(
  rules: VerifierRule[],
  target: SpecTarget | PackageTarget,
  modality: Modality,
  config: MleSmithConfig['verify'],
  log: Logger,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.meta.phase !== target.phase) continue;
    if (rule.meta.modality && rule.meta.modality !== modality) continue;
    const setting = config.rules[rule.id];
    if (setting === 'off') continue;
    const severity = Array.isArray(setting) ? setting[0] : setting;
    const options = { ...(rule.meta.defaultOptions ?? {}), ...(Array.isArray(setting) ? setting[1] : {}) };
    let produced: Finding[];
    try {
      produced = await rule.check(target, { log, options });
    } catch (err) {
      produced = [{ ruleId: rule.id, severity: 'error', phase: target.phase, message: `rule crashed: ${errorMessage(err)}` }];
    }
    for (const f of produced) findings.push(severity ? { ...f, severity } : f);
  }
  return findings;
}

export async function runReviewers(
  reviewers: Reviewer[],
  target: PackageTarget,
  selected: string[],
  ctx: ReviewContext,
): Promise<Finding[]> {
  const chosen = selected.length ? reviewers.filter((r) => selected.includes(r.id)) : reviewers;
  const findings: Finding[] = [];
  for (const reviewer of chosen) {
    try {
      findings.push(...(await reviewer.review(target, ctx)));
    } catch (err) {
      // A failed LLM call the reviewer did not fall back from (llm.fallback) fails the run, not the task.
      if (ctx.agent && err instanceof LlmError && !err.budgetExhausted) throw err;
      findings.push({ ruleId: `review/${reviewer.id}`, severity: 'error', phase: 'review', message: `reviewer failed: ${errorMessage(err)}` });
    }
  }
  return findings;
}
