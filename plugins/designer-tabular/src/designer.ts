// The tabular Designer: wires the three roles (Brainstormer, Designer, Refactor) to the
// Designer contract, choosing the LLM strategies when an LLM is configured.
import { resolve, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import {
  validateTaskSpec, writeFileAtomic,
  type DatasetProfile, type Designer, type DesignContext, type Finding, type MaterializeContext, type MaterializeResult,
  type TaskProposal, type TaskSpec,
} from '@mle-smith/core';
import { materializeSplit, profileDataset, runReadOnlySql } from '@mle-smith/data';
import { findTable } from './columns.js';
import { sqlDataAccess, type DataAccess } from './data-access.js';
import { licenseOf, renderDescription } from './description.js';
import { createLlmBrainstormer, createLlmDesigner, createLlmRefactor } from './llm/strategies.js';
import { resolveOptions, type ResolvedOptions, type TabularDesignerOptions } from './options.js';
import { createDeterministicBrainstormer, scanCandidates } from './strategies/deterministic-brainstormer.js';
import { createDeterministicDesigner, requireTable } from './strategies/deterministic-designer.js';
import { createDeterministicRefactor } from './strategies/deterministic-refactor.js';
import type { Brainstormer, Refactor, SpecDesigner } from '@mle-smith/designer-kit';

export const DESIGNER_ID = 'tabular';

export interface Strategies {
  brainstormer: Brainstormer;
  designer: SpecDesigner;
  refactor: Refactor;
}

export interface CreateTabularDesignerOptions extends TabularDesignerOptions {
  /** Replaces the raw-data look-ups (quantiles, class lists); tests use it with hand-made profiles. */
  data?: DataAccess;
  /** Replaces the LLM strategies (used when `ctx.llm` is set). */
  llmStrategies?: Partial<Strategies>;
}

export interface TabularDesigner extends Designer {
  readonly options: ResolvedOptions;
}

/** How many lines of sample_submission.csv the description shows (header included). */
const SAMPLE_LINES = 4;

async function headLines(path: string, n: number): Promise<string[]> {
  // sample_submission.csv is small and written by @mle-smith/data; only its first lines are shown.
  const text = await readFile(path, 'utf8');
  return text.split('\n').filter((l) => l !== '').slice(0, n);
}

export function createTabularDesigner(input: CreateTabularDesignerOptions = {}): TabularDesigner {
  const { data: dataOverride, llmStrategies, ...rest } = input;
  const options = resolveOptions(rest);
  const data = dataOverride ?? sqlDataAccess(runReadOnlySql);
  const offline: Strategies = {
    brainstormer: createDeterministicBrainstormer(options, data),
    designer: createDeterministicDesigner(options, data),
    refactor: createDeterministicRefactor(),
  };
  const useLlm = (llm: unknown): boolean => llm !== undefined && llm !== null && options.strategy === 'auto';
  const llm = (log: DesignContext['log']): Strategies => ({
    brainstormer: llmStrategies?.brainstormer ?? createLlmBrainstormer(options, offline.brainstormer),
    designer: llmStrategies?.designer ?? createLlmDesigner(options, offline.designer),
    refactor: llmStrategies?.refactor ?? createLlmRefactor(options, offline.refactor, log),
  });

  const profiles = new Map<string, DatasetProfile>();
  /** Defects of earlier attempts, per run and proposal: a repair never undoes an earlier one. */
  const defectsSeen = new Map<string, { attempt: number; defects: Finding[] }>();
  /** Which strategy produced what, per spec id, reported by materialize(). */
  const provenance = new Map<string, { agents: Record<string, string>; promptHashes: Record<string, string> }>();

  const remember = (profile: DatasetProfile): void => {
    profiles.set(resolve(profile.dir), profile);
  };
  const record = (key: string, role: string, agent: string, hashes?: Record<string, string>): void => {
    const p = provenance.get(key) ?? { agents: {}, promptHashes: {} };
    p.agents[role] = agent;
    Object.assign(p.promptHashes, hashes ?? {});
    provenance.set(key, p);
  };

  return {
    id: DESIGNER_ID,
    modality: 'tabular',
    options,

    supports(profile: DatasetProfile): boolean {
      // Media datasets go to the media designers; free-text-only tables to the text designer.
      if (profile.media.length > 0) return false;
      return scanCandidates(profile, options).usable.length > 0;
    },

    async brainstorm(profile: DatasetProfile, ctx: DesignContext): Promise<TaskProposal[]> {
      remember(profile);
      const strategy = useLlm(ctx.llm) ? llm(ctx.log).brainstormer : offline.brainstormer;
      const run = await strategy.brainstorm(profile, ctx);
      for (const p of run.value) record(`${profile.name}\u0000${p.id}`, 'brainstormer', run.agent, run.promptHashes);
      return run.value;
    },

    async design(proposal: TaskProposal, profile: DatasetProfile, ctx: DesignContext): Promise<TaskSpec> {
      remember(profile);
      requireTable(profile, proposal.table);
      const key = `${ctx.runId}\u0000${profile.name}\u0000${proposal.id}`;
      // A later attempt adds to the earlier defects; the same or an earlier attempt number means
      // the sequence restarted (a resumed run), so only its own defects count.
      const seen = defectsSeen.get(key);
      const earlier = seen && ctx.attempt > seen.attempt ? seen.defects : [];
      const defects = [...earlier, ...ctx.defects.filter((f) => f.severity === 'error')];
      defectsSeen.set(key, { attempt: ctx.attempt, defects });
      const strategy = useLlm(ctx.llm) ? llm(ctx.log).designer : offline.designer;
      const run = await strategy.design(proposal, profile, defects, ctx);
      const check = validateTaskSpec(run.value);
      if (!check.valid) throw new Error(`designer-tabular produced an invalid TaskSpec for ${proposal.id}: ${check.errors.join('; ')}`);
      const from = provenance.get(`${profile.name}\u0000${proposal.id}`);
      if (from) for (const [role, agent] of Object.entries(from.agents)) record(run.value.id, role, agent, from.promptHashes);
      record(run.value.id, 'designer', run.agent, run.promptHashes);
      return run.value;
    },

    async materialize(spec: TaskSpec, ctx: MaterializeContext): Promise<MaterializeResult> {
      const split = await materializeSplit(spec, { rawDir: ctx.rawDir, outDir: ctx.outDir });
      let profile = profiles.get(resolve(ctx.rawDir));
      if (!profile || !findTable(profile, spec.table)) {
        profile = await profileDataset(ctx.rawDir);
        remember(profile);
      }
      const table = requireTable(profile, spec.table);
      const refactor = useLlm(ctx.llm) ? llm(ctx.log).refactor : offline.refactor;
      const text = await refactor.describe({ spec, profile, rows: split.rows, classes: split.classes }, ctx.llm, ctx);
      const sampleLines = await headLines(join(ctx.outDir, 'public', 'sample_submission.csv'), SAMPLE_LINES);
      const markdown = renderDescription({ spec, table, text: text.value, rows: split.rows, classes: split.classes, sampleLines, license: licenseOf(profile) });
      await writeFileAtomic(join(ctx.outDir, 'description.md'), markdown);

      record(spec.id, 'refactor', text.agent, text.promptHashes);
      const p = provenance.get(spec.id)!;
      const agents = { brainstormer: 'deterministic', designer: 'deterministic', ...p.agents };
      const result: MaterializeResult = { rows: split.rows, agents };
      if (split.classes) result.classes = split.classes;
      if (Object.keys(p.promptHashes).length) result.promptHashes = Object.fromEntries(Object.entries(p.promptHashes).sort(([a], [b]) => (a < b ? -1 : 1)));
      return result;
    },
  };
}
