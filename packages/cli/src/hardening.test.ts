// Hostile and careless input to the built binary: untrusted task packages (grade, verify, eval,
// export), commands pointed at data they would destroy, limits and options that used to pass
// silently, and numbers that overflow. Each case used to misbehave on main (issue 18).
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-helpers.test-util.js';
import { waitForProfilingChild } from './profiling-child.test-util.js';

const examples = resolve(process.cwd(), '..', '..', 'examples');
const tasks = join(examples, 'reference-tasks', 'tasks');
const wine = join(tasks, 'ref-wine-cultivar');
const iris = join(tasks, 'ref-iris-species');
const diabetes = join(tasks, 'ref-diabetes-progression');
const fixturePlugin = join(process.cwd(), 'src', '__fixtures__', 'hardening-plugin.mjs');

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));
async function tmp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `mls-hard-${prefix}-`));
  roots.push(dir);
  return dir;
}
async function copyOf(pkg: string, root: string, name = 'pkg'): Promise<string> {
  const dir = join(root, name);
  await cp(pkg, dir, { recursive: true });
  return dir;
}
async function editManifest(dir: string, edit: (m: Record<string, unknown>) => void): Promise<void> {
  const m = JSON.parse(await readFile(join(dir, 'task.json'), 'utf8')) as Record<string, unknown>;
  edit(m);
  await writeFile(join(dir, 'task.json'), JSON.stringify(m));
}
const oneLine = (s: string) => expect(s.trim().split('\n')).toHaveLength(1);

describe('task.json of {} or null', () => {
  it.each(['{}', 'null'])('grade with %s: one line, exit 1, and JSON on stdout with --json', async (text) => {
    const dir = await copyOf(wine, await tmp('empty'));
    await writeFile(join(dir, 'task.json'), text);
    const sub = join(wine, 'private', 'answers.csv');
    const plain = await runCli(['grade', '--task', dir, '--submission', sub], examples);
    expect(plain.code).toBe(1);
    oneLine(plain.stderr);
    expect(plain.stderr).toMatch(/^error: .*task.json is not a valid task manifest: at \//);
    const json = await runCli(['grade', '--task', dir, '--submission', sub, '--json'], examples);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, error: expect.stringMatching(/not a valid task manifest/) });
  });

  it.each(['{}', 'null'])('eval with %s: one line, exit 1, JSON error on stdout, nothing run', async (text) => {
    const root = await tmp('eval-empty');
    const dir = await copyOf(wine, root);
    await writeFile(join(dir, 'task.json'), text);
    const r = await runCli(['eval', '--tasks', dir, '--solvers', 'baseline-trivial', '--out', join(root, 'out'), '--json'], examples);
    expect(r.code, r.stderr).toBe(1);
    oneLine(r.stderr);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: 'DATASET', error: expect.stringMatching(/not a valid task manifest/) });
    expect(existsSync(join(root, 'out'))).toBe(false);
  });
});

describe('eval on a package whose id is a path', () => {
  it('refuses "../../x" before any solver runs and writes nothing outside --out', async () => {
    const root = await tmp('eval-traversal');
    const dir = await copyOf(wine, join(root, 'a', 'b', 'c'));
    const escaped = `escaped-${Date.now()}`;
    await editManifest(dir, (m) => (m.id = `../../../../${escaped}`));
    const out = join(root, 'a', 'b', 'c', 'out');
    const r = await runCli(['eval', '--tasks', dir, '--solvers', 'baseline-trivial', '--out', out], examples);
    expect(r.code, r.stderr).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/at \/id: must match pattern/);
    expect(existsSync(join(root, escaped))).toBe(false);
    expect(existsSync(join(root, 'a', escaped))).toBe(false);
    expect(existsSync(out)).toBe(false);
  });
});

