// The Python port of this grader (python/mle_smith_grade.py): exporters copy it verbatim into
// every exported competition, so a harness grades exactly as `mle-smith grade` does without
// depending on this tool. It implements every built-in metric; a metric a plugin registers has
// no Python implementation, so a task using it cannot be exported.
import { fileURLToPath } from 'node:url';
import { builtinMetrics } from './registry.js';

/** The module's path on disk (the package ships python/ next to dist/). */
export const PYTHON_GRADER_PATH = fileURLToPath(new URL('../python/mle_smith_grade.py', import.meta.url));

/** Its file name inside an exported competition, and the import name that goes with it. */
export const PYTHON_GRADER_FILE = 'mle_smith_grade.py';

/**
 * Why an exported grader cannot score `metricName`, or undefined when it can. The Python module
 * holds the built-in metrics (map@N / ndcg@N included); the parity test keeps the two lists equal.
 */
export function pythonGraderUnsupported(metricName: string): string | undefined {
  const base = /^(map|ndcg)@\d+$/.test(metricName) ? metricName.replace(/@\d+$/, '@k') : metricName;
  if (builtinMetrics().some((m) => m.name === base)) return undefined;
  return `metric "${metricName}" is not supported by exporters: exported graders implement only the built-in metrics (see docs/formats.md)`;
}
