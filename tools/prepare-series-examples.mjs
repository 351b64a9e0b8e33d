#!/usr/bin/env node
// Regenerates the time-series example under examples/datasets/ from Debian's r-cran-ggplot2
// (R's ggplot2 package, data set `txhousing`), exported with Rscript like the quality bench's
// corpus (bench/quality/build-corpus.R), so the committed files can be checked byte for byte:
//
//   txhousing   monthly home sales of 46 Texas cities, 2000-01 to 2015-07 (columns city, year,
//               month, sales; missing months of a city written as empty sales)
//
// Usage: node tools/prepare-series-examples.mjs [--check] [--out DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const outRoot = resolve(args.includes('--out') ? args[args.indexOf('--out') + 1] : join(root, 'examples/datasets'));

function fail(message) {
  console.error(`prepare-series-examples: ${message}`);
  process.exit(1);
}

// Rows in the package's order (city, then date); numbers as R prints them (integers here).
const script = `
suppressMessages(library(ggplot2))
d <- as.data.frame(txhousing)[, c("city", "year", "month", "sales")]
cat(as.character(packageVersion("ggplot2")), "\\n", sep = "")
utils::write.csv(d, stdout(), row.names = FALSE, na = "", quote = FALSE, fileEncoding = "UTF-8")
`;
let out;
try {
  out = execFileSync('Rscript', ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
} catch (err) {
  fail(`Rscript failed (install r-base-core and r-cran-ggplot2): ${err.message.split('\n')[0]}`);
}
const [version, ...lines] = out.split('\n');
if (lines[0] !== 'city,year,month,sales') fail(`unexpected header ${lines[0]}`);
if (lines.some((l) => l.split(',').length > 4)) fail('a city name holds a comma; quote the CSV');
const csv = lines.filter((l) => l !== '').join('\n') + '\n';
const rows = csv.split('\n').length - 2;
const missing = csv.split('\n').filter((l) => l.endsWith(',')).length;

const source = `# Texas housing sales

- Source: the TAMU Real Estate Center (https://www.recenter.tamu.edu/), as published in R's ggplot2
  package (data set \`txhousing\`, ggplot2 ${version}, Debian's r-cran-ggplot2).
- License: ggplot2 is MIT-licensed; the data set is distributed with it.
- Rows: ${rows}: 46 Texas cities × 187 months (January 2000 to July 2015); ${missing} months have no
  sales figure (written as empty).
- Prepared by \`tools/prepare-series-examples.mjs\` (Rscript, \`write.csv\`): the columns city, year,
  month and sales; the package's other measures (volume, median price, listings, inventory) and its
  decimal-year \`date\` are left out to keep the example small.

Columns: \`city\`, \`year\`, \`month\` (1–12), \`sales\` (number of home sales in the month), a long table
of monthly series with a strong yearly season.
`;

const dir = join(outRoot, 'txhousing');
const files = [[join(dir, 'txhousing.csv'), csv], [join(dir, 'SOURCE.md'), source]];
let stale = 0;
for (const [path, content] of files) {
  if (check) {
    if (!existsSync(path) || readFileSync(path, 'utf8') !== content) {
      console.error(`stale: ${path}`);
      stale++;
    }
    continue;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, content);
  console.log(`wrote ${path}`);
}
if (check && stale > 0) fail(`${stale} file(s) differ; run node tools/prepare-series-examples.mjs`);
if (check) console.log('the time-series example is up to date');
