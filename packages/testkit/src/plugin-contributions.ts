// What a plugin registers, without a host: its setup() runs against a PluginApi that keeps every
// contribution by kind. The conformance suites take a plugin this way, as a user's config would.
import { EXTENSION_POINTS, silentLogger, type ContributionKind, type ContributionOf, type Plugin, type PluginApi } from '@mle-smith/core';

export type PluginContributions = { [K in ContributionKind]: Array<ContributionOf<K>> };

export async function pluginContributions(plugin: Plugin, options: Record<string, unknown> = {}, configDir = process.cwd()): Promise<PluginContributions> {
  const out = Object.fromEntries(Object.keys(EXTENSION_POINTS).map((k) => [k, []])) as unknown as PluginContributions;
  const adders = Object.fromEntries(Object.entries(EXTENSION_POINTS).map(([kind, point]) => [
    point.method, (c: unknown) => { (out[kind as ContributionKind] as unknown[]).push(c); },
  ]));
  const api = { ...adders, options, configDir, log: silentLogger } as unknown as PluginApi;
  await plugin.setup?.(api);
  return out;
}
