import { definePlugin, type Plugin } from '@mle-smith/core';
import { writeJsonReport } from './write-json-report.js';

export { writeJsonReport, toJsonReport, type JsonReportOptions } from './write-json-report.js';
export { validateReport, reportSchema, REPORT_SCHEMA_PATH, REPORT_SCHEMA_VERSION } from './schema.js';

export interface ReporterJsonOptions extends Record<string, unknown> {
  /** File name inside the run directory. Default report.json. */
  fileName?: string;
}

export const optionsSchema = {
  type: 'object',
  properties: { fileName: { type: 'string', pattern: '^[^/\\\\]+$', default: 'report.json' } },
  additionalProperties: false,
};

/** Writes report.json into the run directory when the run ends. */
const reporterJson = definePlugin<ReporterJsonOptions>(
  (options): Plugin => ({
    name: 'reporter-json',
    apiVersion: 1,
    setup(api) {
      api.addReporter({
        id: 'json',
        async onRunEnd(summary) {
          const path = await writeJsonReport(summary, summary.runDir, { fileName: options.fileName });
          api.log.info(`wrote ${path}`);
        },
      });
    },
  }),
  optionsSchema,
);

export default reporterJson;
