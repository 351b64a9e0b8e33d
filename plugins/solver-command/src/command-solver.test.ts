// The solver-command acceptance suite under the local executor (namespaces when run as root).
import { LocalExecutor } from '@mle-smith/plugin-executor-local';
import { solverCommandSuite } from './__fixtures__/solver-suite.js';

solverCommandSuite('local', {
  executor: (workRoot) => new LocalExecutor({ workRoot }),
  homePaths: (executor) => (executor as LocalExecutor).sandbox().mode === 'namespaces',
});
