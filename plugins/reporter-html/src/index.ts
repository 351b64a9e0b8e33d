import { join } from 'node:path';
import { definePlugin, writeFileAtomic, type Plugin, type RunSummary } from '@mle-smith/core';
import { renderHtmlReport } from './render-html.js';

export { renderHtmlReport, escapeHtml } from './render-html.js';
export { buildCharts, type Chart } from './chart-specs.js';
export { vegaAssets, type VegaAsset } from './vega-assets.js';

export interface HtmlReportOptions {
  /** Default report.html. */
  fileName?: string;
}

/** Renders the summary and writes it atomically to `dir/fileName`; returns the path. */
export async function writeHtmlReport(summary: RunSummary, dir: string, options: HtmlReportOptions = {}): Promise<string> {
  const path = join(dir, options.fileName ?? 'report.html');
  await writeFileAtomic(path, renderHtmlReport(summary));
  return path;
}

export interface ReporterHtmlOptions extends Record<string, unknown> {
  fileName?: string;
}

export const optionsSchema = {
  type: 'object',
  properties: { fileName: { type: 'string', pattern: '^[^/\\\\]+$', default: 'report.html' } },
  additionalProperties: false,
};

/** Writes a self-contained report.html (vega-lite charts, no network needed) into the run directory. */
const reporterHtml = definePlugin<ReporterHtmlOptions>(
  (options): Plugin => ({
    name: 'reporter-html',
    apiVersion: 1,
    setup(api) {
      api.addReporter({
        id: 'html',
        async onRunEnd(summary) {
          const path = await writeHtmlReport(summary, summary.runDir, { fileName: options.fileName });
          api.log.info(`wrote ${path}`);
        },
      });
    },
  }),
  optionsSchema,
);

export default reporterHtml;
