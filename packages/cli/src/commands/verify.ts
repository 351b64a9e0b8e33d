import { resolve } from 'node:path';
import { executeLadder, randomRunId, readManifest, runReviewers, runRules, validateTaskManifest, type Finding } from '@mle-smith/core';
import { wire } from '../composition-root.js';
import type { CommandContext } from '../main.js';

/** Verifies any task package, including ones this tool did not make. */
export async function verifyCommand(ctx: CommandContext, taskDirArg: string, flags: { execute?: boolean; json?: boolean }): Promise<number> {
  const taskDir = resolve(ctx.cwd, taskDirArg);
  const { loaded, host, grader, log } = await wire({ cwd: ctx.cwd, configPath: ctx.configPath, log: ctx.log });
  const config = loaded.config;
  const manifest = await readManifest(taskDir);
  const findings: Finding[] = validateTaskManifest(manifest).errors.map((e) => ({ ruleId: 'core/manifest-schema', severity: 'error', phase: 'package', message: `task.json ${e}`, location: 'task.json' }));
  const target = { phase: 'package' as const, taskDir, manifest };
  if (findings.length === 0) {
    findings.push(...(await runRules(host.rules(), target, manifest.modality, config.verify, log)));
    findings.push(...(await runReviewers(host.reviewers(), target, config.verify.reviewers, { log })));
  }
  let ladder;
  if (flags.execute && findings.every((f) => f.severity !== 'error')) {
    const executor = await host.createExecutor(config.executor.backend, config.executor.options);
    try {
      const outcome = await executeLadder({ taskDir, manifest, solvers: host.solvers(), executor, grader, config, runId: randomRunId('verify'), log });
      findings.push(...outcome.findings);
      ladder = outcome.ladder;
    } finally {
      await executor.dispose();
    }
  }
  const errors = findings.filter((f) => f.severity === 'error');
  if (flags.json) ctx.stdout(JSON.stringify({ task: manifest.id ?? taskDir, passed: errors.length === 0, findings, ladder }, null, 2) + '\n');
  else {
    for (const f of findings) ctx.stdout(`${f.severity.padEnd(7)} ${f.ruleId}: ${f.message}${f.location ? ` (${f.location})` : ''}\n`);
    for (const e of ladder ?? []) ctx.stdout(`ladder  ${e.tier.padEnd(7)} ${e.solver}: ${e.status} ${e.score ?? ''}\n`);
    ctx.stdout(errors.length ? `${manifest.id}: ${errors.length} error finding(s)\n` : `${manifest.id}: passed\n`);
  }
  return errors.length ? 1 : 0;
}
