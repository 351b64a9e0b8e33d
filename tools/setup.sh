#!/usr/bin/env bash
# One-time set-up shared by the demo and the test suite. Idempotent: re-running skips what is done.
#
#   tools/setup.sh            # Debian packages for the offline demo, npm ci, build
#   tools/setup.sh --full     # + Docker engine, runner image, Chromium (everything the tests need)
set -euo pipefail
cd "$(dirname "$0")/.."

FULL=0
[ "${1:-}" = "--full" ] && FULL=1
say() { echo "setup: $*" >&2; }

# Debian's scientific Python (the baselines run on it), tools the sandbox uses, and for the
# full set-up the Docker engine, debootstrap (runner image), Chromium (HTML report test),
# espeak-ng/sox (spoken-word audio example) and redis-server (the queue tests start their own).
PKGS=(python3 python3-numpy python3-pandas python3-sklearn python3-scipy python3-pil util-linux procps)
if [ "$FULL" = 1 ]; then PKGS+=(docker.io debootstrap chromium espeak-ng sox iptables curl redis-server); fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then say "missing Debian packages: ${missing[*]} (run as root or install them)"; exit 1; fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "building all packages"
NX_DAEMON=false npx nx run-many -t build --outputStyle=static >/dev/null
# `mle-smith` is a committed shim (packages/cli/bin), linked by npm ci; relinking here repairs a
# node_modules made before the shim existed.
npm rebuild --ignore-scripts @mle-smith/cli >/dev/null

if [ "$FULL" = 1 ]; then
  eval "$(bash tools/dockerd.sh start)"
  say "Docker engine at $DOCKER_HOST"
  bash tools/runner-image/build.sh
fi
say "done"
