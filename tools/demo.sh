#!/usr/bin/env bash
# The offline demo: sets itself up, then runs `mle-smith run` over examples/ (no LLM, no network,
# local sandbox) and prints where the tasks and the reports are.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
cd examples
rm -rf runs/demo
node ../packages/cli/dist/bin.js run --out runs/demo "$@"
echo
echo "tasks:   examples/runs/demo/tasks/"
echo "reports: examples/runs/demo/report.md, report.html, report.json"
