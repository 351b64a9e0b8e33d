import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const inst = await DuckDBInstance.create(':memory:', { memory_limit: '256MB', temp_directory: '/tmp/proto/dd/spill', preserve_insertion_order: 'true' });
const c = await inst.connect();
let sql = readFileSync('/tmp/proto/dd/rows.sql', 'utf8');
const v = process.argv[2];
if (v === 'notyped') sql = sql.replace(/SELECT ("f\d+" AS "f\d+", |"n\d" AS "n\d", |"cat" AS "cat", )+/, 'SELECT ');
if (v === 'noorder') sql = sql.replace(/ ORDER BY __test, __h\s*$/, '');
if (v === 'nocoalesce') sql = sql.replace(/coalesce\((__text_\d+), ''\)/g, '$1');
if (v === 'concatws') { sql = sql.replace(/concat\((coalesce\(__text_1, ''\)[^]*?), ', ', (CASE WHEN CAST\(__text_18[^]*?END)\) AS __line/, (m, a, b) => `concat_ws(',', ${a.replaceAll(", ',', ", ', ')}, ${b}) AS __line`); }
if (v === 'explain') { const r = await c.runAndReadAll('EXPLAIN ' + sql.replace('CREATE TEMP TABLE __rows AS ', '')); console.log(r.getRowsJS().map(x => x[1]).join('\n')); process.exit(0); }
const t0 = performance.now(); const c0 = process.cpuUsage();
await c.run(sql);
const cu = process.cpuUsage(c0);
console.log(v, ((performance.now()-t0)/1000).toFixed(2), 'cpu', ((cu.user+cu.system)/1e6).toFixed(2));
