// The pipeline runner: profile → brainstorm → design → verify(spec) → materialize →
// verify(package) → review → execute → verdict → publish, per dataset and task. Every stage's
// result is a checkpoint in the run store, so a killed run resumes without redoing work.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MleSmithConfig } from '../contracts/config.js';
import type { Executor, Logger } from '../contracts/execution.js';
import type { Designer, LadderEntry, LedgerEntry, RunInfo, RunSummary, StageName, TaskSummary } from '../contracts/extensions.js';
import type { Grader } from '../contracts/metric.js';
import type { HookScope } from '../contracts/plugin.js';
import type { DatasetProfile, Finding, FunnelStep, TaskManifest, TaskProposal, TaskSpec } from '../contracts/task.js';
import type { DatasetProfiler } from '../services.js';
import { copyDir } from './copy-dir.js';
import { exists, replaceDirAtomic, writeJsonAtomic } from '../atomic-fs.js';
import { checksumTree } from '../checksums.js';
import { DatasetError, LlmError, MleSmithError, PluginHookError, errorMessage } from '../errors.js';
import type { PluginHost } from '../plugin-host.js';
import { RunStore } from '../run-store.js';
import { validateTaskManifest, validateTaskSpec } from '../schemas.js';
import { expandDatasets, type DatasetRef } from './datasets.js';
import { executeLadder } from './execute-stage.js';
import { runReviewers, runRules } from './verify-stage.js';

export interface ProgressEvent {
  stage: StageName;
  dataset: string;
  taskId?: string;
  status: 'start' | 'done' | 'cached' | 'failed';
  durationMs?: number;
  message?: string;
}

export interface PipelineOptions {
  config: MleSmithConfig;
  host: PluginHost;
  profiler: DatasetProfiler;
  grader?: Grader;
  log: Logger;
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  version?: string;
}

export interface PipelineResult {
  summary: RunSummary;
  /** False when a dataset was invalid or no task was accepted. */
  ok: boolean;
}

