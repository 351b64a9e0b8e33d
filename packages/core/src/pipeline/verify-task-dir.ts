// `mle-smith verify`: a package this tool may not have made, checked as `run` checks its own —
// the manifest schema, verifyPackage() (rules, then reviewers with the configured LLM), and on
// request the baseline ladder.
import type { MleSmithConfig } from '../contracts/config.js';
import type { Logger } from '../contracts/execution.js';
import type { LadderEntry, PackageTarget } from '../contracts/extensions.js';
import type { Grader } from '../contracts/metric.js';
import type { Finding } from '../contracts/task.js';
import type { PluginHost } from '../plugin-host.js';
import { randomRunId } from '../run-store.js';
import { validateTaskManifest } from '../schemas.js';
import { readManifest } from './evaluate.js';
import { executeLadder } from './execute-stage.js';
import { createAgentContext } from '../agent-context.js';
import { verifyPackage } from './verify-package.js';

export interface TaskDirVerification {
  taskId: string;
  findings: Finding[];
  ladder?: LadderEntry[];
  passed: boolean;
}

export async function verifyTaskDir(
  taskDir: string, d: { config: MleSmithConfig; host: PluginHost; grader: Grader; log: Logger; execute: boolean },
): Promise<TaskDirVerification> {
  const { config, host, log } = d;
  const manifest = await readManifest(taskDir);
  const findings: Finding[] = validateTaskManifest(manifest).errors.map((e) => ({ ruleId: 'core/manifest-schema', severity: 'error', phase: 'package', message: `task.json ${e}`, location: 'task.json' }));
  const target: PackageTarget = { phase: 'package', taskDir, manifest };
  const runId = randomRunId('verify');
  if (findings.length === 0) {
    const agent = await createAgentContext(host, config, { runId, runDir: taskDir });
    const scoped = agent && { ...agent, taskId: manifest.id, cacheDir: undefined };
    findings.push(...(await verifyPackage(target, { rules: host.rules(), reviewers: host.reviewers(), verify: config.verify, log, agent: scoped })));
  }
  let ladder: LadderEntry[] | undefined;
  if (d.execute && findings.every((f) => f.severity !== 'error')) {
    const executor = await host.createExecutor(config.executor.backend, config.executor.options);
    try {
      const outcome = await executeLadder({ taskDir, manifest, solvers: host.solvers(), executor, grader: d.grader, config, runId, log });
      findings.push(...outcome.findings);
      ladder = outcome.ladder;
    } finally {
      await executor.dispose();
    }
  }
  return { taskId: manifest.id ?? taskDir, findings, ladder, passed: findings.every((f) => f.severity !== 'error') };
}
