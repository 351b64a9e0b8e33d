// verifyPackage(): the package rules, then (when they pass) the reviewers. `mle-smith run` runs it
// inside its checkpointed stages and gates; `mle-smith verify` runs it directly on any package.
import type { MleSmithConfig } from '../contracts/config.js';
import type { Logger } from '../contracts/execution.js';
import type { AgentContext } from '../contracts/llm.js';
import type { PackageTarget, Reviewer, VerifierRule } from '../contracts/extensions.js';
import type { Finding, FunnelStep } from '../contracts/task.js';
import { runReviewers, runRules } from './verify-stage.js';

export interface VerifyPackageServices {
  rules: VerifierRule[];
  reviewers: Reviewer[];
  verify: MleSmithConfig['verify'];
  log: Logger;
  agent?: AgentContext;
}

/** How each step runs (the pipeline: a checkpointed stage) and whether its findings let the next one run. */
export interface VerifyPackageSteps {
  run<T>(stage: 'verify' | 'review', key: 'verify-package' | 'review', work: () => Promise<T>): Promise<T>;
  gate(findings: Finding[], stage: 'verify' | 'review', passes: FunnelStep): Promise<boolean>;
}

const directly: VerifyPackageSteps = {
  run: (_stage, _key, work) => work(),
  gate: async (findings) => !findings.some((f) => f.severity === 'error'),
};

/** Every finding of the package rules and, when none is an error, of the reviewers. */
export async function verifyPackage(target: PackageTarget, s: VerifyPackageServices, steps: VerifyPackageSteps = directly): Promise<Finding[]> {
  const assertions = await steps.run('verify', 'verify-package', () => runRules(s.rules, target, target.manifest.modality, s.verify, s.log));
  if (!(await steps.gate(assertions, 'verify', 'assertions'))) return assertions;
  const review = await steps.run('review', 'review', () => runReviewers(s.reviewers, target, s.verify.reviewers, { log: s.log, agent: s.agent }));
  await steps.gate(review, 'review', 'review');
  return [...assertions, ...review];
}
