// `mle-smith verify`: a package this tool may not have made, checked as `run` checks its own —
// the manifest schema, verifyPackage() (rules, then reviewers with the configured LLM), and on
// request the baseline ladder.
import type { LadderEntry, PackageTarget } from '../contracts/extensions.js';
import type { Finding, TaskManifest } from '../contracts/task.js';
import type { PipelineServices } from '../services.js';
import { MleSmithError } from '../errors.js';
import { randomRunId } from '../run-store.js';
import { boundedText, inspectPackage, readManifestUnchecked } from '../package-reader.js';
import { executeLadder } from './execute-stage.js';
import { verifyPackage } from './verify-package.js';

export interface TaskDirVerification {
  taskId: string;
  findings: Finding[];
  ladder?: LadderEntry[];
  passed: boolean;
}

export async function verifyTaskDir(
  taskDir: string, d: Pick<PipelineServices, 'config' | 'host' | 'grader' | 'log' | 'createExecutor' | 'createAgentContext'> & { execute: boolean },
): Promise<TaskDirVerification> {
  const { config, host, log } = d;
  // An untrusted package: links, FIFOs, devices and oversized files stop verification before
  // any rule opens a file, and the manifest is schema-checked before any field is used.
  const { problems } = await inspectPackage(taskDir);
  const findings: Finding[] = problems.map((p) => ({ ruleId: 'core/package-files', severity: 'error', phase: 'package', message: p.message, location: p.path }));
  const unchecked = problems.some((p) => p.path === 'task.json') ? { value: {}, errors: ['at /: task.json is not a regular file'] } : await readManifestUnchecked(taskDir);
  const manifest = unchecked.value as TaskManifest;
  findings.push(...unchecked.errors.map((e): Finding => ({ ruleId: 'core/manifest-schema', severity: 'error', phase: 'package', message: `task.json ${e}`, location: 'task.json' })));
  const target: PackageTarget = { phase: 'package', taskDir, manifest };
  const runId = randomRunId('verify');
  if (findings.length === 0) {
    const agent = await d.createAgentContext({ runId, runDir: taskDir });
    const scoped = agent && { ...agent, taskId: manifest.id, cacheDir: undefined };
    findings.push(...(await verifyPackage(target, { rules: host.rules(), reviewers: host.reviewers(), verify: config.verify, log, agent: scoped })));
  }
  let ladder: LadderEntry[] | undefined;
  if (d.execute && findings.every((f) => f.severity !== 'error')) {
    const { grader } = d;
    if (!grader) throw new MleSmithError('INTERNAL', 'running the baseline ladder needs a grader');
    const executor = await d.createExecutor();
    try {
      await executor.cleanup?.(); // expired or orphaned sandbox containers
      const outcome = await executeLadder({ taskDir, manifest, solvers: host.solvers(), executor, grader, config, runId, log });
      findings.push(...outcome.findings);
      ladder = outcome.ladder;
    } finally {
      await executor.dispose();
    }
  }
  // finding messages may quote package content (ids, column names): escaped and bounded
  for (const f of findings) f.message = boundedText(f.message);
  return { taskId: (findings.some((f) => f.ruleId === 'core/manifest-schema') ? undefined : manifest.id) ?? taskDir, findings, ladder, passed: findings.every((f) => f.severity !== 'error') };
}