describe('verify on hostile package files', () => {
  const secret = 'TOP-SECRET-HOST-LINE';

  it('a symlinked private/answers.csv is an error finding and the host file is never quoted', async () => {
    const root = await tmp('symlink');
    const dir = await copyOf(wine, root);
    await writeFile(join(root, 'host.csv'), `id,cultivar\n${secret},1\n`);
    await rm(join(dir, 'private', 'answers.csv'));
    await symlink(join(root, 'host.csv'), join(dir, 'private', 'answers.csv'));
    const r = await runCli(['verify', dir, '--json'], examples);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(secret);
    const out = JSON.parse(r.stdout);
    expect(out.findings).toContainEqual(expect.objectContaining({ ruleId: 'core/package-files', severity: 'error', location: 'private/answers.csv' }));
  });

  it.each([
    ['a FIFO', async (p: string) => execFileSync('mkfifo', [p])],
    ['/dev/zero itself (a symlink to it)', async (p: string) => symlink('/dev/zero', p)],
    ['a symlinked public folder', null],
  ])('%s as a package file ends promptly with an error finding', async (_name, make) => {
    const dir = await copyOf(wine, await tmp('special'));
    if (make) {
      await rm(join(dir, 'public', 'test.csv'));
      await make(join(dir, 'public', 'test.csv'));
    } else {
      await rm(join(dir, 'public'), { recursive: true });
      await symlink(join(wine, 'public'), join(dir, 'public'));
    }
    const started = Date.now();
    const r = await runCli(['verify', dir, '--json'], examples);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.code, r.stderr).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Array<{ ruleId: string; message: string }>;
    expect(findings.map((f) => f.ruleId)).toContain('core/package-files');
  });

  it('a files[].path that leaves the package is a schema error and the target is never hashed', async () => {
    const dir = await copyOf(wine, await tmp('traversal'));
    const passwd = execFileSync('sha256sum', ['/etc/passwd']).toString().split(' ')[0];
    await editManifest(dir, (m) => (m.files as unknown[]).push({ path: 'public/../../../../../../etc/passwd', sha256: passwd }));
    const r = await runCli(['verify', dir, '--json'], examples);
    expect(r.code, r.stderr).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Array<{ ruleId: string; message: string }>;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'core/manifest-schema', message: expect.stringMatching(/\/files\/\d+\/path: must match pattern/) }));
    expect(findings.every((f) => !f.ruleId.startsWith('structural/files'))).toBe(true);
  });

  it('the answers copied into public/ under another name fail verify', async () => {
    const dir = await copyOf(wine, await tmp('copied'));
    await cp(join(dir, 'private', 'answers.csv'), join(dir, 'public', 'readme_extra.csv'));
    const r = await runCli(['verify', dir, '--json'], examples);
    expect(r.code, r.stderr).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Array<{ ruleId: string; severity: string; location?: string }>;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'structural/answers-not-public', severity: 'error', location: 'public/readme_extra.csv' }));
  });
});

