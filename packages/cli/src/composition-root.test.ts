// The CLI's composition root and testkit's runPipeline() build the pipeline the same way: the
// core's compose(), a child tsyringe container holding the same services, and the plugins'
// contributions resolved from that container by the running pipeline.
import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CONFIG, CONTAINER, CREATE_AGENT_CONTEXT, CREATE_EXECUTOR, DESIGNER, GRADER, LOGGER, OPEN_RUN_STORE, PLUGIN_HOST, PROFILER,
  silentLogger, type Designer, type Plugin,
} from '@mle-smith/core';
import { duckDbProfiler, isolatedProfiler } from '@mle-smith/data';
import { runPipeline } from '@mle-smith/testkit';
import { describe, expect, it } from 'vitest';
import { wire } from './composition-root.js';

const SERVICES = [CONTAINER, CONFIG, LOGGER, PROFILER, GRADER, PLUGIN_HOST, OPEN_RUN_STORE, CREATE_EXECUTOR, CREATE_AGENT_CONTEXT];

/** A plugin whose designer records which datasets the pipeline offered it (and supports none, so a run stops after profiling). */
function probe(): { plugin: Plugin; offered: string[] } {
  const offered: string[] = [];
  const designer = { id: 'probe', modality: 'tabular', supports: (p: { name: string }) => (offered.push(p.name), false) } as unknown as Designer;
  return { offered, plugin: { name: 'probe', apiVersion: 1, setup: (api) => api.addDesigner(designer) } };
}

async function fixture(): Promise<{ root: string; dataset: string }> {
  const root = await mkdtemp(join(tmpdir(), 'mls-composition-'));
  const dataset = join(root, 'tiny');
  await mkdir(dataset);
  await writeFile(join(dataset, 'rows.csv'), 'id,x,y\n1,0.5,a\n2,1.5,b\n3,2.5,a\n');
  // explicit (empty) plugins: only the probe's designer can be offered the dataset
  await writeFile(join(root, 'mle-smith.config.json'), JSON.stringify({ plugins: [], report: [], datasets: ['tiny'], out: 'runs/cli' }));
  return { root, dataset };
}

describe('the composition the CLI and testkit share', () => {
  it('registers the same services in a child container, and the pipeline resolves a plugin\'s contribution from it in both', async () => {
    const { root, dataset } = await fixture();
    const cli = probe();
    const wiring = await wire({ cwd: root, log: silentLogger, extraPlugins: [cli.plugin] });
    const viaCli = await wiring.run();
    const kit = probe();
    const viaTestkit = await runPipeline({ config: { datasets: [dataset], out: join(root, 'runs', 'kit') }, plugins: [kit.plugin] });

    // the CLI profiles each dataset in a child process (a reader crash fails that dataset only); testkit in-process
    for (const [{ container }, profiler] of [[wiring, isolatedProfiler], [viaTestkit, duckDbProfiler]] as const) {
      expect(SERVICES.filter((t) => !container.isRegistered(t.token))).toEqual([]);
      expect(container.resolve(PROFILER.token)).toBe(profiler);
      expect(container.resolveAll<Designer>(DESIGNER.token).map((d) => d.id)).toEqual(['probe']);
    }
    expect(viaTestkit.container).not.toBe(wiring.container);
    // the running pipeline found the designer through the container, in both paths
    // offered once, then once more as unclaimed since no designer supported it
    expect(cli.offered).toEqual(['tiny', 'tiny']);
    expect(kit.offered).toEqual(['tiny', 'tiny']);
    expect(viaCli.summary.datasets[0]!.error).toMatch(/no designer supports dataset tiny/);
    expect(viaTestkit.summary.datasets[0]!.error).toMatch(/no designer supports dataset tiny/);
  });
});
