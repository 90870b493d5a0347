/**
 * A small in-process desk server speaking the sync protocol (push, pull, sign-in), for the
 * engine's tests: it decides with the same `applyMutation`, keeps per-client seqs (duplicates
 * answered with the stored result, gaps refused), versions every change, and can be taken
 * down, made to lose answers, or to demand a reset. Not the real server (src-server).
 */
import type { DirectoryUser, Group } from '../../../../src-shared/desk/directory';
import { DEFAULT_TOUCHPOINTS } from '../../../../src-shared/desk/touchpoint';
import { newId } from '../../../../src-shared/ids';
import type { AppError } from '../../../../src-shared/result';
import { applyMutation } from '../../../../src-shared/ticket/apply';
import type { Conflict, Ticket } from '../../../../src-shared/ticket/model';
import { DEFAULT_PRIORITY_MATRIX } from '../../../../src-shared/ticket/priority';
import type { Mutation } from '../../../../src-shared/sync/mutations';
import type { Change, DeskSettings, MutationResult, PullResponse, PushRequest, PushResponse } from '../../../../src-shared/sync/protocol';
import type { FetchLike } from '../desk-api';

type Stored = { mutationId: string; result: MutationResult };

export class FakeDesk {
  version = 0;
  /** Take the desk down: every request fails like a dead network. */
  down = false;
  /** Apply the next push but lose the answer (the client sees a network error). */
  loseNextPushAnswer = false;
  /** Pull cursors below this get `reset`. */
  resetBelow = 0;
  /** Mutation ids the server refuses as bad requests (400), to exercise splitting. */
  badRequestIds = new Set<string>();
  readonly tokens = new Map<string, string>();
  readonly clients = new Map<string, { lastSeq: number; results: Map<number, Stored> }>();
  readonly tickets = new Map<string, Ticket>();
  readonly conflicts = new Map<string, Conflict>();
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, Group>();
  settings: DeskSettings = { deskName: 'Test desk', deskNameZh: '测试服务台', priorityMatrix: DEFAULT_PRIORITY_MATRIX, touchpoints: DEFAULT_TOUCHPOINTS };
  private readonly rows = new Map<string, Change>();
  private ticketNumber = 0;
  readonly log: { path: string; body: unknown }[] = [];

  constructor() {
    this.record({ entity: 'settings', op: 'put', version: ++this.version, row: this.settings });
  }

  private record(c: Change): void {
    const key = c.op === 'put' ? `${c.entity}:${'id' in c.row ? c.row.id : 'desk'}` : `${c.entity}:${c.id}`;
    this.rows.set(key, c);
  }

  addGroup(name: string): Group {
    const g: Group = { id: newId(), name, nameZh: name, kind: 'l2', contacts: [], version: ++this.version };
    this.groups.set(g.id, g);
    this.record({ entity: 'group', op: 'put', version: g.version, row: g });
    return g;
  }

  addUser(name: string, groupIds: string[] = [], role: DirectoryUser['role'] = 'agent'): { user: DirectoryUser; token: string } {
    const u: DirectoryUser = { id: newId(), workNumber: String(1000 + this.users.size), name, role, active: true, groupIds, version: ++this.version };
    this.users.set(u.id, u);
    this.record({ entity: 'user', op: 'put', version: u.version, row: u });
    const token = `token-${u.id}`;
    this.tokens.set(token, u.id);
    return { user: u, token };
  }

  /** Forces every pull from a cursor below the current version to answer `reset`. */
  forgetCursors(): void {
    this.resetBelow = this.version;
  }