describe('no silent destruction', () => {
  it('prepare --out onto the raw folder (or inside it) is refused and the raw data survives', async () => {
    const root = await tmp('prepare');
    const raw = join(root, 'iris-raw');
    await cp(join(examples, 'datasets', 'iris'), raw, { recursive: true });
    const before = (await readdir(raw)).sort();
    for (const out of [raw, join(raw, 'pkg')]) {
      const r = await runCli(['prepare', join(iris, 'task.json'), '--raw', raw, '--out', out, '--force'], examples);
      expect(r.code, r.stderr).toBe(2);
      oneLine(r.stderr);
      expect(r.stderr).toMatch(/--out .* (is the raw dataset folder itself|is inside the raw dataset folder)/);
    }
    expect((await readdir(raw)).sort()).toEqual(before);
  });

  it('prepare refuses a folder it did not write, replaces its own, and --force is the explicit case', async () => {
    const root = await tmp('prepare-own');
    const raw = join(examples, 'datasets', 'iris');
    const theirs = join(root, 'theirs');
    await mkdir(theirs);
    await writeFile(join(theirs, 'notes.txt'), 'keep me');
    const refused = await runCli(['prepare', join(iris, 'task.json'), '--raw', raw, '--out', theirs], examples);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/exists and is not written by prepare .*--force/);
    expect(await readFile(join(theirs, 'notes.txt'), 'utf8')).toBe('keep me');
    const mine = join(root, 'mine');
    for (let i = 0; i < 2; i++) expect((await runCli(['prepare', join(iris, 'task.json'), '--raw', raw, '--out', mine], examples)).code).toBe(0);
    expect((await runCli(['prepare', join(iris, 'task.json'), '--raw', raw, '--out', theirs, '--force'], examples)).code).toBe(0);
  });

  it('run --out inside a dataset folder is refused before anything is written', async () => {
    const root = await tmp('run');
    const datasets = join(root, 'datasets');
    await cp(join(examples, 'datasets', 'iris'), join(datasets, 'iris'), { recursive: true });
    const out = join(datasets, 'iris', 'run');
    const r = await runCli(['run', datasets, '--out', out, '--no-execute'], root);
    expect(r.code, r.stderr).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/--out .* is inside the dataset folder/);
    expect(existsSync(out)).toBe(false);
    const wrapping = await runCli(['run', join(datasets, 'iris'), '--out', datasets, '--no-execute'], root);
    expect(wrapping.code).toBe(2);
    expect(wrapping.stderr).toMatch(/contains the dataset folder/);
  });

  it('export refuses an --out inside the package or holding foreign files, and rewrites its own', async () => {
    const root = await tmp('export');
    const pkg = await copyOf(wine, root);
    await writeFile(join(root, 'mle-smith.config.json'), JSON.stringify({ plugins: [fixturePlugin] }));
    const inside = await runCli(['export', pkg, '--format', 'copy', '--out', join(pkg, 'public', 'x')], root);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/is inside the task package/);
    await mkdir(join(root, 'foreign'));
    await writeFile(join(root, 'foreign', 'a.txt'), 'x');
    const foreign = await runCli(['export', pkg, '--format', 'copy', '--out', join(root, 'foreign')], root);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/exists and is not written by export/);
    for (let i = 0; i < 2; i++) expect((await runCli(['export', pkg, '--format', 'copy', '--out', join(root, 'exported')], root)).code).toBe(0);
    await writeFile(join(pkg, 'task.json'), 'null');
    const bad = await runCli(['export', pkg, '--format', 'copy', '--out', join(root, 'exported')], root);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a valid task manifest/);
  });
});