const FUNNEL: FunnelStep[] = ['proposal', 'spec', 'package', 'assertions', 'review', 'execution'];

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const { config, host, log } = options;
  const startedAt = new Date().toISOString();
  const store = await RunStore.open(config.out, { config });
  const datasets = await expandDatasets(config.datasets);
  const info: RunInfo = { runId: store.runId, runDir: store.dir, datasets: datasets.map((d) => d.name), config: config as unknown as Record<string, unknown> };
  for (const id of config.report) await host.ensureContribution('reporter', id);
  const reporters = host.reporters().filter((r) => config.report.includes(r.id));
  const hooks = host.hooks;
  const ledger: LedgerEntry[] = [];
  const llm = await createChatModel(host, config);
  const agentOptions = { ledger, cacheDir: config.llm.cache ? join(store.dir, 'llm-cache') : undefined, budget: config.llm.budget, prices: config.llm.prices, runId: store.runId };

  let executor: Executor | undefined;
  const getExecutor = async (): Promise<Executor> => {
    if (executor) return executor;
    executor = await host.createExecutor(config.executor.backend, config.executor.options);
    await executor.cleanup?.();
    return executor;
  };

  await hooks.parallel('onRunStart', 'run', info);
  for (const r of reporters) await r.onRunStart?.(info);

  const stage = async <T>(name: StageName, scope: { dataset: string; taskId?: string }, key: string, fn: () => Promise<T>): Promise<T> => {
    const hookScope: HookScope = { stage: name, ...scope };
    const started = Date.now();
    options.onProgress?.({ stage: name, ...scope, status: 'start' });
    await hooks.sequential('beforeStage', hookScope, hookScope);
    let result;
    try {
      result = await store.checkpoint(key, fn);
    } catch (err) {
      const durationMs = Date.now() - started;
      options.onProgress?.({ stage: name, ...scope, status: 'failed', durationMs, message: errorMessage(err) });
      for (const r of reporters) await r.onStageEnd?.({ stage: name, ...scope, durationMs, cached: false, error: errorMessage(err) });
      throw err;
    }
    const durationMs = Date.now() - started;
    await hooks.sequential('afterStage', hookScope, { ...hookScope, output: result.value });
    options.onProgress?.({ stage: name, ...scope, status: result.cached ? 'cached' : 'done', durationMs });
    for (const r of reporters) await r.onStageEnd?.({ stage: name, ...scope, durationMs, cached: result.cached });
    return result.value;
  };

  const reportFinding = async (f: Finding, scope: HookScope): Promise<void> => hooks.sequential('onFinding', scope, f, scope);

  const datasetResults: RunSummary['datasets'] = [];
  const tasks: TaskSummary[] = [];

  const processTask = async (ds: DatasetRef, profile: DatasetProfile, designer: Designer, proposal: TaskProposal): Promise<TaskSummary> => {
    const taskId = proposal.id;
    const scope = { dataset: ds.name, taskId };
    let reached: FunnelStep = 'proposal';
    let defects: Finding[] = [];
    let allFindings: Finding[] = [];
    /** Error findings of each failed attempt: what the repair loop fixed, or why the task was rejected. */
    const history: Array<{ attempt: number; findings: Finding[] }> = [];
    let ladder: LadderEntry[] = [];
    let manifest: TaskManifest | undefined;
    let taskDir: string | undefined;
    const reasons: string[] = [];
    const maxAttempts = config.design.maxRepairAttempts + 1;
    let attempt = 0;
    let passed = false;
    let previousSpec: string | undefined;
    for (; attempt < maxAttempts && !passed; attempt++) {
      const base = `tasks/${taskId}/attempt-${attempt}`;
      const designCtx = { runId: store.runId, seed: config.seed, maxProposals: config.design.maxProposalsPerDataset, defects, attempt, log, llm, agentOptions: { ...agentOptions, taskId, dataset: ds.name }, signal: options.signal };
      try {
        const spec = await stage('design', scope, `${base}/design`, async () => {
          const designed = await designer.design(proposal, profile, designCtx);
          return hooks.transformTaskSpec(designed, { stage: 'design', ...scope });
        });
        // A repair that changes nothing would fail the same way again: stop early.
        if (previousSpec !== undefined && previousSpec === JSON.stringify(spec)) {
          attempt++;
          break;
        }
        previousSpec = JSON.stringify(spec);
        const specCheck = validateTaskSpec(spec);
        const specFindings: Finding[] = specCheck.valid ? [] : specCheck.errors.map((e) => ({ ruleId: 'core/spec-schema', severity: 'error' as const, phase: 'spec' as const, message: `TaskSpec ${e}` }));
        specFindings.push(...(await stage('verify', scope, `${base}/verify-spec`, () => runRules(host.rules(), { phase: 'spec', spec, profile }, spec.modality, config.verify, log))));
        for (const f of specFindings) await reportFinding(f, { stage: 'verify', ...scope });
        allFindings = specFindings;
        if (hasErrors(specFindings)) {
          defects = errorsOf(specFindings);
          history.push({ attempt, findings: defects });
          continue;
        }
        reached = max(reached, 'spec');
        const materialized = await stage('materialize', scope, `${base}/materialize`, async () => {
          const staging = await store.stagingDir(taskId);
          const result = await designer.materialize(spec, { rawDir: ds.dir, outDir: staging, log, llm, agentOptions: designCtx.agentOptions });
          const built = await buildTaskManifest(spec, profile, designer.id, staging, result, llm ? [config.llm.model ?? config.llm.backend] : [], options.version);
          await writeJsonAtomic(join(staging, 'task.json'), built);
          const dir = await store.commitDir(staging, taskId);
          return { taskDir: dir };
        });
        taskDir = materialized.taskDir;
        manifest = JSON.parse(await readFile(join(taskDir, 'task.json'), 'utf8')) as TaskManifest;
        reached = max(reached, 'package');
        const target = { phase: 'package' as const, taskDir, manifest };
        const pkgFindings = await stage('verify', scope, `${base}/verify-package`, () => runRules(host.rules(), target, manifest!.modality, config.verify, log));
        for (const f of pkgFindings) await reportFinding(f, { stage: 'verify', ...scope });
        allFindings = [...specFindings, ...pkgFindings];
        if (hasErrors(pkgFindings)) {
          defects = errorsOf(pkgFindings);
          history.push({ attempt, findings: defects });
          continue;
        }
        reached = max(reached, 'assertions');
        const reviewFindings = await stage('review', scope, `${base}/review`, () =>
          runReviewers(host.reviewers(), target, config.verify.reviewers, { log, llm, agentOptions: { ...agentOptions, taskId, dataset: ds.name } }));
        for (const f of reviewFindings) await reportFinding(f, { stage: 'review', ...scope });
        allFindings.push(...reviewFindings);
        if (hasErrors(reviewFindings)) {
          defects = errorsOf(reviewFindings);
          history.push({ attempt, findings: defects });
          continue;
        }
        reached = max(reached, 'review');
        if (config.execute.enabled) {
          if (!options.grader) throw new MleSmithError('INTERNAL', 'the execute stage needs a grader');
          const outcome = await stage('execute', scope, `${base}/execute`, async () => {
            const result = await executeLadder({ taskDir: taskDir!, manifest: manifest!, solvers: host.solvers(), executor: await getExecutor(), grader: options.grader!, config, runId: store.runId, log, signal: options.signal });
            manifest = { ...manifest!, difficulty: result.difficulty };
            await writeJsonAtomic(join(taskDir!, 'task.json'), manifest);
            return result;
          });
          manifest = { ...manifest, difficulty: outcome.difficulty };
          ladder = outcome.ladder;
          for (const f of outcome.findings) await reportFinding(f, { stage: 'execute', ...scope });
          allFindings.push(...outcome.findings);
          if (hasErrors(outcome.findings)) {
            defects = errorsOf(outcome.findings);
            history.push({ attempt, findings: defects });
            continue;
          }
        }
        reached = max(reached, 'execution');
        passed = true;
      } catch (err) {
        if (err instanceof LlmError && err.budgetExhausted) {
          reasons.push('budget');
          attempt++;
          break;
        }
        if (!(err instanceof DatasetError) && !(err instanceof LlmError)) throw err;
        reasons.push(errorMessage(err));
        allFindings.push({ ruleId: err instanceof DatasetError ? 'core/dataset' : 'core/llm', severity: 'error', phase: 'spec', message: errorMessage(err) });
        attempt++;
        break;
      }
    }
    const status = passed ? (attempt > 1 ? 'repaired' : 'accepted') : 'rejected';
    if (!passed && reasons.length === 0) reasons.push(...errorsOf(allFindings).map((f) => `${f.ruleId}: ${f.message}`));
    if (passed && status === 'repaired') {
      for (const h of history) reasons.push(...h.findings.map((f) => `repaired after attempt ${h.attempt + 1}: ${f.ruleId}: ${f.message}`));
    }
    const summary: TaskSummary = {
      taskId, dataset: ds.name, status, attempts: attempt, reasons, findings: allFindings, reached, ladder,
      title: manifest?.title ?? proposal.title, modality: proposal.modality, metric: manifest?.metric.name ?? proposal.metric.name,
      higherIsBetter: manifest?.metric.higherIsBetter, taskDir,
    };
    await stage('verdict', scope, `tasks/${taskId}/verdict`, async () => {
      if (taskDir) await writeJsonAtomic(join(taskDir, 'verification.json'), { taskId, status, attempts: attempt, reasons, findings: allFindings, ladder, history });
      return true;
    });
    if (passed && taskDir) {
      const published = store.publishedDir(taskId);
      await stage('publish', scope, `tasks/${taskId}/publish`, async () => {
        const staging = `${published}.staging-${process.pid}`;
        await copyDir(taskDir!, staging);
        await replaceDirAtomic(staging, published);
        return true;
      });
      summary.taskDir = published;
    }
    for (const r of reporters) await r.onTaskVerdict?.(summary);
    return summary;
  };

  const processDataset = async (ds: DatasetRef): Promise<void> => {
    const scope = { dataset: ds.name };
    let profile: DatasetProfile;
    try {
      profile = await stage('profile', scope, `datasets/${ds.name}/profile`, () => options.profiler.profile(ds.dir));
    } catch (err) {
      if (!(err instanceof MleSmithError) || err instanceof PluginHookError) throw err;
      datasetResults.push({ name: ds.name, proposals: 0, error: errorMessage(err) });
      log.warn(`${ds.name}: ${errorMessage(err)}`);
      return;
    }
    const designer = host.designers().find((d) => d.supports(profile));
    if (!designer) {
      datasetResults.push({ name: ds.name, proposals: 0, error: `no designer supports dataset ${ds.name} (${ds.dir})` });
      return;
    }
    let proposals: TaskProposal[];
    try {
      proposals = await stage('brainstorm', scope, `datasets/${ds.name}/brainstorm`, async () =>
        (await designer.brainstorm(profile, { runId: store.runId, seed: config.seed, maxProposals: config.design.maxProposalsPerDataset, defects: [], attempt: 0, log, llm, agentOptions: { ...agentOptions, dataset: ds.name }, signal: options.signal }))
          .slice(0, config.design.maxProposalsPerDataset));
    } catch (err) {
      if (!(err instanceof MleSmithError) || err instanceof PluginHookError) throw err;
      datasetResults.push({ name: ds.name, designer: designer.id, proposals: 0, error: errorMessage(err) });
      return;
    }
    datasetResults.push({ name: ds.name, designer: designer.id, proposals: proposals.length });
    for (const proposal of proposals) tasks.push(await processTask(ds, profile, designer, proposal));
  };

  let failure: unknown;
  try {
    await forEachLimited(datasets, config.concurrency, processDataset);
  } catch (err) {
    failure = err;
  } finally {
    await executor?.dispose();
  }
  const order = new Map(datasets.map((d, i) => [d.name, i]));
  datasetResults.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  tasks.sort((a, b) => order.get(a.dataset)! - order.get(b.dataset)! || (a.taskId < b.taskId ? -1 : 1));
  const funnel = Object.fromEntries(FUNNEL.map((step) => [step, tasks.filter((t) => FUNNEL.indexOf(t.reached) >= FUNNEL.indexOf(step)).length])) as RunSummary['funnel'];
  const summary: RunSummary = { runId: store.runId, runDir: store.dir, startedAt, finishedAt: new Date().toISOString(), datasets: datasetResults, funnel, tasks, ledger };
  await writeJsonAtomic(join(store.dir, 'summary.json'), summary);
  if (failure === undefined) for (const r of reporters) await r.onRunEnd?.(summary);
  const ok = failure === undefined && datasetResults.every((d) => !d.error) && tasks.some((t) => t.status !== 'rejected');
  await hooks.parallelIsolated('onRunEnd', { ...info, ok });
  if (failure !== undefined) throw failure;
  return { summary, ok };
}

