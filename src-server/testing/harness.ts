/**
 * Test helpers: start a desk server on PGlite (temporary folder) or on the shared throwaway
 * PostgreSQL cluster (a new database each time), and talk to it over real HTTP like a
 * workstation does.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { SignInResponse } from '../../src-shared/api';
import { newId } from '../../src-shared/ids';
import type { Mutation, MutationDraft } from '../../src-shared/sync/mutations';
import type { PullResponse, PushResponse } from '../../src-shared/sync/protocol';
import type { EditableFields } from '../../src-shared/ticket/model';
import { startServer, type ServerOptions } from '../app';
import { createLogger } from '../log';
import { startPostgres, type PgCluster } from './postgres';

export type Kind = 'pglite' | 'postgres';
export const KINDS: Kind[] = ['pglite', 'postgres'];

let cluster: Promise<PgCluster> | undefined;
/** The file's shared PostgreSQL cluster, started on first use. */
export const pgCluster = (): Promise<PgCluster> => (cluster ??= startPostgres());
/** Stops the shared PostgreSQL cluster and deletes the PGlite template: call it in each test file's afterAll. */
export const cleanupShared = async (): Promise<void> => {
  const c = cluster;
  const t = template;
  cluster = undefined;
  template = undefined;
  if (c) await (await c).stop();
  if (t) rmSync(await t, { recursive: true, force: true });
};

let template: Promise<string> | undefined;
/**
 * An initdb'd, empty PGlite cluster made once per test process: each new desk starts from a copy,
 * which saves PGlite's initdb (seconds) per desk. Migrations and seeding still run on every desk.
 */
const pgliteTemplate = (): Promise<string> =>
  (template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firstline-pglite-template-'));
    const pg = await PGlite.create(join(dir, 'pgdata'));
    await pg.close();
    return dir;
  })());

let dbCount = 0;
/** A database for a new desk: a temporary PGlite folder or a new PostgreSQL database. */
export const newDatabase = async (kind: Kind): Promise<{ database: ServerOptions['database']; cleanup: () => void }> => {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'firstline-desk-'));
    cpSync(join(await pgliteTemplate(), 'pgdata'), join(dir, 'pgdata'), { recursive: true });
    return { database: { dataDir: dir }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = await (await pgCluster()).createDatabase(`desk_${process.pid}_${++dbCount}`);
  return { database: { url }, cleanup: () => undefined };
};

export type TestDesk = { app: FastifyInstance; url: string; api: Api; close: () => Promise<void> };

/** Starts a seeded desk server on 127.0.0.1 and a free port. */
export const startDesk = async (kind: Kind, options: Partial<ServerOptions> = {}): Promise<TestDesk> => {
  const { database, cleanup } = await newDatabase(kind);
  const { app, url } = await startServer({ database, staticDir: null, logger: createLogger({ level: 'silent' }), port: 0, ...options });
  return {
    app,
    url,
    api: apiOf(url),
    close: async () => {
      await app.close();
      cleanup();
    },
  };
};

export type Answer<T = unknown> = { status: number; body: T; headers: Headers };

export type Api = {
  call: <T = unknown>(method: string, path: string, opts?: { body?: unknown; raw?: string; token?: string; contentType?: string }) => Promise<Answer<T>>;
  signIn: (workNumber: string, password: string) => Promise<SignInResponse>;
};

export const apiOf = (base: string): Api => {
  const call: Api['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
    if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    const res = await fetch(base + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (static files): keep the text
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  };
  return {
    call,
    signIn: async (workNumber, password) => {
      const r = await call<SignInResponse>('POST', '/api/auth/sign-in', { body: { workNumber, password } });
      if (r.status !== 200) throw new Error(`sign-in of ${workNumber} answered ${r.status}: ${JSON.stringify(r.body)}`);
      return r.body;
    },
  };
};

/** Valid ticket fields, overridable. */
export const fields = (over: Partial<EditableFields> = {}): EditableFields => ({
  type: 'incident',
  touchpoint: 'AA4001',
  impact: 'medium',
  urgency: 'medium',
  callerName: '赵先生',
  organisation: 'Finance',
  phone: '010-6500-0000',
  email: '',
  deviceModel: '',
  deviceSerial: '',
  subject: 'Printer offline',
  description: 'The printer on floor 3 is offline.',
  ...over,
});

/** A workstation install: one client id, a gap-free seq, a signed-in user. */
export class Station {
  readonly clientId = newId();
  seq = 0;
  cursor = 0;
  constructor(
    readonly api: Api,
    readonly session: SignInResponse,
  ) {}

  static async signIn(api: Api, workNumber: string, password: string): Promise<Station> {
    return new Station(api, await api.signIn(workNumber, password));
  }

  get token(): string {
    return this.session.token;
  }
  get userId(): string {
    return this.session.user.id;
  }

  /** Gives a draft its place in this station's outbox. */
  mutation(draft: MutationDraft): Mutation {
    return { ...draft, id: newId(), clientId: this.clientId, seq: ++this.seq, at: new Date().toISOString() } as Mutation;
  }

  push(...mutations: unknown[]): Promise<Answer<PushResponse>> {
    return this.api.call<PushResponse>('POST', '/api/sync/push', { body: { clientId: this.clientId, mutations }, token: this.token });
  }

  /** Pushes drafts and expects a 200. */
  async pushOk(...drafts: MutationDraft[]): Promise<PushResponse> {
    const r = await this.push(...drafts.map((d) => this.mutation(d)));
    if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async pull(cursor = this.cursor, limit?: number): Promise<PullResponse> {
    const r = await this.api.call<PullResponse>('POST', '/api/sync/pull', { body: limit ? { cursor, limit } : { cursor }, token: this.token });
    if (r.status !== 200) throw new Error(`pull answered ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Pulls every page from the station's cursor and advances it. */
  async pullAll(limit?: number): Promise<PullResponse['changes']> {
    const all: PullResponse['changes'] = [];
    for (;;) {
      const page = await this.pull(this.cursor, limit);
      if (page.reset) throw new Error('unexpected reset');
      all.push(...page.changes);
      this.cursor = page.cursor;
      if (!page.hasMore) return all;
    }
  }

  createTicket(groupId: string | null, over: Partial<EditableFields> = {}, ticketId = newId()): MutationDraft {
    return { kind: 'createTicket', ticketId, fields: fields(over), groupId, assigneeId: null };
  }
}
