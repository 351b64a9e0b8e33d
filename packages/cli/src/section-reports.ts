// eval and compare write the same report files as a run, with their results as report sections.
import type { MleSmithConfig, PluginHost, RunSummary } from '@mle-smith/core';

export async function writeSectionReports(host: PluginHost, config: MleSmithConfig, outDir: string, runId: string, sections: Record<string, unknown>): Promise<string[]> {
  for (const id of config.report) await host.ensureContribution('reporter', id);
  const now = new Date().toISOString();
  const summary: RunSummary = {
    runId, runDir: outDir, startedAt: now, finishedAt: now, datasets: [], tasks: [], ledger: [],
    funnel: { proposal: 0, spec: 0, package: 0, assertions: 0, review: 0, execution: 0 },
    sections,
  };
  const reporters = host.reporters().filter((r) => config.report.includes(r.id));
  for (const r of reporters) await r.onRunEnd?.(summary);
  return reporters.map((r) => r.id);
}
