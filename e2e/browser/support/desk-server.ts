import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });

/**
 * The real desk server as a child process with its own throwaway data folder, serving the
 * built web page (out/web). It can be killed hard (SIGKILL, as a crash) and started again
 * on the same port and data, as an outage and its end.
 */
export class DeskServer {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'firstline-e2e-desk-'));
  private proc: ChildProcess | null = null;
  output = '';

  private constructor(readonly port: number) {}

  static async start(env: Record<string, string> = {}): Promise<DeskServer> {
    const s = new DeskServer(await freePort());
    await s.up(env);
    return s;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server process (again) and waits until /api/health answers. */
  async up(env: Record<string, string> = {}): Promise<void> {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', 'src-server/cli.ts', '--data-dir', this.dataDir, '--port', String(this.port), '--static', 'out/web'],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.proc = proc;
    proc.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`desk server exited with ${proc.exitCode}:\n${this.output}`);
      const ok = await fetch(`${this.url}/api/health`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`desk server did not answer within 120 s:\n${this.output}`);
  }

  /** Kills the server as a crash would (SIGKILL) and waits until it is gone. */
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGKILL');
    await gone;
  }

  /** Resolves when the process exits by itself (e.g. a test-only fault hook). */
  exited(): Promise<number | null> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return Promise.resolve(p?.exitCode ?? null);
    return new Promise((r) => p.once('exit', (code) => r(code)));
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
