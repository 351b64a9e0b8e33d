// The text baseline ladder: one Solver per tier (text-trivial, text-simple, text-strong), each
// python/<tier>.py with python/text.py, run through the configured executor by
// @mle-smith/baseline-kit exactly as the tabular ladder is.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASELINE_TIERS, type BaselineTier, type Solver, type TaskPublicView } from '@mle-smith/core';
import { pythonBaselineLadder, pythonBaselineSolver, type PythonBaselineOptions } from '@mle-smith/baseline-kit';
import { readCsvColumns } from '@mle-smith/data';

/** The core's tier list (kept under its earlier name). */
export const TEXT_TIERS: readonly BaselineTier[] = BASELINE_TIERS;

/** Folder of the Python scripts; `../../python` from both src/baselines/*.ts and dist/baselines/*.js. */
export const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));

/** Where the documents are: task_public.json's fields besides the common ones. */
export interface TextSpecFields extends Record<string, unknown> {
  /** The column of train.csv/test.csv holding the text (inline) or the text file's path (files). */
  textColumn: string;
  layout: 'inline' | 'files';
}

/**
 * The text column is the task's one input column (the public view lists them). A column whose
 * values end in .txt and exist under public/ is a file column. A string is the reason there is
 * no such column.
 */
export async function textSpecFields(view: TaskPublicView): Promise<TextSpecFields | string> {
  const inputs = view.inputColumns;
  if (inputs.length !== 1) return `expected one text column in test.csv besides ${view.manifest.submission.idColumn}, found ${inputs.length}`;
  const [textColumn] = inputs;
  const test = await readCsvColumns(join(view.publicDir, 'test.csv'), { allVarchar: true });
  const first = (test.columns[textColumn]?.[0] as string | null | undefined) ?? undefined;
  const files = first !== undefined && /\.txt$/i.test(first) && (await stat(join(view.publicDir, first)).then((s) => s.isFile(), () => false));
  return { textColumn, layout: files ? 'files' : 'inline' };
}

function textBaseline(tier: BaselineTier): Omit<PythonBaselineOptions, 'tier'> {
  return {
    id: `text-${tier}`, modalities: ['text'],
    script: `${PYTHON_DIR}${tier}.py`,
    extraFiles: [`${PYTHON_DIR}text.py`],
    extraSpec: (task) => textSpecFields(task),
  };
}

export function textBaselineSolver(tier: BaselineTier): Solver {
  return pythonBaselineSolver({ ...textBaseline(tier), tier });
}

export function textBaselineSolvers(): Solver[] {
  return pythonBaselineLadder(textBaseline);
}
