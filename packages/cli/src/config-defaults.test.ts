// A config file extends the built-in defaults: a file that sets only `executor`, or only
// `llm: { backend: "none" }`, or the one `mle-smith init` writes, publishes byte for byte the tasks
// a run without any config file publishes. And the newcomer's first command works from the
// repository root.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.test-util.js';

const REPO = resolve(process.cwd(), '..', '..');
const IRIS = join(REPO, 'examples', 'datasets', 'iris');

/** Every file under dir (relative path → bytes as base64), so two trees compare byte for byte. */
async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length + 1)] = (await readFile(path)).toString('base64');
  }
  return out;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mls-config-defaults-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A project folder with the iris example under datasets/ and the given config file (none when undefined). */
async function project(name: string, config?: unknown): Promise<string> {
  const dir = join(root, name);
  await mkdir(join(dir, 'datasets'), { recursive: true });
  await cp(IRIS, join(dir, 'datasets', 'iris'), { recursive: true });
  if (config !== undefined) await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify(config, null, 2));
  return dir;
}

async function publish(dir: string): Promise<Record<string, string>> {
  const r = await runCli(['run', '--no-execute'], dir);
  expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
  return tree(join(dir, 'runs', 'latest', 'tasks'));
}

describe('a config file extends the defaults', () => {
  let baseline: Record<string, string>;

  it('without a config file the built-in defaults publish the iris task', async () => {
    baseline = await publish(await project('no-config'));
    expect(Object.keys(baseline)).toContain('iris-species-multiclass/task.json');
    expect(Object.keys(baseline)).toContain('iris-species-multiclass/private/answers.csv');
  });

  it('a config with only "executor" keeps every default plugin and publishes the same bytes', async () => {
    const dir = await project('only-executor', { executor: { backend: 'local' } });
    expect(await publish(dir)).toEqual(baseline);
    const plugins = await runCli(['plugins', '--json'], dir);
    const listed = (JSON.parse(plugins.stdout) as { plugins: Array<{ name: string }> }).plugins.map((p) => p.name);
    expect(listed).toEqual(expect.arrayContaining(['designer-tabular', 'designer-text', 'designer-image', 'designer-audio', 'designer-timeseries', 'rules-structural', 'rules-leakage', 'reporter-json']));
  });

  it('a config with only llm: { backend: "none" } publishes the same bytes', async () => {
    expect(await publish(await project('only-llm-none', { llm: { backend: 'none' } }))).toEqual(baseline);
  });

  it('the config mle-smith init writes has no plugins key, follows the defaults, and publishes the same bytes', async () => {
    const dir = await project('init');
    const init = await runCli(['init'], dir);
    expect(init.code, init.stderr).toBe(0);
    const written = JSON.parse(await readFile(join(dir, 'mle-smith.config.json'), 'utf8')) as Record<string, unknown>;
    expect(written).not.toHaveProperty('plugins');
    expect(written).toMatchObject({ executor: { backend: 'local' }, llm: { backend: 'none' } });
    expect(await publish(dir)).toEqual(baseline);
  });

  it('"plugins" given explicitly replaces the default list', async () => {
    const dir = await project('explicit-plugins', { plugins: ['designer-text', 'reporter-json'], report: ['json'] });
    const listed = await runCli(['plugins', '--json'], dir);
    expect((JSON.parse(listed.stdout) as { plugins: Array<{ name: string }> }).plugins.map((p) => p.name)).toEqual(['designer-text', 'reporter-json']);
    // No tabular designer any more: iris has no designer, and the run says so and fails.
    const r = await runCli(['run', '--no-execute'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/dataset iris: no designer supports dataset iris/);
  });
});

describe('the newcomer path', () => {
  it('npx mle-smith --help works from the repository root', async () => {
    // Offline: a missing bin link must fail here, not fetch a package of that name from a registry.
    const r = await new Promise<{ code: number | null; out: string }>((done, fail) => {
      const child = spawn('npx', ['mle-smith', '--help'], { cwd: REPO, env: { ...process.env, npm_config_offline: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      child.once('error', fail);
      child.once('exit', (code) => done({ code, out }));
    });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/^Usage: mle-smith \[options\] \[command\]/);
    for (const command of ['init', 'run', 'verify', 'eval']) expect(r.out).toContain(command);
  });
});
