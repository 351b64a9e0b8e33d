#!/usr/bin/env bash
# The whole test suite, with all of its set-up: Debian packages, npm ci, build, a private Docker
# engine and the offline-built runner image, then every package's tests (unit and integration).
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false
bash tools/setup.sh --full
eval "$(bash tools/dockerd.sh start)"
export DOCKER_HOST
npx nx run-many -t test --parallel=1 --outputStyle=static
