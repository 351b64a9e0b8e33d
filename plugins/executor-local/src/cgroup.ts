// Per-job cgroups: the memory, pids and CPU limits that rlimits cannot express (RLIMIT_NPROC is
// per user and void for root; RLIMIT_AS over-counts numpy's reservations), plus peak memory,
// CPU time and OOM detection. Job cgroups nest under this process's own cgroup, so any limit
// placed on the host process still applies to its jobs. Works on cgroup v1 and v2.
import { mkdirSync, readFileSync, rmdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export interface CgroupLimits {
  memoryMb: number;
  pids: number;
  cpus: number;
}

export interface JobCgroup {
  version: 1 | 2;
  /** `cgroup.procs` files a process must write its pid into to join every controller. */
  procsFiles: string[];
  peakMemoryBytes(): number | undefined;
  cpuTimeMs(): number | undefined;
  oomKilled(): boolean;
  /** SIGKILLs every process in the cgroup, repeatedly, until it is empty (beats fork bombs). */
  killAll(): void;
  remove(): void;
}

interface Mount {
  mountPoint: string;
  root: string;
  fsType: string;
  superOptions: string[];
}

function readMounts(): Mount[] {
  const mounts: Mount[] = [];
  for (const line of readFileSync('/proc/self/mountinfo', 'utf8').split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const left = line.slice(0, sep).split(' ');
    const right = line.slice(sep + 3).split(' ');
    mounts.push({ root: left[3]!, mountPoint: left[4]!, fsType: right[0]!, superOptions: (right[2] ?? '').split(',') });
  }
  return mounts;
}

function ownCgroupPaths(): Map<string, string> {
  // "hierarchy-id:controller-list:path"; v2 has an empty controller list.
  const paths = new Map<string, string>();
  for (const line of readFileSync('/proc/self/cgroup', 'utf8').trim().split('\n')) {
    const [, controllers, path] = line.split(/:(.*?):/) as [string, string, string];
    if (controllers === '') paths.set('', path);
    else for (const c of controllers.split(',')) paths.set(c, path);
  }
  return paths;
}

function relativeTo(root: string, path: string): string | undefined {
  if (root === '/') return path;
  if (path === root) return '/';
  return path.startsWith(root + '/') ? path.slice(root.length) : undefined;
}

function tryWrite(file: string, value: string): boolean {
  try {
    writeFileSync(file, value);
    return true;
  } catch {
    return false;
  }
}

function readNumber(file: string): number | undefined {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

function readKeyed(file: string, key: string): number | undefined {
  try {
    const line = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith(key + ' '));
    return line ? Number(line.split(' ')[1]) : undefined;
  } catch {
    return undefined;
  }
}

function killProcs(procsFile: string): number {
  let pids: string[];
  try {
    pids = readFileSync(procsFile, 'utf8').split('\n').filter(Boolean);
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids.length;
}

function removeDir(dir: string): void {
  // Killed processes take a moment to leave the cgroup; rmdir fails with EBUSY until then.
  for (let i = 0; i < 50; i++) {
    try {
      if (existsSync(dir)) rmdirSync(dir);
      return;
    } catch {
      const until = Date.now() + 20;
      while (Date.now() < until) {
        // brief busy wait: remove() is called from synchronous cleanup paths
      }
    }
  }
}

function createV1(name: string, limits: CgroupLimits): JobCgroup | undefined {
  const mounts = readMounts();
  const own = ownCgroupPaths();
  const dirs = new Map<string, string>();
  for (const controller of ['memory', 'pids', 'cpu', 'cpuacct']) {
    const mount = mounts.find((m) => m.fsType === 'cgroup' && m.superOptions.includes(controller));
    const ownPath = own.get(controller);
    if (!mount || ownPath === undefined) return undefined;
    const rel = relativeTo(mount.root, ownPath);
    if (rel === undefined) return undefined;
    // cpu and cpuacct are often one hierarchy ("cpu,cpuacct"); create each directory once.
    const existing = [...dirs.values()].find((d) => d.startsWith(mount.mountPoint + '/'));
    dirs.set(controller, existing ?? join(mount.mountPoint, rel, name));
  }
  const unique = [...new Set(dirs.values())];
  const remove = (): void => unique.forEach(removeDir);
  try {
    for (const dir of unique) mkdirSync(dir);
  } catch {
    remove();
    return undefined;
  }
  const mem = dirs.get('memory')!;
  const pidsDir = dirs.get('pids')!;
  const cpu = dirs.get('cpu')!;
  const bytes = String(Math.floor(limits.memoryMb * 1024 * 1024));
  const ok =
    tryWrite(join(mem, 'memory.limit_in_bytes'), bytes) &&
    tryWrite(join(pidsDir, 'pids.max'), String(limits.pids));
  if (!ok) {
    remove();
    return undefined;
  }
  // No swap escape hatch: absent without swap accounting, which is fine.
  tryWrite(join(mem, 'memory.memsw.limit_in_bytes'), bytes);
  const period = readNumber(join(cpu, 'cpu.cfs_period_us')) ?? 100_000;
  tryWrite(join(cpu, 'cpu.cfs_quota_us'), String(Math.max(1000, Math.round(limits.cpus * period))));
  const procsFiles = unique.map((d) => join(d, 'cgroup.procs'));
  return {
    version: 1,
    procsFiles,
    peakMemoryBytes: () => readNumber(join(mem, 'memory.max_usage_in_bytes')),
    cpuTimeMs: () => {
      const ns = readNumber(join(dirs.get('cpuacct')!, 'cpuacct.usage'));
      return ns === undefined ? undefined : Math.round(ns / 1e6);
    },
    oomKilled: () => (readKeyed(join(mem, 'memory.oom_control'), 'oom_kill') ?? 0) > 0,
    killAll: () => {
      for (let i = 0; i < 100 && killProcs(join(pidsDir, 'cgroup.procs')) > 0; i++);
    },
    remove,
  };
}

function createV2(name: string, limits: CgroupLimits): JobCgroup | undefined {
  const mount = readMounts().find((m) => m.fsType === 'cgroup2');
  const ownPath = ownCgroupPaths().get('');
  if (!mount || ownPath === undefined) return undefined;
  const rel = relativeTo(mount.root, ownPath);
  if (rel === undefined) return undefined;
  const parent = join(mount.mountPoint, rel);
  let available: string[];
  try {
    available = readFileSync(join(parent, 'cgroup.controllers'), 'utf8').trim().split(/\s+/);
  } catch {
    return undefined;
  }
  if (!available.includes('memory') || !available.includes('pids')) return undefined;
  // Enabling controllers for children fails while the parent itself holds processes
  // ("no internal processes"); then v2 is not usable from here and rlimits take over.
  const enabled = readFileSync(join(parent, 'cgroup.subtree_control'), 'utf8');
  if (!/\bmemory\b/.test(enabled) || !/\bpids\b/.test(enabled)) {
    if (!tryWrite(join(parent, 'cgroup.subtree_control'), '+memory +pids' + (available.includes('cpu') ? ' +cpu' : ''))) return undefined;
  }
  const dir = join(parent, name);
  try {
    mkdirSync(dir);
  } catch {
    return undefined;
  }
  if (!tryWrite(join(dir, 'memory.max'), String(Math.floor(limits.memoryMb * 1024 * 1024))) || !tryWrite(join(dir, 'pids.max'), String(limits.pids))) {
    removeDir(dir);
    return undefined;
  }
  tryWrite(join(dir, 'memory.swap.max'), '0');
  tryWrite(join(dir, 'cpu.max'), `${Math.max(1000, Math.round(limits.cpus * 100_000))} 100000`);
  return {
    version: 2,
    procsFiles: [join(dir, 'cgroup.procs')],
    peakMemoryBytes: () => readNumber(join(dir, 'memory.peak')),
    cpuTimeMs: () => {
      const us = readKeyed(join(dir, 'cpu.stat'), 'usage_usec');
      return us === undefined ? undefined : Math.round(us / 1000);
    },
    oomKilled: () => (readKeyed(join(dir, 'memory.events'), 'oom_kill') ?? 0) > 0,
    killAll: () => {
      if (tryWrite(join(dir, 'cgroup.kill'), '1')) return;
      for (let i = 0; i < 100 && killProcs(join(dir, 'cgroup.procs')) > 0; i++);
    },
    remove: () => removeDir(dir),
  };
}

/** Creates a job cgroup with the given limits, or returns undefined when this host cannot. */
export function createJobCgroup(name: string, limits: CgroupLimits): JobCgroup | undefined {
  if (!existsSync('/proc/self/cgroup')) return undefined;
  try {
    return createV1(name, limits) ?? createV2(name, limits);
  } catch {
    return undefined;
  }
}
