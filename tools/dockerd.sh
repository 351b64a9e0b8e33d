#!/usr/bin/env bash
# Starts (or stops) a private Docker engine for MLE-Smith's docker executor and its tests.
# It has its own data root and socket, so it never disturbs a system dockerd.
#
#   tools/dockerd.sh start   # prints: export DOCKER_HOST=unix:///run/mle-smith-docker.sock
#   tools/dockerd.sh stop
#   tools/dockerd.sh status
#
# Environment: MLE_SMITH_DOCKER_ROOT (data root), MLE_SMITH_DOCKER_SOCK (socket path),
# MLE_SMITH_DOCKER_LOG (dockerd log file).
set -euo pipefail

ROOT="${MLE_SMITH_DOCKER_ROOT:-/var/lib/mle-smith-docker}"
SOCK="${MLE_SMITH_DOCKER_SOCK:-/run/mle-smith-docker.sock}"
EXEC_ROOT="${ROOT}-exec"
PIDFILE="/run/mle-smith-docker.pid"
LOG="${MLE_SMITH_DOCKER_LOG:-/var/log/mle-smith-docker.log}"
HOST="unix://${SOCK}"

say() { echo "dockerd.sh: $*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then say "must run as root (dockerd needs it)"; exit 1; fi
}

engine_up() {
  # docker CLI may be missing when only dockerd was installed; curl over the socket works too.
  if command -v docker >/dev/null 2>&1; then
    DOCKER_HOST="$HOST" timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
  else
    timeout 5 curl -fsS --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1
  fi
}

ensure_installed() {
  if command -v dockerd >/dev/null 2>&1; then return; fi
  say "dockerd not found; installing docker.io with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io >/dev/null
}

# Starts dockerd with the given extra flags; returns 0 once the socket answers.
try_start() {
  local driver="$1"; shift
  mkdir -p "$ROOT" "$EXEC_ROOT" "$(dirname "$LOG")"
  say "starting dockerd (storage driver $driver) -> $LOG"
  # setsid: the engine must outlive the shell (and test process) that started it.
  setsid dockerd \
    --data-root "$ROOT" \
    --exec-root "$EXEC_ROOT" \
    --pidfile "$PIDFILE" \
    -H "$HOST" \
    --storage-driver "$driver" \
    --iptables=false --ip6tables=false --ip-masq=false --bridge=none \
    "$@" >>"$LOG" 2>&1 < /dev/null &
  local pid=$!
  for _ in $(seq 1 60); do
    if engine_up; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then return 1; fi
    sleep 0.5
  done
  say "dockerd did not answer within 30 s"
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return 1
}

start() {
  need_root
  if engine_up; then
    say "engine already running on $SOCK"
  else
    ensure_installed
    # A stale pidfile/socket from a killed engine would make dockerd refuse to start.
    if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then rm -f "$PIDFILE"; fi
    rm -f "$SOCK"
    if ! try_start overlay2; then
      say "overlay2 failed (see $LOG); falling back to vfs"
      rm -f "$SOCK" "$PIDFILE"
      try_start vfs || { say "dockerd failed to start; last log lines:"; tail -n 20 "$LOG" >&2; exit 1; }
    fi
    say "engine up on $SOCK"
  fi
  echo "export DOCKER_HOST=$HOST"
}

stop() {
  need_root
  if [ -f "$PIDFILE" ]; then
    local pid; pid="$(cat "$PIDFILE")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" || true
    fi
    rm -f "$PIDFILE"
  fi
  rm -f "$SOCK"
  say "engine stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if engine_up; then echo "running: export DOCKER_HOST=$HOST"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