describe('datasets that yield nothing', () => {
  it('an empty dataset folder says why it published nothing', async () => {
    const root = await tmp('empty-ds');
    await mkdir(join(root, 'empty'));
    const r = await runCli(['run', join(root, 'empty'), '--out', join(root, 'run'), '--no-execute'], root);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/dataset empty: .*no readable tables \(csv, tsv, parquet, json, jsonl\) or media files/);
  });

  it('JSON nested 20,000 deep beside a good dataset: that dataset fails with a reason, the other publishes', async () => {
    const root = await tmp('deep-json');
    await mkdir(join(root, 'data', 'deep'), { recursive: true });
    await writeFile(join(root, 'data', 'deep', 'nested.json'), `[${'{"a":['.repeat(20_000)}1${']}'.repeat(20_000)}]`);
    await cp(join(examples, 'datasets', 'iris'), join(root, 'data', 'iris'), { recursive: true });
    const r = await runCli(['run', join(root, 'data'), '--out', join(root, 'run'), '--no-execute'], root);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^1 of 1 tasks published/);
    expect(r.stdout).toMatch(/dataset deep: nested.json: JSON nested deeper than 256 levels/);
  }, 120_000);

  it('a reader killed by a signal while profiling one dataset: that dataset fails naming the signal, the other publishes', async () => {
    const root = await tmp('reader-crash');
    await mkdir(join(root, 'data', 'crash'), { recursive: true });
    // big enough that the profiling child is still reading when the test kills it
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i},${(i * 7919) % 1000},${i % 3}`);
    await writeFile(join(root, 'data', 'crash', 'data.csv'), `id,x,y\n${rows.join('\n')}\n`);
    await cp(join(examples, 'datasets', 'iris'), join(root, 'data', 'iris'), { recursive: true });
    const run = runCli(['run', join(root, 'data'), '--out', join(root, 'run'), '--no-execute'], root);
    // SIGKILL is what the kernel's OOM killer sends; a SIGSEGV in DuckDB ends the child the same way
    const child = await Promise.race([waitForProfilingChild('/data/crash'), run.then((r) => Promise.reject(new Error(`run ended first: ${r.stdout}${r.stderr}`)))]);
    expect(child.reading).toBe('data.csv');
    process.kill(child.pid, 'SIGKILL');
    const r = await run;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^1 of 1 tasks published/);
    expect(r.stdout).toMatch(/dataset crash: the reader crashed \(SIGKILL\) while profiling data\.csv/);
  }, 120_000);
});

describe('non-finite and extreme values', () => {
  it('a table with nan, inf, -inf and 1e308 cells still publishes a valid task (with execution)', async () => {
    const root = await tmp('nonfinite');
    const lines = ['x1,x2,y'];
    for (let i = 0; i < 240; i++) {
      const [a, b] = [((i * 37) % 101) / 100, ((i * 53) % 97) / 100];
      lines.push(`${a},${b},${(3 * a + b + ((i * 7) % 11) / 100).toFixed(3)}`);
    }
    lines[5] = 'nan,0.5,1.9';
    lines[6] = 'inf,0.4,2.1';
    lines[7] = '1e308,-inf,1.7';
    lines[8] = '0.5,0.5,nan';
    await mkdir(join(root, 'edge'));
    await writeFile(join(root, 'edge', 'data.csv'), `${lines.join('\n')}\n`);
    await writeFile(join(root, 'mle-smith.config.json'), JSON.stringify({ design: { maxProposalsPerDataset: 1 } }));
    const r = await runCli(['run', join(root, 'edge'), '--out', join(root, 'run')], root);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^1 of 1 tasks published/m);
    const [task] = await readdir(join(root, 'run', 'tasks'));
    const pkg = join(root, 'run', 'tasks', task);
    const manifest = JSON.parse(await readFile(join(pkg, 'task.json'), 'utf8')) as { target: string; spec: { filter?: string } };
    expect(manifest.target).toBe('y');
    expect(manifest.spec.filter).toMatch(/abs\("y"\) <= 1e100/);
    expect(await readFile(join(pkg, 'private', 'answers.csv'), 'utf8')).not.toMatch(/nan|inf/);
    const verified = await runCli(['verify', pkg], root);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  }, 240_000);
});

describe('prepare of a hostile spec', () => {
  it('a 6-way cross join in an expression is interrupted at the statement time limit', async () => {
    const root = await tmp('crossjoin');
    const pkg = await copyOf(iris, root);
    await editManifest(pkg, (m) => {
      const spec = m.spec as { target: { expression: string } };
      spec.target.expression = 'CASE WHEN (SELECT count(*) FROM iris a, iris b, iris c, iris d, iris e, iris f) > 0 THEN "species" END';
    });
    const started = Date.now();
    const r = await runCli(['prepare', join(pkg, 'task.json'), '--raw', join(examples, 'datasets', 'iris'), '--out', join(root, 'out')], examples, { MLE_SMITH_DUCKDB_TIMEOUT_SEC: '2' });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(r.code, r.stderr).toBe(1);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/ran over its 2 s time limit and was interrupted/);
    expect(existsSync(join(root, 'out'))).toBe(false);
  });
});

describe('limits and options are validated with their JSON path', () => {
  it.each([
    [{ executor: { limits: { timeSec: 3000000 } } }, /at \/executor\/limits\/timeSec: must be <= 86400/],
    [{ executor: { limits: { memoryMb: 1048576 } } }, /at \/executor\/limits\/memoryMb: 1048576 MB is more than this machine's memory/],
    [{ executor: { options: { privileged: true } } }, /at \/executor\/options: unknown key "privileged"/],
    [{ executor: { backend: 'docker', options: { privileged: true } } }, /at \/executor\/options: unknown key "privileged"/],
    [{ verify: { rules: { 'structural/no-such-rule': 'off' } } }, /at \/verify\/rules\/structural\/no-such-rule: unknown rule/],
    [{ verify: { rules: { 'structural/train-test-disjoint': ['error', { maxRowOverlapFraction: 'lots' }] } } }, /at \/verify\/rules\/structural\/train-test-disjoint\/1\/maxRowOverlapFraction: must be number/],
    [{ verify: { rules: { 'structural/train-test-disjoint': ['error', { bogus: 1 }] } } }, /at \/verify\/rules\/structural\/train-test-disjoint\/1: unknown key "bogus"/],
  ])('%j is a config error (exit 2, one line)', async (config, pattern) => {
    const dir = await tmp('config');
    await writeFile(join(dir, 'mle-smith.config.json'), JSON.stringify(config));
    for (const args of [['validate-config'], ['verify', wine]]) {
      const r = await runCli(args, dir);
      expect(r.code, r.stderr).toBe(2);
      oneLine(r.stderr);
      expect(r.stderr).toMatch(pattern);
    }
  });
});

describe('numbers', () => {
  it('eval: 1e200 predictions are an invalid run naming the row, a loss in Elo, and the evaluation goes on', async () => {
    const root = await tmp('overflow');
    const pkg = await copyOf(diabetes, root);
    await editManifest(pkg, (m) => ((m.metric as { name: string }).name = 'rmse'));
    await writeFile(join(root, 'mle-smith.config.json'), JSON.stringify({ plugins: [fixturePlugin] }));
    const graded = await runCli(['grade', '--task', pkg, '--submission', join(pkg, 'public', 'sample_submission.csv'), '--json'], root);
    expect(JSON.parse(graded.stdout)).toMatchObject({ valid: true });
    const r = await runCli(['eval', '--tasks', pkg, '--solvers', 'overflow,sample', '--out', join(root, 'out'), '--json'], root);
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout) as { scores: Array<{ solver: string; valid: boolean; status: string; error?: string; score: number | null }>; elo: { ratings: Array<{ solver: string; elo: number }> } };
    const overflow = body.scores.find((s) => s.solver === 'overflow')!;
    expect(overflow).toMatchObject({ valid: false, status: 'invalid', score: null });
    expect(overflow.error).toMatch(/^line 2, column "disease_progression": 1e\+200 is too large for rmse/);
    const elo = JSON.parse(await readFile(join(root, 'out', 'elo.json'), 'utf8')) as { ratings: Array<{ solver: string; elo: number }> };
    const rating = (s: string) => elo.ratings.find((x) => x.solver === s)!.elo;
    expect(rating('sample')).toBeGreaterThan(rating('overflow'));
    expect(elo.ratings.every((x) => Number.isFinite(x.elo))).toBe(true);
  });

  it('eval: a package whose public files cannot be read fails its runs; the other tasks are rated and Elo is written', async () => {
    const root = await tmp('eval-broken');
    const good = await copyOf(diabetes, root, 'good');
    const bad = await copyOf(wine, root, 'bad');
    await rm(join(bad, 'public', 'test.csv'));
    await writeFile(join(root, 'mle-smith.config.json'), JSON.stringify({ plugins: [fixturePlugin] }));
    const r = await runCli(['eval', '--tasks', good, bad, '--solvers', 'sample,overflow', '--out', join(root, 'out'), '--json'], root);
    expect(r.code, r.stderr).toBe(0);
    const rows = (JSON.parse(r.stdout) as { scores: Array<{ task: string; status: string; error?: string }> }).scores;
    expect(rows.filter((x) => x.task === 'ref-wine-cultivar').map((x) => x.status)).toEqual(['failed', 'failed']);
    expect(rows.find((x) => x.task === 'ref-wine-cultivar')!.error).toMatch(/cannot read the public files/);
    expect(rows.filter((x) => x.task === 'ref-diabetes-progression').every((x) => x.status === 'ok')).toBe(true);
    expect(existsSync(join(root, 'out', 'elo.json'))).toBe(true);
  });
});