  private push(actorId: string, req: PushRequest): { status: number; body: unknown } {
    const client = this.clients.get(req.clientId) ?? { lastSeq: 0, results: new Map<number, Stored>() };
    this.clients.set(req.clientId, client);
    const results: MutationResult[] = [];
    for (const m of req.mutations) {
      if (m.seq <= client.lastSeq) {
        const s = client.results.get(m.seq);
        if (s) results.push({ ...s.result, duplicate: true });
        continue;
      }
      if (m.seq > client.lastSeq + 1) break;
      results.push(this.apply(actorId, m));
      client.results.set(m.seq, { mutationId: m.id, result: results.at(-1)! });
      client.lastSeq = m.seq;
    }
    if (results.length === 0 && req.mutations.length > 0 && req.mutations[0]!.seq > client.lastSeq + 1)
      return { status: 409, body: { error: { code: 'SEQ_GAP', message: 'gap', details: { lastSeq: client.lastSeq } } } };
    return { status: 200, body: { results, lastSeq: client.lastSeq, version: this.version } satisfies PushResponse };
  }

  private apply(actorId: string, m: Mutation): MutationResult {
    const head = { seq: m.seq, mutationId: m.id, duplicate: false };
    const version = this.version + 1;
    const now = new Date().toISOString();
    const r = applyMutation(this.tickets.get(m.ticketId), m, {
      actorId,
      now,
      version,
      settings: this.settings,
      groupExists: (id) => this.groups.has(id),
      isMember: (u, g) => this.users.get(u)?.groupIds.includes(g),
      conflict: (id) => this.conflicts.get(id),
      newId,
    });
    if (!r.ok) return { ...head, status: 'rejected', error: r.error satisfies AppError };
    this.version = version;
    const ticket = m.kind === 'createTicket' ? { ...r.value.ticket, number: ++this.ticketNumber } : r.value.ticket;
    this.tickets.set(ticket.id, ticket);
    this.record({ entity: 'ticket', op: 'put', version, row: ticket });
    for (const h of r.value.history)
      this.record({ entity: 'history', op: 'put', version, row: { ...h, id: newId(), ticketId: ticket.id, userId: actorId, at: now, mutationId: m.id, version } });
    if (r.value.note) this.record({ entity: 'worklog', op: 'put', version, row: r.value.note });
    for (const c of [r.value.opened, r.value.closed]) {
      if (!c) continue;
      this.conflicts.set(c.id, c);
      this.record({ entity: 'conflict', op: 'put', version, row: c });
    }
    return r.value.opened ? { ...head, status: 'conflict', conflictId: r.value.opened.id } : { ...head, status: 'applied' };
  }

  private pull(cursor: number, limit = 1000): PullResponse {
    if (cursor > 0 && cursor < this.resetBelow) return { changes: [], cursor: 0, hasMore: true, reset: true };
    const after = [...this.rows.values()].filter((c) => c.version > cursor).sort((a, b) => a.version - b.version);
    // A page never splits one version (one commit) in two.
    let page = after.slice(0, limit);
    const boundary = page.at(-1)?.version;
    if (boundary !== undefined && after[limit]?.version === boundary) {
      const trimmed = page.filter((c) => c.version < boundary);
      page = trimmed.length > 0 ? trimmed : after.filter((c) => c.version <= boundary);
    }
    const hasMore = page.length < after.length;
    return { changes: page, cursor: hasMore ? page.at(-1)!.version : Math.max(cursor, this.version), hasMore, reset: false };
  }

  /** The desk as a `fetch`. */
  readonly fetch: FetchLike = async (input, init) => {
    if (this.down) throw new TypeError('fetch failed');
    const path = new URL(input, 'http://desk.test').pathname;
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : null;
    this.log.push({ path, body });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    const auth = new Headers(init?.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
    const actorId = this.tokens.get(auth);
    if (!actorId) return json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in again' } });
    if (path === '/api/sync/push') {
      const req = body as PushRequest;
      if (req.mutations.some((m) => this.badRequestIds.has(m.id))) return json(400, { error: { code: 'VALIDATION_FAILED', message: 'bad mutation' } });
      const out = this.push(actorId, req);
      if (this.loseNextPushAnswer) {
        this.loseNextPushAnswer = false;
        throw new TypeError('connection reset');
      }
      return json(out.status, out.body);
    }
    if (path === '/api/sync/pull') {
      const req = body as { cursor: number; limit?: number };
      return json(200, this.pull(req.cursor, req.limit));
    }
    return json(404, { error: { code: 'NOT_FOUND', message: path } });
  };
}
