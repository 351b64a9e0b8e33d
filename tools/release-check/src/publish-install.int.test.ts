// Acceptance (issue 13, item 9): every package is published to a real registry (Verdaccio on
// 127.0.0.1, started here), then a project outside the monorepo installs @mle-smith/cli, two
// first-party plugins and the example third-party plugin from it and runs `npx mle-smith run` with
// a config that names them — separately published plugins, discovered through a config file.
import { execFile } from 'node:child_process';
import { cp, lstat, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalRegistry, type LocalRegistry } from './local-registry.js';
import { publishThirdParty, thirdPartyClosure } from './third-party-packages.js';

const exec = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const thirdPartyPlugin = join(repoRoot, 'examples', 'plugins', 'mle-smith-plugin-quantiles');
const installed = ['@mle-smith/cli', '@mle-smith/plugin-designer-tabular', '@mle-smith/plugin-reporter-markdown', 'mle-smith-plugin-quantiles'];

let work: string;
let consumer: string;
let registry: LocalRegistry;
let workspaces: string[];
let run: { stdout: string; stderr: string };

/** The environment without the npm_config_* variables a parent npm/npx run passes down. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

async function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  // Only the registry's own .npmrc, and a private cache: everything installed comes from the local
  // registry, not from the machine's configuration or cache.
  return exec('npm', [...args, '--userconfig', registry.npmrc, '--cache', join(work, 'npm-cache'), '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    env: cleanEnv(),
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mls-publish-'));
  registry = await startLocalRegistry(join(work, 'registry'));

  const { stdout } = await npm(['publish', '--workspaces', '--json'], repoRoot);
  workspaces = (stdout.match(/"id":\s*"(@mle-smith\/[^"]+)@/g) ?? []).map((m) => m.replace(/^"id":\s*"/, '').replace(/@$/, ''));
  await npm(['publish'], thirdPartyPlugin);
  // No uplink: the third-party dependencies of what the consumer installs are published here too.
  await publishThirdParty(repoRoot, registry.url, await thirdPartyClosure(repoRoot, installed.filter((n) => n.startsWith('@mle-smith/'))));

  consumer = await mkdtemp(join(tmpdir(), 'mls-consumer-'));
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2));
  // Install scripts stay off: the only ones in the tree build optional native add-ons (ssh2's
  // crypto binding, cpu-features) that have JavaScript fallbacks.
  await npm(['install', '--ignore-scripts', ...installed], consumer);

  for (const ds of ['iris', 'diabetes']) await cp(join(repoRoot, 'examples', 'datasets', ds), join(consumer, 'datasets', ds), { recursive: true });
  await writeFile(
    join(consumer, 'mle-smith.config.json'),
    JSON.stringify(
      {
        $schema: './node_modules/@mle-smith/core/schemas/config.schema.json',
        datasets: ['datasets'],
        out: 'runs/latest',
        plugins: [
          ['mle-smith-plugin-quantiles', { column: 'bmi' }],
          '@mle-smith/plugin-designer-tabular',
          'rules-structural',
          'executor-local',
          'reporter-json',
          '@mle-smith/plugin-reporter-markdown',
        ],
        llm: { backend: 'none' },
        report: ['json', 'markdown', 'audit'],
      },
      null,
      2,
    ),
  );
  run = await exec('npx', ['--no', '--userconfig', registry.npmrc, 'mle-smith', 'run', '--no-execute'], { cwd: consumer, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
}, 600_000);

afterAll(async () => {
  await registry?.stop();
  if (work) await rm(work, { recursive: true, force: true });
  if (consumer) await rm(consumer, { recursive: true, force: true });
});

describe('published packages installed from a local registry', () => {
  it('publishes every workspace package', async () => {
    const names = await Promise.all(
      ['packages', 'plugins'].map(async (group) => {
        const dirs = await readdir(join(repoRoot, group));
        return Promise.all(dirs.map(async (d) => (JSON.parse(await readFile(join(repoRoot, group, d, 'package.json'), 'utf8')) as { name: string }).name));
      }),
    );
    expect(workspaces.sort()).toEqual(names.flat().sort());
    const res = await fetch(`${registry.url}/@mle-smith%2fplugin-executor-docker`);
    expect(res.status).toBe(200);
  });

  it('installs real packages (no workspace links) into a project outside the monorepo', async () => {
    expect(consumer.startsWith(repoRoot)).toBe(false);
    for (const name of installed) {
      const dir = join(consumer, 'node_modules', name);
      expect((await lstat(dir)).isSymbolicLink(), name).toBe(false);
    }
    const lock = JSON.parse(await readFile(join(consumer, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string }> };
    const resolved = Object.values(lock.packages).map((p) => p.resolved).filter((r): r is string => !!r);
    expect(resolved.length).toBeGreaterThan(50);
    for (const url of resolved) expect(url.startsWith(`${registry.url}/`), url).toBe(true);
  });

  it('runs `npx mle-smith run` with the plugins the config names, the third-party one included', async () => {
    const runDir = join(consumer, 'runs', 'latest');
    const tasks = await readdir(join(runDir, 'tasks'));
    expect(tasks).toContain('diabetes-bmi-tertile'); // designed by the third-party plugin
    expect(tasks.some((t) => t.startsWith('iris-')), tasks.join(', ')).toBe(true); // by designer-tabular
    const audit = JSON.parse(await readFile(join(runDir, 'audit.json'), 'utf8')) as Array<{ task: string; status: string }>;
    expect(audit).toContainEqual(expect.objectContaining({ task: 'diabetes-bmi-tertile', status: 'accepted' }));
    expect(await readFile(join(runDir, 'report.md'), 'utf8')).toContain('diabetes-bmi-tertile');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
