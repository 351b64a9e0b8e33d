// task.json for a package just written: the spec, checksums of public/ and private/, provenance.
import type { Designer } from '../contracts/extensions.js';
import type { DatasetProfile, TaskManifest, TaskSpec } from '../contracts/task.js';
import { checksumTree } from '../checksums.js';
import { DatasetError } from '../errors.js';
import { validateTaskManifest } from '../schemas.js';

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
    ...(spec.timeseries ? { timeseries: spec.timeseries } : {}),
    source: { dataset: profile.name, files: profile.files, ...(profile.license ? { license: profile.license } : {}) },
    spec,
    files,
    generator: {
      name: 'mle-smith', version, designer: designerId,
      agents: result.agents ?? { brainstormer: 'deterministic', designer: 'deterministic', refactor: 'deterministic' },
      models,
      promptHashes: result.promptHashes ?? {},
      ...(models.length ? { fallbacks: result.fallbacks ?? {} } : {}),
    },
    rows: result.rows,
  };
  const check = validateTaskManifest(manifest);
  if (!check.valid) throw new DatasetError(`task.json for ${spec.id} is invalid: ${check.errors[0]}`);
  return manifest;
}
