/**
 * Convergence under network faults (DESIGN §7): several workstations make random changes
 * while a proxy on 127.0.0.1 duplicates requests, drops answers after the server committed,
 * delays (reorders) answers and partitions the network. After healing, every workstation
 * equals the server, and every mutation the server acknowledged is there exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../src-server/app';
import {
  createCommands,
  createMemoryStore,
  createSyncEngine,
  getDirectory,
  getTicketDetail,
  listOutbox,
  listRejections,
  listTickets,
  type Commands,
  type LocalStore,
  type SyncEngine,
} from '../src-renderer/features/sync';
import type { EditableFields, HistoryEntry, Mutation, SignInResponse, Ticket, TicketStatus, WorklogEntry } from '../src-shared';
import { startFaultProxy, type Fault, type FaultProxy } from './fault-proxy';

type Op =
  | { kind: 'create'; client: number; subject: string }
  | { kind: 'subject'; client: number; pick: number; subject: string }
  | { kind: 'note'; client: number; pick: number; body: string }
  | { kind: 'assign'; client: number; pick: number; target: number }
  | { kind: 'status'; client: number; pick: number; to: TicketStatus }
  | { kind: 'sync'; client: number }
  | { kind: 'partition'; on: boolean };

const ACCOUNTS = [
  ['1001', 'agent1001'],
  ['1002', 'agent1002'],
  ['9001', 'super9001'],
] as const;

const FIELDS: EditableFields = {
  type: 'incident',
  touchpoint: 'AA4001',
  impact: 'medium',
  urgency: 'medium',
  callerName: '周敏',
  organisation: '市场部',
  phone: '13800138000',
  email: '',
  deviceModel: '',
  deviceSerial: '',
  subject: 'x',
  description: 'VPN 连接后无法访问内网',
};

type Client = { store: LocalStore; engine: SyncEngine; commands: Commands; journal: Mutation[]; token: string };

let app: FastifyInstance;
let serverUrl = '';
let dataDir = '';

const signIn = async (workNumber: string, password: string): Promise<SignInResponse> => {
  const r = await fetch(`${serverUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workNumber, password }) });
  expect(r.status).toBe(200);
  return (await r.json()) as SignInResponse;
};

const get = async <T>(token: string, path: string): Promise<T> => {
  const r = await fetch(`${serverUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status).toBe(200);
  return (await r.json()) as T;
};

const newClient = async (i: number, proxy: FaultProxy): Promise<Client> => {
  const [workNumber, password] = ACCOUNTS[i]!;
  const session = await signIn(workNumber, password);
  const store = await createMemoryStore(`prop-${i}-${Math.random()}`);
  const actor = { id: session.user.id, role: session.user.role };
  const journal: Mutation[] = [];
  const engine = createSyncEngine({
    store,
    actor,
    baseUrl: proxy.url,
    token: session.token,
    webSocket: null,
    locks: null,
    channel: null,
    events: null,
    pollMs: 0,
    backoff: { baseMs: 5, maxMs: 40 },
    requestTimeoutMs: 5_000,
    batchSize: 7,
    pullLimit: 9,
  });
  // Like the workstation: each action nudges the engine, so background runs interleave with the test's own.
  const commands = createCommands({ store, actor, journal: { append: (m) => journal.push(m) }, onChange: () => engine.requestSync() });
  engine.start();
  return { store, engine, commands, journal, token: session.token };
};

const opArb = (clients: number): fc.Arbitrary<Op> => {
  const client = fc.integer({ min: 0, max: clients - 1 });
  const pick = fc.nat(50);
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), client, subject: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('subject' as const), client, pick, subject: fc.constantFrom('打印机卡纸', 'VPN down', '邮箱满了', 'Password reset') }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), client, pick, body: fc.constantFrom('已回电', 'called back', '等待备件') }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('assign' as const), client, pick, target: fc.nat(3) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), client, pick, to: fc.constantFrom<TicketStatus>('in_progress', 'resolved', 'reopened', 'cancelled') }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), client }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), on: fc.boolean() }) },
  );
};

const faultArb = fc.constantFrom<Fault>('pass', 'pass', 'duplicate', 'drop-response', 'delay', 'partition');

/** Syncs everyone until nobody has anything waiting and a full round changed nothing. */
const heal = async (clients: Client[], proxy: FaultProxy): Promise<void> => {
  proxy.setPartitioned(false);
  proxy.setHealthy(true);
  for (let round = 0; round < 20; round++) {
    for (const c of clients) await c.engine.syncNow();
    const waiting = await Promise.all(clients.map((c) => listOutbox(c.store).then((o) => o.length)));
    if (waiting.every((n) => n === 0)) {
      for (const c of clients) expect(await c.engine.syncNow()).toBe('ok');
      return;
    }
  }
  throw new Error('the workstations did not drain their outboxes after healing');
};

