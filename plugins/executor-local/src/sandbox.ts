// Builds the command line that confines one job, and finds out which confinement this host
// allows. Two modes:
//  - "namespaces" (needs root): new mount, network, pid, ipc and uts namespaces; the job sees a
//    fresh root holding read-only /usr and /etc, its workspace at /workspace (or the job's
//    workspacePath), its unix sockets at /run/mle-smith/<env>.sock, private /tmp and /dev/shm,
//    and its own /proc; it runs as an unprivileged user with no capabilities and
//    no_new_privs; it is pid 1 of its namespace, so when it dies every process it started dies.
//  - "rlimits": no namespaces (or only a user+network namespace when unprivileged ones work);
//    the job runs in its host workspace under rlimits. Weaker; see docs/security.md.
// A job without network gets a namespace whose loopback is up (as in a container with
// NetworkMode none), so a relay inside may listen on 127.0.0.1; nothing outside is reachable.
// In both, cgroups (when writable) carry the memory, pids and CPU limits, and the wrapper
// dies with the host process (PR_SET_PDEATHSIG), taking the job with it.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExecLimits } from '@mle-smith/core';

export type IsolationMode = 'namespaces' | 'rlimits';

export interface SandboxSupport {
  mode: IsolationMode;
  /** Whether a job can be cut off from the network in this mode. */
  networkIsolation: boolean;
  /** Drop to this user (only possible as root). */
  runAs?: { uid: number; gid: number };
  /** rlimits mode without root: isolate the network with an unprivileged user namespace. */
  userNamespace: boolean;
}

