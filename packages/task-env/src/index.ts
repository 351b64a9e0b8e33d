// @mle-smith/task-env: task packages as an interactive environment for agents (docs/task-env.md).
export {
  TaskEnvironment, NotFoundError, SOLUTION_FILE, SUBMISSION_FILE,
  type TaskEnvOptions, type TaskSummary, type TaskInfo, type ExecuteObservation, type ValidateObservation, type SubmitObservation, type LadderReference,
} from './environment.js';
export { serveTaskEnv, MAX_BODY_BYTES, type TaskEnvServer } from './server.js';
export { TaskEnvClient, TaskEnvSession, TaskEnvError } from './client.js';
export { Trajectory, type TrajectoryStep } from './trajectory.js';
