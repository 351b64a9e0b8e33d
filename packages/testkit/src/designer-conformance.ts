// The designer conformance suite (LangChain's standard-tests model): a designer plugin's test file
// calls it with its factory and two datasets, and gets the cases every Designer must pass —
// supports() on a matching and a non-matching dataset, brainstorm deterministic for a seed and
// within maxProposals, design returning a schema-valid spec, materialize writing public/ and
// private/ with the target only where it belongs, and no state kept between calls:
//   designerConformanceSuite('tabular', () => plugin({}), { dataset: IRIS, otherDataset: DIGITS });
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, validateTaskSpec, type DatasetProfile, type Designer, type Plugin } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { designContext, filesOf } from './designer-fixtures.js';
import { pluginContributions } from './plugin-contributions.js';

type Dir = string | (() => string | Promise<string>);

export interface DesignerConformanceOptions {
  /** A dataset folder the designer supports (kept small: it is materialized three times). */
  dataset: Dir;
  /** A dataset folder it does not support. */
  otherDataset: Dir;
  /** With a plugin registering several designers: which one. */
  designerId?: string;
  /** Seed of the design context. Default 42. */
  seed?: number;
  /** Per-case timeout in ms. Default 60000. */
  timeoutMs?: number;
}

/** The designer a factory gives: a Designer, or a plugin whose setup() registers it. */
async function designerOf(make: () => Designer | Plugin | Promise<Designer | Plugin>, id?: string): Promise<Designer> {
  const made = await make();
  if (!('setup' in made) && 'brainstorm' in made) return made;
  const designers = (await pluginContributions(made as Plugin)).designer;
  const designer = id ? designers.find((d) => d.id === id) : designers[0];
  if (!designer) throw new Error(`the plugin registers no designer${id ? ` "${id}"` : ''}`);
  return designer;
}

const dirOf = async (d: Dir): Promise<string> => (typeof d === 'string' ? d : d());
const headerOf = async (path: string): Promise<string[]> => (await readFile(path, 'utf8')).split('\n')[0]!.split(',').map((c) => c.replace(/^"|"$/g, ''));

export function designerConformanceSuite(
  name: string,
  make: () => Designer | Plugin | Promise<Designer | Plugin>,
  options: DesignerConformanceOptions,
): void {
  const seed = options.seed ?? 42;
  const timeout = options.timeoutMs ?? 60_000;
  describe(`designer conformance: ${name}`, () => {
    let rawDir: string;
    let profile: DatasetProfile;
    let other: DatasetProfile;
    let work: string;
    const fresh = () => designerOf(make, options.designerId);
    const ctx = (maxProposals = 3) => designContext({ seed, maxProposals });

    /** brainstorm → design → materialize with a designer of its own, into a new folder. */
    const build = async (designer: Designer) => {
      const [proposal] = await designer.brainstorm(profile, ctx());
      const spec = await designer.design(proposal!, profile, ctx());
      const outDir = await mkdtemp(join(work, 'task-'));
      const result = await designer.materialize(spec, { rawDir, outDir, profile, log: silentLogger });
      return { proposal: proposal!, spec, outDir, result };
    };

    beforeAll(async () => {
      rawDir = await dirOf(options.dataset);
      profile = await profileDataset(rawDir);
      other = await profileDataset(await dirOf(options.otherDataset));
      work = await mkdtemp(join(tmpdir(), 'mle-designer-conformance-'));
    }, timeout);

    afterAll(async () => {
      if (work) await rm(work, { recursive: true, force: true });
    });

    it('has an id and a modality, and supports() a matching dataset but not a non-matching one', async () => {
      const designer = await fresh();
      expect(designer.id).toMatch(/\S/);
      expect(['tabular', 'text', 'image', 'audio', 'time-series']).toContain(designer.modality);
      expect(designer.supports(profile)).toBe(true);
      expect(designer.supports(other)).toBe(false);
    });

    it('brainstorms the same proposals for the same seed, within maxProposals, with unique ids', async () => {
      const designer = await fresh();
      const a = await designer.brainstorm(profile, ctx());
      const b = await (await fresh()).brainstorm(profile, ctx());
      expect(b).toEqual(a);
      expect(a.length).toBeGreaterThanOrEqual(1);
      expect(a.length).toBeLessThanOrEqual(3);
      expect(new Set(a.map((p) => p.id)).size).toBe(a.length);
      for (const p of a) expect(p).toMatchObject({ dataset: profile.name, modality: designer.modality });
      const one = await (await fresh()).brainstorm(profile, ctx(1));
      expect(one).toHaveLength(1);
    }, timeout);

    it('designs a spec that validates against the TaskSpec schema, for the proposal it was given', async () => {
      const designer = await fresh();
      const [proposal] = await designer.brainstorm(profile, ctx());
      const spec = await designer.design(proposal!, profile, ctx());
      expect(validateTaskSpec(spec).errors).toEqual([]);
      expect(spec).toMatchObject({ dataset: profile.name, modality: designer.modality, objective: proposal!.objective });
    }, timeout);

    it('materializes public/ and private/: the target in train.csv and answers.csv only, never in test.csv', async () => {
      const { spec, outDir, result } = await build(await fresh());
      for (const f of ['public/train.csv', 'public/test.csv', 'public/sample_submission.csv', 'private/answers.csv', 'description.md']) {
        expect((await stat(join(outDir, f))).isFile(), f).toBe(true);
      }
      const id = spec.submission.idColumn;
      const test = await headerOf(join(outDir, 'public/test.csv'));
      expect(test).toContain(id);
      expect(test).not.toContain(spec.target.name);
      for (const c of spec.submission.predictionColumns) expect(test).not.toContain(c.name);
      expect(await headerOf(join(outDir, 'public/train.csv'))).toContain(spec.target.name);
      expect(await headerOf(join(outDir, 'private/answers.csv'))).toContain(id);
      const files = Object.keys(await filesOf(outDir, 'base64'));
      expect(files.filter((f) => !f.startsWith('public/') && !f.startsWith('private/') && f !== 'description.md')).toEqual([]);
      expect(result.rows.train).toBeGreaterThan(0);
      expect(result.rows.test).toBeGreaterThan(0);
    }, timeout);

    it('keeps no state between calls: a designer that brainstormed before, and a fresh one, build the same bytes', async () => {
      const used = await fresh();
      await used.brainstorm(profile, ctx(1));
      const first = await build(used);
      await used.brainstorm(profile, designContext({ seed: seed + 1 }));
      const again = await build(used);
      // A fresh designer designs and materializes a proposal it never brainstormed: what it needs comes through the contract.
      const cold = await fresh();
      const spec = await cold.design(first.proposal, profile, ctx());
      expect(spec).toEqual(first.spec);
      const outDir = await mkdtemp(join(work, 'task-'));
      const result = await cold.materialize(spec, { rawDir, outDir, profile, log: silentLogger });
      expect(again.spec).toEqual(first.spec);
      expect(again.result).toEqual(first.result);
      expect(result).toEqual(first.result);
      const bytes = await filesOf(first.outDir, 'base64');
      expect(await filesOf(again.outDir, 'base64')).toEqual(bytes);
      expect(await filesOf(outDir, 'base64')).toEqual(bytes);
    }, timeout * 2);
  });
}