function probe(args: string[]): boolean {
  const r = spawnSync(args[0]!, args.slice(1), { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

/** Tells which isolation this host supports; `wanted` forces a mode (and throws if impossible). */
export function detectSandbox(wanted: 'auto' | IsolationMode, runAs: { uid: number; gid: number }): SandboxSupport | string {
  const root = process.getuid?.() === 0;
  const tools = ['setpriv', 'prlimit', 'unshare', 'env'].filter((t) => !probe([t, '--version']));
  if (tools.length) return `missing tools: ${tools.join(', ')} (install util-linux and coreutils)`;
  if (wanted !== 'rlimits' && root) {
    if (probe(['unshare', '--mount', '--net', '--pid', '--ipc', '--uts', '--fork', '--propagation', 'private', '--', 'true'])) {
      return { mode: 'namespaces', networkIsolation: true, runAs, userNamespace: false };
    }
  }
  if (wanted === 'namespaces') return root ? 'unshare cannot create mount/net/pid namespaces here' : 'namespaces mode needs root';
  if (root) {
    return { mode: 'rlimits', networkIsolation: probe(['unshare', '--net', '--', 'true']), runAs, userNamespace: false };
  }
  const userns = probe(['unshare', '--user', '--map-root-user', '--net', '--', 'true']);
  return { mode: 'rlimits', networkIsolation: userns, userNamespace: userns };
}

export interface SandboxCommandInput {
  support: SandboxSupport;
  network: boolean;
  /** Host folder of the workspace. */
  workspace: string;
  /** Empty host folder used as the job's root (namespaces mode). */
  rootDir: string;
  /** Command with the interpreter already resolved. */
  command: string[];
  env: Record<string, string>;
  limits: ExecLimits;
  /** cgroup.procs files the job joins before anything else runs. */
  cgroupProcs: string[];
  /** When false, memory and process count fall back to RLIMIT_AS / RLIMIT_NPROC. */
  cgroupLimits: boolean;
  /** Extra host folders shown read-only at the same path (namespaces mode), e.g. an interpreter prefix. */
  readOnlyPaths: string[];
  /** Where the workspace appears in namespaces mode. */
  workspacePath: string;
  /** Host unix sockets shown to the job; `env` is set to the path the job sees. */
  unixSockets: Array<{ hostPath: string; env: string }>;
}

export interface SandboxCommand {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Path of the workspace as the job sees it. */
  jobWorkspace: string;
}

/** Runs as root or the host user: joins the cgroups, then execs the rest with a parent-death signal. */
const OUTER = `set -eu
for f in $MS_CGROUP_PROCS; do echo $$ > "$f"; done
exec setpriv --pdeathsig KILL -- "$@"`;

/** Brings loopback up in a fresh network namespace (as root there), then runs the rest. */
const LOOPBACK_UP = 'ip link set lo up 2>/dev/null || true; exec "$@"';

/** Runs inside the new namespaces as root: assembles the job's root, then chroots into it. */
const INNER = `set -eu
R="$MS_ROOT"
mount -t tmpfs -o size=1m,mode=755 mle-smith-root "$R"
cd "$R"
robind() { mkdir -p "$2"; mount --rbind "$1" "$2"; mount -o remount,bind,ro "$2"; }
robind /usr usr
robind /etc etc
for l in bin lib lib32 lib64 libx32 sbin; do
  if [ -L "/$l" ]; then ln -s "$(readlink "/$l")" "$l"; elif [ -d "/$l" ]; then robind "/$l" "$l"; fi
done
IFS=:
for p in $MS_EXTRA_RO; do [ -n "$p" ] && robind "$p" "$R$p"; done
unset IFS
if [ "$MS_LO_UP" = 1 ]; then ip link set lo up 2>/dev/null || true; fi
W=".$MS_WS_PATH"
mkdir -p "$W" tmp proc dev
mount --bind "$MS_WS" "$W"
if [ -d "$W/data" ]; then mount --bind "$W/data" "$W/data"; mount -o remount,bind,ro "$W/data"; fi
if [ -n "$MS_SOCKETS" ]; then
  mkdir -p run/mle-smith
  printf '%s\n' "$MS_SOCKETS" | while IFS='=' read -r name host; do
    touch "run/mle-smith/$name.sock"; mount --bind "$host" "run/mle-smith/$name.sock"; mount -o remount,bind,ro "run/mle-smith/$name.sock"
  done
fi
mount -t tmpfs -o "size=\${MS_TMP_MB}m,mode=1777,nosuid,nodev" mle-smith-tmp tmp
mount -t proc -o nosuid,nodev,noexec proc proc
mkdir dev/shm
mount -t tmpfs -o "size=\${MS_TMP_MB}m,mode=1777,nosuid,nodev,noexec" mle-smith-shm dev/shm
for n in null zero full random urandom; do touch "dev/$n"; mount --bind "/dev/$n" "dev/$n"; done
ln -s /proc/self/fd dev/fd; ln -s /proc/self/fd/0 dev/stdin; ln -s /proc/self/fd/1 dev/stdout; ln -s /proc/self/fd/2 dev/stderr
mount -o remount,ro "$R"
exec chroot "$R" "$@"`;

const SHOWN = ['/usr', '/etc', '/bin', '/lib', '/lib32', '/lib64', '/libx32', '/sbin'];

/** Host folders an interpreter needs that the namespaces root does not already show. */
export function interpreterReadOnlyPaths(interpreter: string): string[] {
  let real: string;
  try {
    real = realpathSync(interpreter);
  } catch {
    return [];
  }
  if (SHOWN.some((p) => real === p || real.startsWith(p + '/'))) return [];
  // <prefix>/bin/python3 -> <prefix> (venvs and pyenv versions keep their stdlib there).
  return [dirname(dirname(real))];
}

export function buildSandboxCommand(input: SandboxCommandInput): SandboxCommand {
  const { support, limits } = input;
  const ns = support.mode === 'namespaces';
  const jobWorkspace = ns ? input.workspacePath : input.workspace;
  const socketEnv = Object.fromEntries(input.unixSockets.map((s) => [s.env, ns ? `/run/mle-smith/${s.env}.sock` : s.hostPath]));
  const cpuSec = Math.ceil(limits.timeSec * Math.max(1, limits.cpus)) + 5;
  const prlimit = ['prlimit', `--cpu=${cpuSec}`, `--fsize=${(limits.fileSizeMb ?? 1024) * 1024 * 1024}`, '--core=0'];
  if (!input.cgroupLimits) {
    prlimit.push(`--as=${limits.memoryMb * 1024 * 1024}`);
    // Per-user: only meaningful because the job runs as its own unprivileged user.
    if (support.runAs) prlimit.push(`--nproc=${limits.pids}`);
  }
  const env = Object.entries({ ...input.env, ...socketEnv, HOME: jobWorkspace }).map(([k, v]) => `${k}=${v}`);
  const job = [...prlimit, '--', 'env', '-i', '-C', jobWorkspace, ...env, ...input.command];
  const drop = support.runAs
    ? ['setpriv', `--reuid=${support.runAs.uid}`, `--regid=${support.runAs.gid}`, '--clear-groups', '--no-new-privs', '--inh-caps=-all', '--bounding-set=-all', '--']
    : ['setpriv', '--no-new-privs', '--'];
  let rest: string[];
  if (ns) {
    const flags = ['--mount', '--pid', '--ipc', '--uts', '--fork', '--kill-child', '--propagation', 'private'];
    if (!input.network) flags.push('--net');
    rest = ['unshare', ...flags, '--', '/bin/sh', '-c', INNER, 'mle-smith-inner', ...drop, ...job];
  } else if (!input.network && support.userNamespace) {
    rest = ['unshare', '--user', '--map-root-user', '--net', '--', '/bin/sh', '-c', LOOPBACK_UP, 'mle-smith-net', ...job];
  } else if (!input.network) {
    rest = ['unshare', '--net', '--', '/bin/sh', '-c', LOOPBACK_UP, 'mle-smith-net', ...drop, ...job];
  } else {
    rest = [...drop, ...job];
  }
  return {
    command: '/bin/sh',
    args: ['-c', OUTER, 'mle-smith-job', ...rest],
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      MS_CGROUP_PROCS: input.cgroupProcs.join(' '),
      MS_ROOT: input.rootDir,
      MS_WS: input.workspace,
      MS_WS_PATH: input.workspacePath,
      MS_LO_UP: input.network ? '0' : '1',
      MS_SOCKETS: input.unixSockets.map((s) => `${s.env}=${s.hostPath}`).join('\n'),
      MS_EXTRA_RO: input.readOnlyPaths.join(':'),
      MS_TMP_MB: String(Math.max(16, Math.min(limits.memoryMb, 1024))),
    },
    jobWorkspace,
  };
}
