/**
 * The desk server killed right after a push committed, before it could answer (the test-only
 * FIRSTLINE_FAULT=exit-after-commit hook), then restarted: the client resends and the mutation
 * is answered as a duplicate, applied once. Runs the real CLI, on PGlite and on PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { Group } from '../src-shared/desk/directory';
import type { Ticket } from '../src-shared/ticket/model';
import { KINDS, Station, apiOf, newDatabase, cleanupShared } from './testing/harness';

afterAll(cleanupShared);

type Running = { child: ChildProcess; url: string; exited: Promise<number | null> };

const startCli = (args: string[], env: Record<string, string>): Promise<Running> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-server/cli.ts', '--port', '0', '--static', '', ...args], {
      cwd: new URL('..', import.meta.url).pathname,
      env: { ...process.env, FIRSTLINE_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    let out = '';
    let errText = '';
    child.stderr!.on('data', (d: Buffer) => (errText += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Firstline desk server listening on (http:\/\/127\.0\.0\.1:\d+) \(db: (pglite|postgres)\)/.exec(out);
      if (m) resolve({ child, url: m[1]!, exited });
    });
    void exited.then((code) => reject(new Error(`desk server exited (${code}) before listening: ${errText}`)));
  });

describe.each(KINDS)('killed right after a push commits, on %s', (kind) => {
  it('applies the resent mutation exactly once', { timeout: 120_000 }, async () => {
    const { database, cleanup } = await newDatabase(kind);
    const args = 'url' in database ? ['--database-url', database.url] : 'dataDir' in database ? ['--data-dir', database.dataDir] : [];
    let server = await startCli(args, { FIRSTLINE_FAULT: 'exit-after-commit' });
    try {
      const station = await Station.signIn(apiOf(server.url), '1001', 'agent1001');
      const l1 = (await station.pull(0)).changes.flatMap((c) => (c.entity === 'group' && c.op === 'put' ? [c.row as Group] : [])).find((x) => x.name === 'L1')!;
      const m = station.mutation(station.createTicket(l1.id, { subject: 'survives the crash' }));
      await expect(station.push(m)).rejects.toThrow(); // no answer: the connection dies
      expect(await server.exited).toBe(137);

      server = await startCli(args, {});
      const again = await Station.signIn(apiOf(server.url), '1001', 'agent1001');
      const resent = await apiOf(server.url).call<{ results: unknown[]; lastSeq: number }>('POST', '/api/sync/push', {
        body: { clientId: station.clientId, mutations: [m] },
        token: again.token,
      });
      expect(resent.status).toBe(200);
      expect(resent.body.results).toEqual([{ seq: 1, mutationId: m.id, duplicate: true, status: 'applied' }]);
      const list = await apiOf(server.url).call<Ticket[]>('GET', '/api/tickets', { token: again.token });
      expect(list.body.filter((t) => t.subject === 'survives the crash')).toHaveLength(1);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      cleanup();
    }
  });
});
