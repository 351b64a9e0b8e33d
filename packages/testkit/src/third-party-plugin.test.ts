// Acceptance: a third-party plugin loaded from a relative path registers a Designer and a
// Reporter and receives the hooks in the documented order.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPipeline } from './run-pipeline.js';

const examples = resolve(process.cwd(), '..', '..', 'examples');

describe('example third-party plugin (examples/plugins/mle-smith-plugin-quantiles)', () => {
  it('is loaded by relative path, designs a task, reports, and sees hooks in order', async () => {
    const hookLog = join(await mkdtemp(join(tmpdir(), 'mls-hooks-')), 'hooks.log');
    const { summary, ok, runDir, host } = await runPipeline({
      configDir: examples,
      config: {
        datasets: ['datasets/diabetes'],
        plugins: [['./plugins/mle-smith-plugin-quantiles', { column: 'bmi', hookLog }]],
        execute: { enabled: false },
        report: ['audit'],
      },
    });
    const plugin = host.plugins.find((p) => p.name === 'quantiles')!;
    expect(plugin.entry).toBe('./plugins/mle-smith-plugin-quantiles');
    expect(plugin.contributions).toEqual([{ kind: 'designer', id: 'quantiles' }, { kind: 'reporter', id: 'audit' }]);
    expect(ok).toBe(true);
    expect(summary.tasks).toHaveLength(1);
    expect(summary.tasks[0]).toMatchObject({ taskId: 'diabetes-bmi-tertile', status: 'accepted' });

    const train = await readFile(join(runDir, 'tasks', 'diabetes-bmi-tertile', 'public', 'train.csv'), 'utf8');
    const header = train.split('\n')[0]!.split(',');
    expect(header).toContain('bmi_level');
    expect(header).not.toContain('bmi'); // the derived target's source column is dropped

    const audit = JSON.parse(await readFile(join(runDir, 'audit.json'), 'utf8'));
    expect(audit).toEqual([{ task: 'diabetes-bmi-tertile', status: 'accepted', reasons: [] }]);

    const hooks = (await readFile(hookLog, 'utf8')).trim().split('\n');
    expect(hooks).toEqual([
      'onRunStart',
      'beforeStage profile', 'afterStage profile',
      'beforeStage brainstorm', 'afterStage brainstorm',
      'beforeStage design', 'transformTaskSpec', 'afterStage design',
      'beforeStage verify', 'afterStage verify',
      'beforeStage materialize', 'afterStage materialize',
      'beforeStage verify', 'afterStage verify',
      'beforeStage review', 'afterStage review',
      'beforeStage verdict', 'afterStage verdict',
      'beforeStage publish', 'afterStage publish',
      'onRunEnd',
    ]);
  });
});
