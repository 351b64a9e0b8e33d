// The mle-smith command line. Every error becomes one line on stderr and an exit code:
// 0 success, 1 the run failed or a submission/dataset was invalid, 2 usage or config error.
import { Command, CommanderError, Option } from 'commander';
import { MleSmithError, createConsoleLogger, diskError, errorMessage } from '@mle-smith/core';
import { initCommand } from './commands/init.js';
import { runCommand } from './commands/run.js';
import { pluginsCommand } from './commands/plugins.js';
import { validateConfigCommand } from './commands/validate-config.js';
import { gradeCommand } from './commands/grade.js';
import { prepareCommand } from './commands/prepare.js';
import { verifyCommand } from './commands/verify.js';
import { reportCommand } from './commands/report.js';
import { evalCommand } from './commands/eval.js';
import { compareCommand } from './commands/compare.js';
import { envServeCommand } from './commands/env-serve.js';
import { exportCommand } from './commands/export.js';
import { importCommand } from './commands/import.js';
import { gcCommand } from './commands/gc.js';
import { workerCommand } from './commands/worker.js';
import { statusCommand } from './commands/status.js';
import { VERSION } from './version.js';

export interface CliIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export interface CommandContext extends CliIo {
  verbose: boolean;
  configPath?: string;
  log: ReturnType<typeof createConsoleLogger>;
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  const json = argv.includes('--json');
  const program = new Command('mle-smith')
    .description('Turn raw datasets into verified, competition-style MLE tasks, and measure solvers on them.')
    .version(VERSION)
    .option('-c, --config <file>', 'config file (default: search upward for mle-smith.config.json)')
    .option('-v, --verbose', 'debug logging and stack traces')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run mle-smith --help for usage)');
  let exitCode = 0;
  const context = (): CommandContext => ({ ...io, verbose, configPath: program.opts().config as string | undefined, log: createConsoleLogger({ verbose }) });
  const action = (fn: (ctx: CommandContext, ...args: never[]) => Promise<number>) =>
    async (...args: unknown[]): Promise<void> => {
      exitCode = await fn(context(), ...(args as never[]));
    };

  program.command('init').description('write a starter mle-smith.config.json in the current folder')
    .option('--force', 'overwrite an existing config').action(action(initCommand));
  program.command('run').description('generate, verify and publish tasks from dataset folders')
    .argument('[datasets...]', 'dataset folders (override "datasets" in the config)')
    .option('--out <dir>', 'run directory').option('--llm <backend>', 'LLM backend id, or none')
    .option('--executor <backend>', 'executor backend id (local, docker)')
    .addOption(new Option('--concurrency <n>', 'datasets processed at once').argParser((v) => Number.parseInt(v, 10)))
    .option('--no-execute', 'skip the execute stage').option('--json', 'print the run summary as JSON on stdout')
    .option('--force', 'write into an existing --out that is not a run directory')
    .option('--queue <url>', 'run the stages as jobs on this queue (redis://host:port), taken by mle-smith worker processes')
    .option('--detach', 'with --queue: add the run\'s jobs and return at once')
    .action(action(runCommand));
  program.command('worker').description('take jobs of queued runs and evaluations from a queue and run them')
    .requiredOption('--queue <url>', 'the queue (redis://host:port)')
    .addOption(new Option('--concurrency <n>', 'jobs run at once').argParser((v) => Number.parseInt(v, 10)))
    .action(action(workerCommand));
  program.command('status').description('the jobs of a queued run (or of a whole queue): waiting, active, done and failed, per stage and per worker')
    .argument('[run-dir]', 'run directory of a queued run, or the folder of a queued evaluation').option('--queue <url>', 'the queue (default: the one the run was queued on)')
    .option('--json', 'JSON output').action(action(statusCommand));
  program.command('plugins').description('list loaded plugins and their contributions').option('--json', 'JSON output').action(action(pluginsCommand));
  program.command('validate-config').description('validate the config and every plugin\'s options').action(action(validateConfigCommand));
  program.command('grade').description('grade a submission against a task package')
    .requiredOption('--task <dir>', 'task package folder').requiredOption('--submission <csv>', 'submission file')
    .option('--json', 'JSON output').action(action(gradeCommand));
  program.command('prepare').description('rebuild a task package from its task.json and the raw dataset, checking recorded checksums')
    .argument('<task-json>', 'task.json of the package').requiredOption('--raw <dir>', 'raw dataset folder')
    .requiredOption('--out <dir>', 'where to write the rebuilt package')
    .option('--force', 'replace an existing --out that prepare did not write').action(action(prepareCommand));
  program.command('verify').description('run every enabled rule (and with --execute the baseline ladder) on a task package')
    .argument('<task-dir>', 'task package folder').option('--execute', 'also run the baseline ladder').option('--json', 'JSON output')
    .action(action(verifyCommand));
  program.command('eval').description('run solvers on task packages and write a scores table')
    .requiredOption('--tasks <dirs...>', 'task package folders (or folders of packages)')
    .option('--solvers <ids|json>', 'comma-separated solver ids (registered, or eval.solvers entries), or a JSON array of solver entries; default: eval.solvers')
    .addOption(new Option('--seeds <n>', 'seeds per solver and task').argParser((v) => Number.parseInt(v, 10)))
    .addOption(new Option('--concurrency <n>', 'runs at once (default: eval.concurrency)').argParser((v) => Number.parseInt(v, 10)))
    .option('--out <dir>', 'output folder').option('--json', 'JSON output')
    .option('--queue <url>', 'run each (task, solver, seed) as a job on this queue (redis://host:port), taken by mle-smith worker processes')
    .action(action(evalCommand));
  program.command('env').description('task packages as an interactive environment for agents (docs/task-env.md)')
    .command('serve').description('serve reset / info / execute / validate / submit / history over HTTP on 127.0.0.1')
    .requiredOption('--tasks <dirs...>', 'task package folders (or folders of packages)').option('--port <p>', 'port on 127.0.0.1 (0 picks a free one)', '8765')
    .option('--out <dir>', 'sessions and trajectories (default: <out>/env)').action(action(envServeCommand));
  program.command('compare').description('Elo per solver on two score sets and their agreement statistics')
    .requiredOption('--a <scores>', 'scores.json or scores.csv of set A').requiredOption('--b <scores>', 'scores of set B')
    .option('--labels <a,b>', 'names of the two sets', 'A,B').option('--out <dir>', 'also write report files with the comparison here')
    .option('--json', 'JSON output').action(action(compareCommand));
  program.command('report').description('regenerate report files from a run directory')
    .argument('<run-dir>', 'run directory').action(action(reportCommand));
  program.command('export').description('export a task package to another benchmark format')
    .argument('<task-dir>').requiredOption('--format <name>', 'export format').requiredOption('--out <dir>', 'output folder')
    .option('--force', 'write into an existing --out that export did not write').action(action(exportCommand));
  program.command('import').description('wrap a human-designed task (an MLE-bench or MLE-Dojo competition) into a task package')
    .argument('<competition-dir>', 'the competition folder').requiredOption('--format <name>', 'import format: mlebench or mledojo')
    .requiredOption('--data <dir>', 'its prepared data folder (public/ and private/)').requiredOption('--out <dir>', 'the task package folder to write')
    .option('--force', 'replace an existing --out that import did not write').action(action(importCommand));
  program.command('gc').description('remove sandbox containers whose deadline passed or whose owner process is gone')
    .option('--json', 'JSON output').action(action(gcCommand));

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (caught) {
    // a full disk hit outside the framework's writers still gets its one line with the free space
    const err = await diskError(caught, io.cwd);
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2; // commander already printed the message
    }
    // with --json a failed command still prints JSON on stdout, for the scripts that parse it
    if (json) io.stdout(JSON.stringify({ error: firstLine(errorMessage(err)), code: err instanceof MleSmithError ? err.code : 'INTERNAL' }) + '\n');
    if (err instanceof MleSmithError) {
      io.stderr(`error: ${firstLine(err.message)}\n`);
      if (verbose && err.stack) io.stderr(`${err.stack}\n`);
      return err.exitCode;
    }
    io.stderr(`internal error: ${firstLine(errorMessage(err))} (run with --verbose for the stack)\n`);
    if (verbose && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return 1;
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

export function defaultIo(): CliIo {
  return { cwd: process.cwd(), stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
}
