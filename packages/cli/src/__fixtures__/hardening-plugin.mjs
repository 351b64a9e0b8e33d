// For the hardening tests. Two solvers that run on the host (no executor): "sample" submits the
// sample submission, "overflow" the same ids with 1e200 predictions (finite, but their squared
// error is not). An exporter "copy" that copies the package into --out.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const solver = (id, value) => ({
  id,
  async solve(task, ctx) {
    const lines = (await readFile(join(task.publicDir, 'sample_submission.csv'), 'utf8')).trim().split('\n');
    const out = value === undefined ? lines : [lines[0], ...lines.slice(1).map((l) => `${l.split(',')[0]},${value}`)];
    await mkdir(ctx.workDir, { recursive: true });
    const submissionPath = join(ctx.workDir, 'submission.csv');
    await writeFile(submissionPath, out.join('\n') + '\n');
    return { solver: id, status: 'ok', submissionPath, code: [] };
  },
});

export default () => ({
  name: 'hardening-fixtures',
  apiVersion: 1,
  setup(api) {
    api.addSolver(solver('sample'));
    api.addSolver(solver('overflow', '1e200'));
    api.addExporter({ format: 'copy', export: (pkg, out) => cp(pkg, out, { recursive: true }) });
  },
});
