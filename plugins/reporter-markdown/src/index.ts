import { join } from 'node:path';
import { definePlugin, writeFileAtomic, type Plugin, type RunSummary } from '@mle-smith/core';
import { renderMarkdownReport } from './render-markdown.js';

export { renderMarkdownReport } from './render-markdown.js';

export interface MarkdownReportOptions {
  /** Default report.md. */
  fileName?: string;
}

/** Renders the summary and writes it atomically to `dir/fileName`; returns the path. */
export async function writeMarkdownReport(summary: RunSummary, dir: string, options: MarkdownReportOptions = {}): Promise<string> {
  const path = join(dir, options.fileName ?? 'report.md');
  await writeFileAtomic(path, renderMarkdownReport(summary));
  return path;
}

export interface ReporterMarkdownOptions extends Record<string, unknown> {
  fileName?: string;
}

export const optionsSchema = {
  type: 'object',
  properties: { fileName: { type: 'string', pattern: '^[^/\\\\]+$', default: 'report.md' } },
  additionalProperties: false,
};

/** Writes report.md into the run directory when the run ends. */
const reporterMarkdown = definePlugin<ReporterMarkdownOptions>(
  (options): Plugin => ({
    name: 'reporter-markdown',
    apiVersion: 1,
    setup(api) {
      api.addReporter({
        id: 'markdown',
        async onRunEnd(summary) {
          const path = await writeMarkdownReport(summary, summary.runDir, { fileName: options.fileName });
          api.log.info(`wrote ${path}`);
        },
      });
    },
  }),
  optionsSchema,
);

export default reporterMarkdown;
