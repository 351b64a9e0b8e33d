// The time-series Designer: wires the three roles (deterministic; an LLM, when configured, changes
// nothing yet) through designer-kit's strategy driver, claims the datasets whose tables are
// indexed by time (@mle-smith/data's findTimeIndex, the rule designer-tabular declines by), and
// writes forecasting packages with materializeForecastSplit.
import { join } from 'node:path';
import { writeFileAtomic, type DatasetProfile, type Designer, type MaterializeContext, type MaterializeResult, type TaskProposal, type TaskSpec } from '@mle-smith/core';
import { findTimeIndex } from '@mle-smith/data';
import { createDeterministicRefactor, headLines, licenseOf, strategyDriver, type Strategies } from '@mle-smith/designer-kit';
import { renderDescription } from './description.js';
import { materializeForecastSplit } from './forecast-split.js';
import { resolveOptions, type ResolvedOptions, type TimeSeriesDesignerOptions } from './options.js';
import { timeseriesOf } from './series-sql.js';
import { createDeterministicBrainstormer } from './strategies/deterministic-brainstormer.js';
import { createDeterministicDesigner, layoutOf } from './strategies/deterministic-designer.js';

export const DESIGNER_ID = 'timeseries';

export interface TimeSeriesDesigner extends Designer {
  readonly options: ResolvedOptions;
}

export function createTimeSeriesDesigner(input: TimeSeriesDesignerOptions = {}): TimeSeriesDesigner {
  const options = resolveOptions(input);
  const offline: Strategies = {
    brainstormer: createDeterministicBrainstormer(options),
    designer: createDeterministicDesigner(options),
    refactor: createDeterministicRefactor(),
  };
  const roles = strategyDriver({ name: 'designer-timeseries', strategy: options.strategy, offline, llm: () => offline });

  return {
    id: DESIGNER_ID,
    modality: 'time-series',
    options,

    supports(profile: DatasetProfile): boolean {
      if (profile.media.length > 0) return false;
      return profile.tables.some((t) => findTimeIndex(t, { minSteps: options.minSeriesLength }) !== undefined);
    },

    brainstorm(profile, ctx): Promise<TaskProposal[]> {
      return roles.brainstorm(profile, ctx);
    },

    async design(proposal, profile, ctx): Promise<TaskSpec> {
      layoutOf(proposal, profile, options);
      return roles.design(proposal, profile, ctx);
    },

    async materialize(spec: TaskSpec, ctx: MaterializeContext): Promise<MaterializeResult> {
      const ts = timeseriesOf(spec);
      const split = await materializeForecastSplit(spec, { rawDir: ctx.rawDir, outDir: ctx.outDir });
      const text = await roles.describe({ spec, profile: ctx.profile, rows: split.rows }, ctx);
      const table = ctx.profile.tables.find((t) => t.name === spec.table);
      const markdown = renderDescription({
        spec, timeseries: ts, text, rows: split.rows, series: split.series,
        sampleLines: await headLines(join(ctx.outDir, 'public', 'sample_submission.csv')),
        source: `\`${table?.file ?? spec.table}\` of the ${spec.dataset} dataset`,
        license: licenseOf(ctx.profile),
      });
      await writeFileAtomic(join(ctx.outDir, 'description.md'), markdown);
      return { rows: split.rows, ...roles.provenance(spec.id) };
    },
  };
}
