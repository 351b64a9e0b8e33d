// The small text files of an MLE-bench competition: config.yaml, checksums.yaml, leaderboard.csv
// and splits/all.txt. YAML scalars are written as JSON strings (valid YAML double-quoted scalars),
// so titles with colons or quotes need no escaping rules of their own.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskManifest } from '@mle-smith/core';

const q = (s: string) => JSON.stringify(s);

export function configYaml(manifest: TaskManifest): string {
  const id = manifest.id;
  return [
    `id: ${q(id)}`,
    `name: ${q(manifest.title)}`,
    'competition_type: simple',
    'awards_medals: false',
    'prizes: null',
    `description: ${q(`mlebench/competitions/${id}/description.md`)}`,
    '',
    'dataset:',
    `  answers: ${q(`${id}/prepared/private/test.csv`)}`,
    `  sample_submission: ${q(`${id}/prepared/public/sample_submission.csv`)}`,
    '',
    'grader:',
    `  name: ${q(manifest.metric.name)}`,
    `  grade_fn: ${q(`mlebench.competitions.${id}.grade:grade`)}`,
    '',
    `preparer: ${q(`mlebench.competitions.${id}.prepare:prepare`)}`,
    '',
  ].join('\n');
}

type Tree = { [name: string]: string | Tree };

/** md5 of every file under `dir`, nested by folder, names sorted. */
export async function md5Tree(dir: string): Promise<Tree> {
  const out: Tree = {};
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    out[e.name] = e.isDirectory() ? await md5Tree(p) : createHash('md5').update(await readFile(p)).digest('hex');
  }
  return out;
}

function yamlTree(tree: Tree, indent: string): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${indent}${q(k)}: ${v}`] : [`${indent}${q(k)}:`, ...yamlTree(v, indent + '  ')]));
}

export function checksumsYaml(publicTree: Tree, privateTree: Tree): string {
  return [...yamlTree({ private: privateTree, public: publicTree }, '')].join('\n').replace(/^"(private|public)":/gm, '$1:') + '\n';
}

export interface LeaderboardEntry {
  team: string;
  score: number;
}

/** Synthetic: the entries are our own reference submissions, not people (docs/formats.md#mle-bench). */
export function leaderboardCsv(entries: LeaderboardEntry[], higherIsBetter: boolean): string {
  const sorted = [...entries].sort((a, b) => (higherIsBetter ? b.score - a.score : a.score - b.score) || (a.team < b.team ? -1 : 1));
  const rows = sorted.map((e, i) => `${e.score},${i + 1},"${e.team.replaceAll('"', '""')}",2000-01-01 00:00:00`);
  return ['score,teamId,teamName,submissionDate', ...rows].join('\n') + '\n';
}

/** splits/all.txt with `id` added: every exported id, sorted, one per line. */
export function withId(allTxt: string, id: string): string {
  const ids = new Set(allTxt.split('\n').filter((l) => l !== ''));
  ids.add(id);
  return [...ids].sort().join('\n') + '\n';
}
