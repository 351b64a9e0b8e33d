// @ts-check
// The profiling child of isolated-profiler.ts: profiles one dataset folder and leaves a report
// (isolated-profiler.ts's ChildReport) in the file it is given, so that a native crash of the
// reader while reading a dataset ends this process only, not the run. Usage:
//   node profile-child.js <datasetDir> <reportFile>
// Plain JavaScript that loads the package by its own name (its dist/), so it runs the same from
// src/ under the tests as from dist/ when installed.
import { renameSync, writeFileSync } from 'node:fs';

const [dir, reportFile] = process.argv.slice(2);

// The child has its own process group, so a run killed by SIGKILL does not take it along: stop
// when orphaned rather than profile for nobody.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && process.exit(1), 1000).unref();

/** Atomic, so a crash while writing leaves the previous report whole. @param {unknown} report */
function report(report) {
  writeFileSync(`${reportFile}.tmp`, JSON.stringify(report));
  renameSync(`${reportFile}.tmp`, reportFile);
}

/** What the parent needs to rebuild the error with its class and message. @param {unknown} err */
function describe(err) {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const { name, message, stack } = err;
  const { code, file, path } = /** @type {{ code?: string; file?: string; path?: string }} */ (err);
  return { name, message, stack, code, file, path };
}

const self = '@mle-smith/data';
const { profileDataset } = /** @type {typeof import('./index.js')} */ (await import(self));
try {
  // Naming the file being read lets the parent say where a crash happened.
  const profile = await profileDataset(dir, { onFile: (file) => report({ reading: file }) });
  report({ profile });
} catch (err) {
  report({ error: describe(err) });
}
// Do not wait for anything the reader may have left running: the report is written.
process.exit(0);
