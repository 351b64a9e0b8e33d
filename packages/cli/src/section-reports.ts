// eval and compare write the same report files as a run, with their results as report sections.
import { configuredReporters, type MleSmithConfig, type PluginHost, type RunSummary } from '@mle-smith/core';

export async function writeSectionReports(host: PluginHost, config: MleSmithConfig, outDir: string, runId: string, sections: Record<string, unknown>): Promise<string[]> {
  const reporters = await configuredReporters(host, config.report);
  const now = new Date().toISOString();
  const summary: RunSummary = {
    runId, runDir: outDir, startedAt: now, finishedAt: now, datasets: [], tasks: [], ledger: [],
    funnel: { proposal: 0, spec: 0, package: 0, assertions: 0, review: 0, execution: 0 },
    sections,
  };
  await reporters.onRunEnd(summary);
  return reporters.ids;
}
