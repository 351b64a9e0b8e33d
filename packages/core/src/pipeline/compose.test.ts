import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config-loader.js';
import type { Designer } from '../contracts/extensions.js';
import type { Plugin } from '../contracts/plugin.js';
import { silentLogger } from '../logger.js';
import * as T from '../tokens.js';
import { compose, type ComposeOptions } from './compose.js';

const fixtures = join(process.cwd(), 'src', '__fixtures__', 'pipeline');
const profiler = { profile: async (dir: string) => ({ name: 'x', dir, tables: [], media: [], files: [] }) };
const designer = { id: 'inline-designer', modality: 'tabular', supports: () => true } as unknown as Designer;
const inline: Plugin = { name: 'inline', apiVersion: 1, setup: (api) => api.addDesigner(designer) };

function options(plugins: ComposeOptions['plugins']): ComposeOptions {
  const config = resolveConfig({ datasets: [], out: '/tmp/mls-compose-unused', report: [] }, fixtures);
  return { config, configDir: fixtures, plugins, log: silentLogger, profiler };
}

describe('compose', () => {
  it('registers the services in a child container and has the container construct the pipeline with them', async () => {
    const o = options([inline]);
    const composition = await compose(o);
    const { container } = composition;
    expect(container.resolve(T.CONFIG.token)).toBe(o.config);
    expect(container.resolve(T.PROFILER.token)).toBe(profiler);
    expect(container.resolve(T.LOGGER.token)).toBe(silentLogger);
    expect(container.resolve(T.GRADER.token)).toBeUndefined();
    // the constructed pipeline holds what the container resolves: one host per composition
    expect(composition.config).toBe(o.config);
    expect(composition.host).toBe(container.resolve(T.PLUGIN_HOST.token));
    expect(container.resolve(T.CONTAINER.token)).toBe(container);
    for (const t of [T.OPEN_RUN_STORE, T.CREATE_EXECUTOR, T.CREATE_AGENT_CONTEXT]) expect(typeof container.resolve(t.token)).toBe('function');
    expect(await composition.createAgentContext({ runId: 'r', runDir: '/tmp/r' })).toBeUndefined(); // llm.backend "none"
  });

  it('keeps a plugin\'s contributions in the composition\'s container under the extension point token', async () => {
    const composition = await compose(options([inline, './file-designer.mjs']));
    const ids = ['inline-designer', 'file-designer'];
    expect(composition.container.resolveAll<Designer>(T.DESIGNER.token).map((d) => d.id)).toEqual(ids);
    expect(composition.host.registry.all(T.DESIGNER).map((d) => d.id)).toEqual(ids);
    expect(composition.container.isRegistered(T.REVIEWER.token)).toBe(false);
    // every composition has a container of its own
    const other = await compose(options([]));
    expect(other.container).not.toBe(composition.container);
    expect(other.host.designers()).toEqual([]);
  });

  it('builds from dist, which tsc compiles with experimentalDecorators and no decorator metadata', async () => {
    const dist = join(process.cwd(), 'dist');
    const built = await readFile(join(dist, 'pipeline', 'pipeline-container.js'), 'utf8');
    expect(built).toContain('inject(CONFIG.token)');
    expect(built).not.toContain('design:paramtypes');
    const core = (await import(join(dist, 'index.js'))) as typeof import('../index.js');
    const o = options([inline]);
    const composition = await core.compose({ ...o, config: core.resolveConfig({ datasets: [], report: [] }, fixtures) });
    expect(composition.container.resolveAll<Designer>(core.DESIGNER.token).map((d) => d.id)).toEqual(['inline-designer']);
    expect(composition.config).toBe(composition.container.resolve(core.CONFIG.token));
  });
});
