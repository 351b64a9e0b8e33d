#!/usr/bin/env bash
# The whole test suite, with all of its set-up: Debian packages, npm ci, build, a private Docker
# engine and the offline-built runner image, then lint and typecheck of every project, then every
# package's tests (unit and integration).
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false
bash tools/setup.sh --full
eval "$(bash tools/dockerd.sh start)"
export DOCKER_HOST

# Quality gates first (cached by nx: unchanged projects are not linted or checked again).
set +e
npx nx run-many -t lint typecheck --parallel=2 --outputStyle=static
gates=$?

log="$(mktemp)"
npx nx run-many -t test --parallel=1 --outputStyle=static 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line over all packages: vitest prints a "Tests  N passed | M failed" line per package.
counts="$(sed -r 's/\x1b\[[0-9;]*[A-Za-z]//g' "$log" | grep -E '^\s+Tests\s+[0-9]' || true)"
passed="$( (grep -oE '[0-9]+ passed' <<<"$counts" || true) | awk '{s+=$1} END {print s+0}')"
failed="$( (grep -oE '[0-9]+ failed' <<<"$counts" || true) | awk '{s+=$1} END {print s+0}')"
rm -f "$log"
echo "Tests: ${passed} passed, ${failed} failed"
[ "$gates" = 0 ] || echo "lint/typecheck failed (see above)"
[ "$status" = 0 ] && exit "$gates"
exit "$status"
