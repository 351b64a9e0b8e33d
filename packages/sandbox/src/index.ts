export { spawnProcess, killProcessGroup, processAlive, type SpawnOptions, type SpawnResult } from './spawn.js';
export { TailBuffer } from './tail-buffer.js';
export {
  assertPublicPath, insideWorkspace, copyPublicDir, writeSolutionFiles, collectOutputs, MAX_FILES_PER_OUTPUT_DIR, createJobDir, removeStaleJobDirs, type CopyOwner,
} from './workspace.js';
export { checkJob, jobRuntimeEnv, parseUser, withRefusedOutputs, DEFAULT_WORKSPACE_PATH } from './job.js';
