// Starts a long container job and never returns: the test SIGKILLs this process to leave an
// orphaned container behind. argv: <runId> <publicDir> <outDir>
import { DockerExecutor } from '../../dist/index.js';

const [runId, publicDir, outputDir] = process.argv.slice(2);
const log = { info() {}, warn() {}, debug() {} };
await new DockerExecutor().run(
  {
    runId, jobId: 'orphan', command: ['python3', '-c', 'import time; time.sleep(600)'], publicDir, files: [],
    outputs: [], outputDir, network: false, limits: { timeSec: 600, memoryMb: 128, cpus: 1, pids: 16 },
  },
  { log },
);
