// Where a text or media task's examples are, for task_public.json: the task's one input column
// (the public view lists the input columns of test.csv), and for text whether its values are the
// documents themselves or paths of .txt files under public/.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskPublicView } from '@mle-smith/core';
import { readCsvColumns } from '@mle-smith/data';

/** Where the documents are: task_public.json's fields besides the common ones. */
export interface TextSpecFields extends Record<string, unknown> {
  /** The column of train.csv/test.csv holding the text (inline) or the text file's path (files). */
  textColumn: string;
  layout: 'inline' | 'files';
}

function notOneInput(view: TaskPublicView, what: string): string | undefined {
  const found = view.inputColumns.length;
  return found === 1 ? undefined : `expected one ${what} column in test.csv besides ${view.manifest.submission.idColumn}, found ${found}`;
}

/** A media task's file column (image or audio paths under public/): its one input column. */
export async function mediaSpecFields(view: TaskPublicView, kind: 'image' | 'audio'): Promise<{ mediaColumn: string } | string> {
  return notOneInput(view, kind) ?? { mediaColumn: view.inputColumns[0] };
}

/**
 * The text column is the task's one input column. A column whose values end in .txt and exist
 * under public/ is a file column. A string is the reason there is no such column.
 */
export async function textSpecFields(view: TaskPublicView): Promise<TextSpecFields | string> {
  const reason = notOneInput(view, 'text');
  if (reason) return reason;
  const [textColumn] = view.inputColumns;
  const test = await readCsvColumns(join(view.publicDir, 'test.csv'), { allVarchar: true });
  const first = (test.columns[textColumn]?.[0] as string | null | undefined) ?? undefined;
  const files = first !== undefined && /\.txt$/i.test(first) && (await stat(join(view.publicDir, first)).then((s) => s.isFile(), () => false));
  return { textColumn, layout: files ? 'files' : 'inline' };
}