export async function createChatModel(host: PluginHost, config: MleSmithConfig): Promise<unknown> {
  if (config.llm.backend === 'none') return undefined;
  await host.ensureContribution('llm', config.llm.backend);
  const backend = host.llmBackends().find((b) => b.id === config.llm.backend)!;
  return backend.chatModel({ ...config.llm.options, model: config.llm.model });
}

/** task.json for a package just written in `dir`: the spec, checksums of public/ and private/, provenance. */
export async function buildTaskManifest(
  spec: TaskSpec, profile: Pick<DatasetProfile, 'name' | 'files' | 'license'>, designerId: string, dir: string,
  result: Awaited<ReturnType<Designer['materialize']>>, models: string[] = [], version = '0.0.0',
): Promise<TaskManifest> {
  const files = (await checksumTree(dir)).filter((f) => f.path.startsWith('public/') || f.path.startsWith('private/'));
  const manifest: TaskManifest = {
    id: spec.id,
    title: spec.title,
    modality: spec.modality,
    objective: spec.objective,
    target: spec.target.name,
    metric: { name: spec.metric.name, higherIsBetter: spec.metric.higherIsBetter ?? true, params: spec.metric.params ?? {} },
    submission: { ...spec.submission, ...(result.classes ? { classes: result.classes } : {}) },
    split: spec.split,
    source: { dataset: profile.name, files: profile.files, ...(profile.license ? { license: profile.license } : {}) },
    spec,
    files,
    generator: {
      name: 'mle-smith', version, designer: designerId,
      agents: result.agents ?? { brainstormer: 'deterministic', designer: 'deterministic', refactor: 'deterministic' },
      models,
      promptHashes: result.promptHashes ?? {},
    },
    rows: result.rows,
  };
  const check = validateTaskManifest(manifest);
  if (!check.valid) throw new DatasetError(`task.json for ${spec.id} is invalid: ${check.errors[0]}`);
  return manifest;
}

function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
function errorsOf(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error');
}
function max(a: FunnelStep, b: FunnelStep): FunnelStep {
  return FUNNEL.indexOf(a) >= FUNNEL.indexOf(b) ? a : b;
}

export async function forEachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

