#!/usr/bin/env bash
# Builds the Python runner image (python3 + numpy, pandas, scikit-learn, scipy, pillow) offline
# from Debian packages: debootstrap a minimal bookworm root, then `docker import` it.
# No registry is needed, only the apt mirror this machine already uses.
#
#   tools/runner-image/build.sh [--force]
#
# Environment: MLE_SMITH_RUNNER_IMAGE (tag, default mle-smith/runner:latest),
# MLE_SMITH_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/mle-smith), DEBIAN_MIRROR, DEBIAN_SUITE,
# DOCKER_HOST (engine to import into).
# Idempotent: skips when the image exists; the rootfs tarball is cached so a new engine
# re-imports in seconds.
set -euo pipefail

IMAGE="${MLE_SMITH_RUNNER_IMAGE:-mle-smith/runner:latest}"
SUITE="${DEBIAN_SUITE:-bookworm}"
CACHE="${MLE_SMITH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mle-smith}/runner-image"
PACKAGES="python3,python3-numpy,python3-pandas,python3-sklearn,python3-scipy,python3-pil"
FORCE=0
[ "${1:-}" = "--force" ] && FORCE=1

say() { echo "build.sh: $*" >&2; }

# The first Debian (not -security) mirror in /etc/apt/sources.list*, deb822 or one-line format.
detect_mirror() {
  local f uri
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri="$(grep -hE '^\s*URIs:' "$f" 2>/dev/null | awk '{print $2}' | grep -v -- '-security' | grep -iE 'debian' | head -n1 || true)"
    [ -n "$uri" ] || uri="$(grep -hE '^\s*deb\s' "$f" 2>/dev/null | sed -E 's/\[[^]]*\]//' | awk '{print $2}' | grep -v -- '-security' | grep -iE 'debian' | head -n1 || true)"
    if [ -n "$uri" ]; then echo "$uri"; return; fi
  done
  echo "http://deb.debian.org/debian"
}

if [ "$FORCE" = 0 ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "image $IMAGE exists; nothing to do"
  exit 0
fi

mkdir -p "$CACHE"
TARBALL="$CACHE/runner-rootfs-$SUITE.tar"

if [ "$FORCE" = 1 ] || [ ! -s "$TARBALL" ]; then
  if [ "$(id -u)" != 0 ]; then say "debootstrap needs root"; exit 1; fi
  command -v debootstrap >/dev/null 2>&1 || { say "installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; }
  MIRROR="${DEBIAN_MIRROR:-$(detect_mirror)}"
  ROOTFS="$(mktemp -d "$CACHE/rootfs.XXXXXX")"
  trap 'rm -rf "$ROOTFS"' EXIT
  say "debootstrap $SUITE from $MIRROR into $ROOTFS (takes a few minutes)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
    || { say "debootstrap failed; see $CACHE/debootstrap.log"; tail -n 20 "$CACHE/debootstrap.log" >&2; exit 1; }
  # Slim the image: package caches, docs and man pages are never used by a solution.
  rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* \
         "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/*
  mkdir -p "$ROOTFS/workspace"
  chmod 1777 "$ROOTFS/workspace"
  # Sanity check: the ML stack imports inside the new root.
  chroot "$ROOTFS" /usr/bin/python3 -c 'import numpy, pandas, sklearn, scipy, PIL; print("ml stack ok")' >&2
  tar --numeric-owner -C "$ROOTFS" -cf "$TARBALL.tmp" .
  mv "$TARBALL.tmp" "$TARBALL"
  rm -rf "$ROOTFS"
  trap - EXIT
else
  say "using cached rootfs $TARBALL"
fi

say "importing $TARBALL as $IMAGE"
docker import \
  --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'WORKDIR /workspace' \
  --change 'USER 65534:65534' \
  --change 'CMD ["/usr/bin/python3"]' \
  --message "mle-smith runner ($SUITE, debootstrap minbase + $PACKAGES)" \
  "$TARBALL" "$IMAGE" >/dev/null
docker run --rm --network none "$IMAGE" python3 -c 'import numpy, pandas, sklearn, scipy, PIL' \
  || { say "imported image failed its import check"; exit 1; }
say "built $IMAGE"
