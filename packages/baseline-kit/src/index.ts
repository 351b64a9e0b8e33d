// @mle-smith/baseline-kit: what every Python baseline ladder shares — the job that runs a tier
// script through the executor, its result as a SolverRun, task_public.json, and the Python
// module (python/mle_smith_baseline.py) the tier scripts import.
export {
  pythonBaselineSolver, pythonBaselineLadder, outcome, EXIT_INVALID_SUBMISSION, SOLUTION_FILE, SUBMISSION_FILE, TASK_PUBLIC_FILE,
  type PythonBaselineOptions,
} from './python-solver.js';
export { BASELINE_MODULE_FILE, BASELINE_MODULE_PATH, MODALITY_MODULE_PATHS, readSource, type PythonModality } from './python-files.js';
export { mediaSpecFields, textSpecFields, type TextSpecFields } from './input-columns.js';
export { SUPPORTED_OBJECTIVES, taskPublicSpec, type TaskPublicSpec } from './task-public.js';
