// The browser builds of vega, vega-lite and vega-embed, read from node_modules so the report can
// inline them and open without network access.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PluginLoadError } from '@mle-smith/core';

export interface VegaAsset {
  name: string;
  version: string;
  /** The UMD build's source, safe to put inside a <script> element. */
  source: string;
}

const require = createRequire(import.meta.url);

// The packages' "exports" maps hide their build folders, so find the package folder by hand
// along Node's lookup path instead of require.resolve('vega/build/...').
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new PluginLoadError(`reporter-html: cannot find package ${name}; install it with npm install ${name}`);
}

/** Makes script text safe inside an inline <script>: no "</script" or "<!--" can end or confuse it. */
export function scriptSafe(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

const FILES: Array<[string, string]> = [
  ['vega', 'build/vega.min.js'],
  ['vega-lite', 'build/vega-lite.min.js'],
  ['vega-embed', 'build/vega-embed.min.js'],
];

let cache: VegaAsset[] | undefined;

/** vega, vega-lite and vega-embed, in the order they must load. */
export function vegaAssets(): VegaAsset[] {
  cache ??= FILES.map(([name, file]) => {
    const dir = packageDir(name);
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
    return { name, version, source: scriptSafe(readFileSync(join(dir, file), 'utf8')) };
  });
  return cache;
}