const comparable = (t: Ticket) => ({
  id: t.id,
  number: t.number,
  subject: t.subject,
  status: t.status,
  groupId: t.groupId,
  assigneeId: t.assigneeId,
  priority: t.priority,
  version: t.version,
});

describe('sync convergence through a faulty network', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'firstline-prop-'));
    app = await createServer({ database: { dataDir }, staticDir: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    serverUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every workstation equals the server and every acknowledged mutation is there exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(faultArb, { minLength: 1, maxLength: 12 }), fc.array(opArb(ACCOUNTS.length), { minLength: 5, maxLength: 40 }), async (faults, ops) => {
        let n = 0;
        const proxy = await startFaultProxy(serverUrl, () => faults[n++ % faults.length]!);
        const clients: Client[] = [];
        try {
          // Each workstation signs in online first (directory and settings cached), as an agent does.
          proxy.setHealthy(true);
          for (let i = 0; i < ACCOUNTS.length; i++) {
            const c = await newClient(i, proxy);
            clients.push(c);
            expect(await c.engine.syncNow()).toBe('ok');
          }
          proxy.setHealthy(false);
          const l1 = (await getDirectory(clients[0]!.store)).groups.find((g) => g.kind === 'l1')!;
          const l2 = (await getDirectory(clients[0]!.store)).groups.find((g) => g.kind === 'l2')!;
          const users = (await getDirectory(clients[0]!.store)).users;
          const targets = [
            { groupId: l1.id, assigneeId: users.find((u) => u.workNumber === '1001' && u.active)!.id },
            { groupId: l1.id, assigneeId: users.find((u) => u.workNumber === '1002' && u.active)!.id },
            { groupId: l1.id, assigneeId: null },
            { groupId: l2.id, assigneeId: null },
          ];

          for (const op of ops) {
            if (op.kind === 'partition') {
              proxy.setPartitioned(op.on);
              continue;
            }
            const c = clients[op.client]!;
            if (op.kind === 'sync') {
              await c.engine.syncNow();
              continue;
            }
            if (op.kind === 'create') {
              await c.commands.createTicket({ ...FIELDS, subject: op.subject }, { groupId: l1.id, assigneeId: null });
              continue;
            }
            const mine = await listTickets(c.store);
            if (mine.length === 0) continue;
            const t = mine[op.pick % mine.length]!;
            if (op.kind === 'subject') await c.commands.setFields(t.id, { subject: op.subject });
            if (op.kind === 'note') await c.commands.addNote(t.id, op.body);
            if (op.kind === 'assign') await c.commands.assign(t.id, targets[op.target]!.groupId, targets[op.target]!.assigneeId);
            if (op.kind === 'status') await c.commands.changeStatus(t.id, op.to);
          }

          await heal(clients, proxy);

          // Every workstation equals the server's view of that user's scope.
          for (const c of clients) {
            const server = (await get<Ticket[]>(c.token, '/api/tickets')).map(comparable).sort((a, b) => a.id.localeCompare(b.id));
            const local = (await listTickets(c.store)).map(comparable).sort((a, b) => a.id.localeCompare(b.id));
            expect(local).toEqual(server);
            for (const t of local) {
              const s = await get<{ worklog: WorklogEntry[] }>(c.token, `/api/tickets/${t.id}`);
              const l = await getTicketDetail(c.store, t.id);
              expect(l.worklog.map((w) => w.id).sort()).toEqual(s.worklog.map((w) => w.id).sort());
              expect(l.worklog.every((w) => !w.pending)).toBe(true);
            }
          }

          // Every acknowledged mutation is on the server exactly once (checked with the supervisor's view).
          const sup = clients[2]!.token;
          for (const c of clients) {
            const rejected = new Set((await listRejections(c.store, { all: true })).map((r) => r.mutation.id));
            for (const m of c.journal) {
              if (rejected.has(m.id)) continue;
              const d = await get<{ ticket: Ticket; worklog: WorklogEntry[]; history: HistoryEntry[] }>(sup, `/api/tickets/${m.ticketId}`);
              const entries = d.history.filter((h) => h.mutationId === m.id);
              const fields = entries.map((h) => h.field);
              expect(new Set(fields).size, `mutation ${m.kind} ${m.id} applied more than once`).toBe(fields.length);
              if (m.kind === 'createTicket') expect(fields).toEqual(['created']);
              if (m.kind === 'addNote') expect(d.worklog.filter((w) => w.id === m.noteId)).toHaveLength(1);
            }
          }
        } finally {
          for (const c of clients) await c.engine.stop();
          await proxy.close();
        }
      }),
      { numRuns: Number(process.env.FIRSTLINE_PROP_RUNS ?? 12), endOnFailure: true },
    );
  }, 600_000);
});
