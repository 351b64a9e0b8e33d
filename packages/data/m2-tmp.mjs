import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const inst = await DuckDBInstance.create(':memory:', { memory_limit: '256MB', temp_directory: '/tmp/proto/dd/spill' });
const c = await inst.connect();
await c.run(`CREATE VIEW __profile_data AS SELECT * FROM read_csv('/work/main/bench/.data/raw-5000000/data.csv', delim=',', quote='', escape='', header=true, strict_mode=true, null_padding=false)`);
let sql = readFileSync('/tmp/proto/dd/agg.sql', 'utf8').replace('CREATE OR REPLACE TEMP TABLE __profile_agg AS ', '');
const v = process.argv[2];
if (v === 'nosample') sql = sql.replace(/, list\(struct_pack.*AS __sample/, '');
if (v === 'nohist') sql = sql.replace(/, histogram\("[^"]*"\) AS c\d+_hist/g, '');
if (v === 'nostd') sql = sql.replace(/avg\(("[^"]+")::DOUBLE\) AS (c\d+)_mean, stddev_samp\("[^"]+"::DOUBLE\) AS c\d+_std/g, 'sum($1::DOUBLE) AS $2_s1, sum($1::DOUBLE * $1::DOUBLE) AS $2_s2');
if (v === 'mapcount') sql = sql.replace(/histogram\(("[^"]+")\) AS (c\d+)_hist/g, 'map_from_entries(list_zip(list_distinct(list($1)), list_distinct(list($1)))) AS $2_hist');
if (v === 'countif') {
  const vals = { label: [0, 1], cat: Array.from({ length: 12 }, (_, i) => `'c${i}'`), n2: Array.from({ length: 51 }, (_, i) => i) };
  sql = sql.replace(/histogram\("([^"]+)"\) AS (c\d+)_hist/g, (m, col, k) => vals[col].map((x, i) => `count(*) FILTER (WHERE "${col}" = ${x}) AS ${k}_v${i}`).join(', ') + `, count("${col}") FILTER (WHERE "${col}" NOT IN (${vals[col].join(', ')})) AS ${k}_rest`);
}
if (v === 'none') sql = sql.replace(/, list\(struct_pack.*AS __sample/, '').replace(/, histogram\("[^"]*"\) AS c\d+_hist/g, '');
const t0 = performance.now(); const c0 = process.cpuUsage();
await c.run(sql);
const cu = process.cpuUsage(c0);
console.log(v, ((performance.now()-t0)/1000).toFixed(2), 'cpu', ((cu.user+cu.system)/1e6).toFixed(2));
