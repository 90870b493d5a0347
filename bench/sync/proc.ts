/** Child processes, ports and CPU accounting for the benchmarks. Everything listens on 127.0.0.1. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A free TCP port on 127.0.0.1 (the OS picks it; we close and hand it to a child). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

export type Child = {
  proc: ChildProcess;
  pid: number;
  /** The last lines it printed (for error messages). */
  tail: () => string;
  /** Resolves with the first stdout line matching `re`. */
  waitForLine: (re: RegExp, timeoutMs: number) => Promise<RegExpMatchArray>;
  stop: () => Promise<void>;
};

/** Starts `node --import tsx <script> ...args` (so the pid is the Node process doing the work). */
export const startTsx = (script: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] }): Child => {
  // tsx resolved from here, so the child may run with any cwd (a temp dir).
  const proc = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', import.meta.resolve('tsx'), script, ...args], {
    cwd: opts.cwd,
    // `undefined` in opts.env removes a variable of ours.
    env: Object.fromEntries(Object.entries({ ...process.env, ...opts.env }).filter(([, v]) => v !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      for (const w of [...waiters]) {
        const m = w.re.exec(line);
        if (m) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  if (proc.pid === undefined) throw new Error(`could not start ${script}`);
  return {
    proc,
    pid: proc.pid,
    tail: () => lines.join('\n'),
    waitForLine: (re, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${script}: no line matching ${re} within ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
        const done = (m: RegExpMatchArray): void => {
          clearTimeout(timer);
          resolve(m);
        };
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`${script} exited (code ${proc.exitCode}):\n${lines.join('\n')}`));
        });
        waiters.push({ re, resolve: done });
      }),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
};

/** Polls `url` until it answers 2xx (bounded). */
export const waitForHttp = async (url: string, timeoutMs: number, child?: Child): Promise<void> => {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    if (child && (child.proc.exitCode !== null || child.proc.signalCode !== null)) throw new Error(`server exited:\n${child.tail()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms (${last})${child ? `:\n${child.tail()}` : ''}`);
};

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

/** User + system CPU time in a /proc `stat` file, in ms (after the comm field: state is index 0, utime 11, stime 12). */
const statCpuMs = (path: string): number => {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};

/** User + system CPU time a process has used so far, in ms (Linux /proc). */
export const processCpuMs = (pid: number): number => statCpuMs(`/proc/${pid}/stat`);

/** CPU time used by this process so far, in ms. */
export const selfCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU time each thread of a process has used so far, in ms, by thread id (the main thread's id is the pid). */
export const threadCpuMs = (pid: number): Map<number, number> => {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      out.set(Number(tid), statCpuMs(`/proc/${pid}/task/${tid}/stat`));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
};

/** Per-thread CPU used between two `threadCpuMs` readings: the main thread, then the others busiest first (ms). */
export const threadCpuSince = (pid: number, before: Map<number, number>): { main: number; others: number[] } => {
  const now = threadCpuMs(pid);
  const others: number[] = [];
  for (const [tid, ms] of now) if (tid !== pid) others.push(Math.round(ms - (before.get(tid) ?? 0)));
  return { main: Math.round((now.get(pid) ?? 0) - (before.get(pid) ?? 0)), others: others.filter((ms) => ms > 0).sort((a, b) => b - a) };
};
