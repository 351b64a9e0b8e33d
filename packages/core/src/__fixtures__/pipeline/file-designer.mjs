// A small designer used by the pipeline tests: it writes a package with plain fs calls, logs
// each call to $CALLS_LOG, and sleeps in materialize when $SLOW_TASK names the task.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const log = (line) => process.env.CALLS_LOG && appendFileSync(process.env.CALLS_LOG, line + '\n');

export default (options) => ({
  name: 'file-designer',
  apiVersion: 1,
  setup(api) {
    api.addDesigner({
      id: 'file-designer',
      modality: 'tabular',
      supports: () => true,
      async brainstorm(profile) {
        log(`brainstorm ${profile.name}`);
        return [1, 2, 3].slice(0, options.tasks ?? 2).map((n) => ({
          id: `${profile.name}-task-${n}`, dataset: profile.name, table: 'table', title: `Task ${n}`, modality: 'tabular', objective: 'binary',
          target: { name: 'y', expression: 'y', sourceColumns: ['y'] }, metric: { name: 'accuracy' }, split: { strategy: 'random', testFraction: 0.5, seed: 1 },
          dropColumns: [], justification: 'test',
        }));
      },
      async design(p, _profile, ctx) {
        log(`design ${p.id} attempt ${ctx.attempt}`);
        return {
          specVersion: 1, id: p.id, title: p.title, dataset: p.dataset, table: p.table, modality: p.modality, objective: p.objective, target: p.target,
          rowKey: [], features: ['x'], derivedFeatures: [], dropColumns: [], metric: { name: 'accuracy', higherIsBetter: true }, split: p.split,
          submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'string' }] }, description: { overview: 'A test task.' },
        };
      },
      async materialize(spec, ctx) {
        log(`materialize ${spec.id} start`);
        if (process.env.SLOW_TASK === spec.id) await new Promise((r) => setTimeout(r, 60_000));
        mkdirSync(join(ctx.outDir, 'public'), { recursive: true });
        mkdirSync(join(ctx.outDir, 'private'), { recursive: true });
        writeFileSync(join(ctx.outDir, 'public', 'train.csv'), 'id,x,y\n1,1,0\n2,2,1\n');
        writeFileSync(join(ctx.outDir, 'public', 'test.csv'), 'id,x\n3,3\n4,4\n');
        writeFileSync(join(ctx.outDir, 'public', 'sample_submission.csv'), 'id,y\n3,0\n4,0\n');
        writeFileSync(join(ctx.outDir, 'private', 'answers.csv'), 'id,y\n3,0\n4,1\n');
        writeFileSync(join(ctx.outDir, 'description.md'), `# ${spec.title}\n`);
        log(`materialize ${spec.id} done`);
        return { rows: { train: 2, test: 2 }, classes: ['0', '1'] };
      },
    });
  },
});
