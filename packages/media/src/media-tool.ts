// The media designers' own agent tool, beside the dataset tools (overview, column_profile,
// sample_rows, sql, list_files): what the files of our kind are — how many per folder, and what
// their headers say (image size and format; audio duration, sample rate, channels) over an evenly
// spread sample, summarised per property.
import { join } from 'node:path';
import { mediaKindOfName, type DatasetProfile } from '@mle-smith/core';
import type { AgentTool } from '@mle-smith/designer-kit';
import type { MediaConfig } from './config.js';

/** Files whose headers are read per call: enough for a summary, cheap on a large dataset. */
export const MEDIA_TOOL_SAMPLE = 40;

type Summary = { min: number; median: number; max: number } | { values: Record<string, number> };

function summarise(values: Array<string | number>): Summary {
  if (values.every((v) => typeof v === 'number')) {
    const sorted = [...(values as number[])].sort((a, b) => a - b);
    return { min: sorted[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1] };
  }
  const counts: Record<string, number> = {};
  for (const v of values) counts[String(v)] = (counts[String(v)] ?? 0) + 1;
  return { values: counts };
}

/** The `media_files` report for one dataset. */
export async function mediaFilesReport(profile: DatasetProfile, config: MediaConfig): Promise<Record<string, unknown>> {
  const files = profile.files.filter((f) => mediaKindOfName(f.path.split('/').pop()!) === config.kind);
  const folders: Record<string, number> = {};
  for (const f of files) {
    const folder = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '.';
    folders[folder] = (folders[folder] ?? 0) + 1;
  }
  const step = Math.max(1, files.length / MEDIA_TOOL_SAMPLE);
  const sample = Array.from({ length: Math.min(files.length, MEDIA_TOOL_SAMPLE) }, (_, i) => files[Math.floor(i * step)]);
  const headers: Array<Record<string, string | number>> = [];
  const unreadable: string[] = [];
  for (const f of sample) {
    try {
      headers.push({ path: f.path, bytes: f.bytes, ...(await config.inspect(join(profile.dir, f.path), f.path)) });
    } catch (err) {
      unreadable.push(`${f.path}: ${(err as Error).message}`);
    }
  }
  const keys = [...new Set(headers.flatMap((h) => Object.keys(h)))].filter((k) => k !== 'path');
  const properties = Object.fromEntries(keys.map((k) => [k, summarise(headers.map((h) => h[k]).filter((v) => v !== undefined))]));
  return {
    kind: config.kind, files: files.length, folders, sampled: sample.length, properties,
    examples: headers.slice(0, 5), ...(unreadable.length ? { unreadable } : {}),
  };
}

export function mediaFilesTool(profile: DatasetProfile, config: MediaConfig): AgentTool {
  const what = config.kind === 'image' ? 'format, width and height' : 'duration, sample rate, channels and encoding';
  return {
    name: 'media_files',
    description: `The dataset's ${config.kind} files: count per folder, and the ${what} read from the headers of up to ${MEDIA_TOOL_SAMPLE} files spread over the dataset (min/median/max per property).`,
    parameters: { type: 'object', properties: {}, additionalProperties: false },
    run: async () => mediaFilesReport(profile, config),
  };
}
