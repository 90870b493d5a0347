/**
 * Child processes of the lab: spawned in their own process group, logged to a
 * file, stopped by PID (SIGTERM to the group, SIGKILL after a grace period).
 * Never kills anything the lab did not start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';

export type LabProcess = {
  name: string;
  pid: number;
  child: ChildProcess;
  logPath: string;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** True until the process exits. */
  alive: () => boolean;
  /** Everything the process printed so far (stdout + stderr), for diagnostics. */
  output: () => string;
};

const running = new Set<LabProcess>();

/** Spawns `cmd args` in its own process group; stdout and stderr go to `logPath`. */
export function startProcess(name: string, cmd: string, args: string[], logPath: string, opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): LabProcess {
  const log: WriteStream = createWriteStream(logPath, { flags: 'a' });
  const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${cmd}`);
  let buf = '';
  let isAlive = true;
  const keep = (d: Buffer) => {
    log.write(d);
    buf += d.toString();
    if (buf.length > 200_000) buf = buf.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      isAlive = false;
      running.delete(p);
      log.end();
      resolve(code ?? signal ?? 'unknown');
    });
    child.on('error', (err) => {
      isAlive = false;
      running.delete(p);
      keep(Buffer.from(`spawn error: ${String(err)}\n`));
      resolve('spawn-error');
    });
  });
  const p: LabProcess = { name, pid: child.pid, child, logPath, exited, alive: () => isAlive, output: () => buf };
  running.add(p);
  return p;
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM to the process group, SIGKILL after `graceMs`; resolves when it has exited. */
export async function stopProcess(p: LabProcess, graceMs = 3000): Promise<void> {
  if (!p.alive()) return;
  signalGroup(p.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(p.pid, 'SIGKILL'), graceMs);
  await p.exited;
  clearTimeout(timer);
  // workers of a forking daemon (Kamailio) share the group: make sure none is left
  signalGroup(p.pid, 'SIGKILL');
}

/** Last resort on process exit: SIGKILL every group still running (synchronous). */
process.on('exit', () => {
  for (const p of running) signalGroup(p.pid, 'SIGKILL');
});

/** Polls `check` every `intervalMs` until it returns a value other than undefined/false. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    await sleep(intervalMs);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A port free for both TCP and UDP on 127.0.0.1 at the time of the call. */
export async function freePort(exclude: ReadonlySet<number> = new Set()): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        const n = typeof addr === 'object' && addr ? addr.port : 0;
        srv.close(() => resolve(n));
      });
    });
    if (exclude.has(port)) continue;
    const udpFree = await new Promise<boolean>((resolve) => {
      const s = createSocket('udp4');
      s.once('error', () => resolve(false));
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error('no free port found');
}

/** Whether TCP `port` on 127.0.0.1 can be bound right now. */
const tcpFree = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/**
 * A free SIP port for baresip: `sip_listen P` binds UDP and TCP on P and SIP/TLS on P + 1, so
 * both must be free (a busy P + 1 makes baresip exit with "Address already in use").
 */
export async function freeSipPort(exclude: ReadonlySet<number> = new Set()): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = await freePort(exclude);
    if (port < 65_535 && !exclude.has(port + 1) && (await tcpFree(port + 1))) return port;
  }
  throw new Error('no free SIP port pair found');
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const got = new Set<number>();
  while (got.size < count) got.add(await freePort(got));
  return [...got];
}
