// The solver-command acceptance suite under the docker executor (runner image, NetworkMode none).
import { DockerExecutor } from '@mle-smith/plugin-executor-docker';
import { solverCommandSuite } from './__fixtures__/solver-suite.js';

solverCommandSuite('docker', {
  executor: (workRoot) => new DockerExecutor({ workRoot }),
  homePaths: () => true,
});
