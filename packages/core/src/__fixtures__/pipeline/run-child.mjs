// Runs the core pipeline in a child process (so a test can SIGKILL it midway).
// argv: <runDir> <datasetsDir>
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginHost, resolveConfig, runPipeline, silentLogger } from '../../../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const [runDir, datasets] = process.argv.slice(2);
const config = resolveConfig({ datasets: [datasets], out: runDir, execute: { enabled: false }, report: [] }, here);
const host = await PluginHost.load([['./file-designer.mjs', { tasks: 3 }]], { configDir: here, log: silentLogger });
const profiler = { profile: async (dir) => ({ name: dir.split('/').pop(), dir, tables: [], media: [], files: [] }) };
const { ok } = await runPipeline({ config, host, profiler, log: silentLogger });
process.stdout.write(ok ? 'ok\n' : 'not ok\n');
