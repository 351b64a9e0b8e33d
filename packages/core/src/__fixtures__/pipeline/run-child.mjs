// Runs the core pipeline in a child process (so a test can SIGKILL it midway).
// argv: <runDir> <datasetsDir>
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compose, resolveConfig, silentLogger } from '../../../dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const [runDir, datasets] = process.argv.slice(2);
const config = resolveConfig({ datasets: [datasets], out: runDir, execute: { enabled: false }, report: [] }, here);
const profiler = { profile: async (dir) => ({ name: dir.split('/').pop(), dir, tables: [], media: [], files: [] }) };
const composition = await compose({ config, configDir: here, plugins: [['./file-designer.mjs', { tasks: 3 }]], log: silentLogger, profiler });
const { ok } = await composition.run();
process.stdout.write(ok ? 'ok\n' : 'not ok\n');
