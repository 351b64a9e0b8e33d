#!/usr/bin/env node
// Creates a package or plugin folder with the workspace's standard build/test set-up.
// Usage: node tools/scaffold.mjs packages/<name> | plugins/<name> [--dep @mle-smith/x ...]
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';

const [dir, ...rest] = process.argv.slice(2);
if (!dir || !/^(packages|plugins)\/[a-z0-9-]+$/.test(dir)) {
  console.error('usage: node tools/scaffold.mjs packages/<name>|plugins/<name> [--dep pkg ...]');
  process.exit(2);
}
const deps = [];
for (let i = 0; i < rest.length; i++) if (rest[i] === '--dep') deps.push(rest[++i]);
const short = basename(dir);
const isPlugin = dirname(dir) === 'plugins';
const name = isPlugin ? `@mle-smith/plugin-${short}` : `@mle-smith/${short}`;
if (existsSync(join(dir, 'package.json'))) {
  console.error(`${dir}/package.json exists already`);
  process.exit(2);
}
mkdirSync(join(dir, 'src'), { recursive: true });
const dependencies = Object.fromEntries(deps.filter((d) => d !== '@mle-smith/core' || !isPlugin).map((d) => [d, '0.1.0']));
const pkg = {
  name,
  version: '0.1.0',
  description: '',
  license: 'Apache-2.0',
  repository: { type: 'git', url: 'git+https://github.com/mle-smith/mle-smith.git', directory: dir },
  type: 'module',
  main: './dist/index.js',
  types: './dist/index.d.ts',
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
  files: ['dist', 'README.md'],
  scripts: { build: 'tsc -p tsconfig.build.json', test: 'vitest run', lint: 'eslint .', typecheck: 'tsc -p tsconfig.json' },
  dependencies,
  ...(isPlugin ? { peerDependencies: { '@mle-smith/core': '^0.1.0' }, devDependencies: { '@mle-smith/core': '0.1.0' } } : {}),
  publishConfig: { access: 'public' },
};
writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
writeFileSync(
  join(dir, 'tsconfig.build.json'),
  JSON.stringify(
    { extends: '../../tsconfig.base.json', compilerOptions: { outDir: 'dist', rootDir: 'src' }, include: ['src'], exclude: ['src/**/*.test.ts', 'src/**/__fixtures__'] },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  join(dir, 'tsconfig.json'),
  JSON.stringify({ extends: '../../tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['src'] }, null, 2) + '\n',
);
writeFileSync(
  join(dir, 'vitest.config.ts'),
  `import { defineConfig } from 'vitest/config';\n\nexport default defineConfig({\n  test: { include: ['src/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 300_000 },\n});\n`,
);
if (!existsSync(join(dir, 'src/index.ts'))) writeFileSync(join(dir, 'src/index.ts'), 'export {};\n');
writeFileSync(join(dir, 'README.md'), `# ${name}\n\nTODO: what it is for, its public API, one example.\n`);
console.log(`created ${dir} (${name})`);
