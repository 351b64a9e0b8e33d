#!/usr/bin/env node
// The `mle-smith` command: a committed, executable shim in front of dist/bin.js, so the bin link
// npm makes works from `npm ci` on, whatever the build or nx's cache (which restores files without
// their executable bit) does to dist/.
import '../dist/bin.js';
