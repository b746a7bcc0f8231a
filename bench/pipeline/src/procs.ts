/**
 * What each process costs, read from /proc (Linux): resident memory (VmRSS) and CPU time
 * (utime + stime). PostgreSQL is many processes (one per connection): they are summed.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** VmRSS in bytes, or undefined when the process is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) the process has used so far, or undefined when it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return (utime + stime) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** `pid` and its direct children (a PostgreSQL server: the postmaster and its backends). */
export function withChildren(pid: number): number[] {
  const pids = [pid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * The pid of the process listening on 127.0.0.1/0.0.0.0 TCP `port` (from /proc/net/tcp and the
 * socket inodes in /proc/<pid>/fd), or undefined if none of ours can be seen.
 */
export function listenerPid(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // sl local_address rem_address st ... inode (field 9); st 0A = LISTEN
      const local = f[1]?.split(':')[1];
      if (local !== undefined && parseInt(local, 16) === port && f[3] === '0A' && f[9])
        inodes.add(`socket:[${f[9]}]`);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (inodes.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

/** A process, or a group of processes summed, whose CPU and memory the report shows. */
export interface Watched {
  name: string;
  pids: () => number[];
  /** Only services are judged on RSS; infrastructure shows CPU only. */
  service: boolean;
}

/** CPU seconds all cores have spent busy since boot (/proc/stat), whatever process. */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal ...
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const busy = [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (f[i] ?? 0), 0);
    return busy / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** The CPU of this process (the fake KCIDB and the load generator's thread), in seconds. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Between start() and stop(): samples every `intervalMs` each watched process's RSS (keeping
 * the largest) and CPU time (per pid, so that processes coming and going are counted right).
 */
export class UsageWindow {
  private timer: NodeJS.Timeout | undefined;
  private readonly maxRss = new Map<string, number>();
  /** Per watched name, per pid: CPU seconds when first seen in the window, and when last seen. */
  private readonly cpu = new Map<string, Map<number, { first: number; last: number }>>();
  private startOwnCpu = 0;
  private startMachine = 0;
  private startedAt = 0;

  constructor(
    private readonly watched: readonly Watched[],
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.startedAt = Date.now();
    this.startOwnCpu = ownCpuSeconds();
    this.startMachine = machineBusySeconds();
    this.sample(true);
    this.timer = setInterval(() => this.sample(false), this.intervalMs);
  }

  /**
   * Per process: CPU seconds used in the window, the largest RSS seen; and the wall time. A
   * process that started during the window counts from 0; one that ended counts until it was
   * last seen (at most one sampling interval is missed).
   */
  stop(): WindowUsage {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.sample(false);
    const wallSeconds = (Date.now() - this.startedAt) / 1000;
    const processes = this.watched.map((w) => {
      let cpuSeconds = 0;
      for (const { first, last } of this.cpu.get(w.name)?.values() ?? [])
        cpuSeconds += last - first;
      return {
        name: w.name,
        service: w.service,
        cpuSeconds,
        maxRssBytes: this.maxRss.get(w.name) ?? 0,
      };
    });
    processes.push({
      name: 'bench process (fake KCIDB + load generator)',
      service: false,
      cpuSeconds: ownCpuSeconds() - this.startOwnCpu,
      maxRssBytes: process.memoryUsage.rss(),
    });
    return { wallSeconds, processes, machineCpuSeconds: machineBusySeconds() - this.startMachine };
  }

  private sample(atStart: boolean): void {
    for (const w of this.watched) {
      let perPid = this.cpu.get(w.name);
      if (perPid === undefined) {
        perPid = new Map<number, { first: number; last: number }>();
        this.cpu.set(w.name, perPid);
      }
      let rss = 0;
      for (const pid of w.pids()) {
        const cpu = cpuSeconds(pid);
        if (cpu === undefined) continue;
        rss += rssBytes(pid) ?? 0;
        const seen = perPid.get(pid);
        if (seen === undefined) perPid.set(pid, { first: atStart ? cpu : 0, last: cpu });
        else seen.last = cpu;
      }
      this.maxRss.set(w.name, Math.max(this.maxRss.get(w.name) ?? 0, rss));
    }
  }
}

export interface WindowUsage {
  wallSeconds: number;
  /** CPU seconds the whole machine was busy, every process included. */
  machineCpuSeconds: number;
  processes: Array<{ name: string; service: boolean; cpuSeconds: number; maxRssBytes: number }>;
}
