// A dataset's own stages: profile, then (with the designer that supports the dataset) brainstorm.
// The in-process run and a queue worker's job both run the line through here.
import type { Designer, RunSummary } from '../contracts/extensions.js';
import type { DatasetProfile, TaskProposal } from '../contracts/task.js';
import type { DatasetProfiler } from '../services.js';
import { DatasetError, DesignerDeclinedError, DiskError, InterruptedError, LlmError, MleSmithError, PluginHookError, errorMessage } from '../errors.js';
import type { DatasetRef } from './datasets.js';
import type { RunContext } from './run-context.js';
import { rawInputs } from './stage-inputs.js';

type DatasetResult = RunSummary['datasets'][number];

export interface DatasetLine {
  profile: DatasetProfile;
  designer: Designer;
  proposals: TaskProposal[];
}

/** A dataset's own stages: profile, pick the designer, brainstorm. A bad dataset yields its error, not a throw. */
export async function runDatasetLine(run: RunContext, ds: DatasetRef, profiler: DatasetProfiler): Promise<{ result: DatasetResult; line?: DatasetLine }> {
  const scope = { dataset: ds.name };
  const failed = (err: unknown, designer?: string): { result: DatasetResult } => {
    // A signal or a full disk stops the whole run, not this dataset.
    if (!(err instanceof MleSmithError) || err instanceof PluginHookError || err instanceof InterruptedError || err instanceof DiskError) throw err;
    // With an LLM configured, a failed call the designer did not fall back from fails the run.
    if (run.agent && err instanceof LlmError && !err.budgetExhausted) throw err;
    return { result: { name: ds.name, ...(designer ? { designer } : {}), proposals: 0, error: errorMessage(err) } };
  };
  let profile: DatasetProfile;
  try {
    const raw = await rawInputs(ds.dir);
    profile = await run.stage('profile', scope, `datasets/${ds.name}/profile`, () => profiler.profile(ds.dir, { signal: run.signal }), { inputs: raw });
  } catch (err) {
    const out = failed(err);
    run.log.warn(`${ds.name}: ${errorMessage(err)}`);
    return out;
  }
  const declined: string[] = [];
  const reasons: string[] = [];
  let unclaimed = false;
  for (;;) {
    const selection = { declined: [...declined], ...(unclaimed ? { unclaimed } : {}) };
    const designer = run.host.designers().find((d) => !declined.includes(d.id) && d.supports(profile, selection));
    // A dataset nobody claims (a time-indexed panel too short to forecast) is offered once more as unclaimed.
    if (!designer && declined.length === 0 && !unclaimed) {
      unclaimed = true;
      continue;
    }
    if (!designer) break;
    try {
      // A fallback designer's proposals are stored under its own name, so a resumed run knows whose they are.
      const proposals = await brainstorm(run, ds, profile, designer, declined.length === 0 ? 'brainstorm' : `brainstorm-${designer.id}`);
      return { result: { name: ds.name, designer: designer.id, proposals: proposals.length }, line: { profile, designer, proposals } };
    } catch (err) {
      if (!(err instanceof DesignerDeclinedError)) return failed(err, designer.id);
      declined.push(designer.id);
      reasons.push(`${designer.id}: ${errorMessage(err)}`);
      run.log.info(`${ds.name}: ${designer.id} declined the dataset (${errorMessage(err)})`);
    }
  }
  if (declined.length === 0) return { result: { name: ds.name, proposals: 0, error: `no designer supports dataset ${ds.name} (${ds.dir})` } };
  // Every designer that supported the dataset found nothing of its kind in it.
  return failed(new DatasetError(reasons.join('; ')), declined[declined.length - 1]);
}

function brainstorm(run: RunContext, ds: DatasetRef, profile: DatasetProfile, designer: Designer, stage: string): Promise<TaskProposal[]> {
  return run.stage('brainstorm', { dataset: ds.name }, `datasets/${ds.name}/${stage}`, async () => {
    const { config } = run;
    const ctx = { runId: run.store.runId, seed: config.seed, maxProposals: config.design.maxProposalsPerDataset, defects: [], history: [], attempt: 0, log: run.log, agent: run.agentFor({ dataset: ds.name }), signal: run.signal };
    return (await designer.brainstorm(profile, ctx)).slice(0, config.design.maxProposalsPerDataset);
  });
}
