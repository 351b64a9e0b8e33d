#!/usr/bin/env node
import { main } from './main.js';

const code = await main(process.argv.slice(2));
// Flush piped stdout before exiting; native handles (DuckDB, sockets) must not keep us alive.
await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
process.exit(code);
