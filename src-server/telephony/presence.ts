/**
 * Presence: the agent states workstations report (`POST /api/presence`), kept append-only in
 * `agent_states` for reports, with each person's current state in `agent_presence`; the floor
 * view for supervisors; Offline when a person's last session ends; and, when someone becomes
 * Ready or stops being Ready, their seat put in or taken out of the desk's queues in Kamailio
 * (`kamailio.ts`, after the commit, never in the request's way).
 *
 * Which report is current: the one received last, except that an agent report whose `at` is
 * earlier than the current agent report's `at` (a late retry) is stored in the history but
 * does not replace it. Offline set by the server (source 'server', at = server time) always
 * replaces; the next agent report replaces it. A report identical to the current one (a resend)
 * is not stored twice.
 */
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Role } from '../../src-shared/desk/directory';
import type { Db } from '../db/open';
import { agentPresence, agentStates, sessions, users, type AgentNext, type AgentStateName } from '../db/schema';
import type { Actor } from '../desk/directory';
import type { Logger } from '../log';
import type { ReadySync } from './kamailio';
import { PHONE_ROLES, queuesFor, sipUserOf, type TelephonySettings } from './settings';

export const AGENT_STATES = ['ready', 'not_ready', 'on_call', 'after_call_work', 'offline'] as const satisfies readonly AgentStateName[];

const reasonSchema = z.string().trim().min(1).max(64);
const isoSchema = z.iso.datetime({ offset: true });

/**
 * The workstation's own report shape (`{status: {name, reason?}, since, requested, telephony, until?}`,
 * src-renderer features/agent `PresenceReport`) is accepted too and read as the canonical one.
 */
const fromStatusShape = (v: unknown): unknown => {
  if (!v || typeof v !== 'object' || Array.isArray(v) || 'state' in v || !('status' in v)) return v;
  const r = v as Record<string, unknown>;
  const st = r.status;
  if (!st || typeof st !== 'object') return v;
  const s = st as Record<string, unknown>;
  const req = r.requested as Record<string, unknown> | null | undefined;
  return {
    state: s.name,
    ...(s.reason !== undefined ? { reason: s.reason } : {}),
    at: r.since,
    ...(req === null ? { next: null } : req && typeof req === 'object' ? { next: { state: req.name, ...(req.reason !== undefined ? { reason: req.reason } : {}) } } : {}),
    ...(r.until !== undefined ? { until: r.until } : {}),
    ...(r.telephony !== undefined ? { telephony: r.telephony } : {}),
  };
};

/** `POST /api/presence` body. */
export const presenceReportSchema = z.preprocess(
  fromStatusShape,
  z
    .object({
      state: z.enum(AGENT_STATES),
      /** Why Not Ready (desk reasons: break, meal, training, meeting…; system: signed_in, telephony_down, preflight_failed). */
      reason: reasonSchema.optional(),
      /** When the state began (the workstation's clock). */
      at: isoSchema,
      /** The state asked for after the current call (or null: none). */
      next: z.object({ state: z.enum(['ready', 'not_ready', 'offline']), reason: reasonSchema.optional() }).nullable().optional(),
      /** After-call work ends by itself at this time (fixed desk policy). */
      until: isoSchema.optional(),
      telephony: z.enum(['up', 'down']).optional(),
    })
    .superRefine((r, ctx) => {
      if (r.state === 'not_ready' && !r.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Not Ready needs a reason' });
      if (r.next?.state === 'not_ready' && !r.next.reason) ctx.addIssue({ code: 'custom', path: ['next', 'reason'], message: 'Not Ready needs a reason' });
    }),
);
export type PresenceReport = z.output<typeof presenceReportSchema>;

/** A person's state as the API answers it. */
export type PresenceState = {
  userId: string;
  state: AgentStateName;
  reason: string | null;
  /** When the state began (null: never reported). */
  since: string | null;
  next: AgentNext | null;
  until: string | null;
  telephony: 'up' | 'down' | null;
  source: 'agent' | 'server' | null;
  receivedAt: string | null;
};
/** `GET /api/presence` */
export type Floor = { at: string; agents: (PresenceState & { workNumber: string; name: string; role: Role })[] };
/** `GET /api/presence/history` */
export type StateRecord = {
  id: number;
  userId: string;
  state: AgentStateName;
  reason: string | null;
  at: string;
  receivedAt: string;
  next: AgentNext | null;
  until: string | null;
  telephony: 'up' | 'down' | null;
  source: 'agent' | 'server';
};

export const historyQuerySchema = z.object({
  userId: z.uuid().optional(),
  from: isoSchema.optional(),
  to: isoSchema.optional(),
  /** Only records with an id below this (paging back). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
});
export type HistoryQuery = z.output<typeof historyQuerySchema>;

/** Why the server set someone Offline. */
export type OfflineReason = 'signed_out' | 'session_ended' | 'deactivated';

export type PresenceService = {
  /** Stores a report of `actor`'s own state; answers the person's current state. */
  report: (actor: Actor, report: PresenceReport) => Promise<PresenceState>;
  floor: () => Promise<Floor>;
  history: (q: HistoryQuery) => Promise<StateRecord[]>;
  /** Offline for a person with no live session left (and not Offline already); true when it changed. */
  endIfNoSession: (userId: string, reason: OfflineReason) => Promise<boolean>;
  /** Offline for everyone not Offline whose sessions all ended (expired); answers how many. */
  sweep: () => Promise<number>;
  /** The `ready` htable keys the database says should be there (for the Kamailio resync). */
  readyKeys: () => Promise<Set<string>>;
  close: () => void;
};

type Row = typeof agentStates.$inferSelect;
type NewRow = Omit<typeof agentStates.$inferInsert, 'id' | 'receivedAt'>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const toState = (userId: string, r: Row | null): PresenceState =>
  r
    ? {
        userId,
        state: r.state,
        reason: r.reason,
        since: r.at.toISOString(),
        next: r.next,
        until: iso(r.until),
        telephony: r.telephony,
        source: r.source,
        receivedAt: r.receivedAt.toISOString(),
      }
    : { userId, state: 'offline', reason: null, since: null, next: null, until: null, telephony: null, source: null, receivedAt: null };

const toRecord = (r: Row): StateRecord => ({
  id: r.id,
  userId: r.userId,
  state: r.state,
  reason: r.reason,
  at: r.at.toISOString(),
  receivedAt: r.receivedAt.toISOString(),
  next: r.next,
  until: iso(r.until),
  telephony: r.telephony,
  source: r.source,
});

const sameReport = (a: Row, b: NewRow): boolean =>
  a.state === b.state &&
  a.source === b.source &&
  (a.reason ?? null) === (b.reason ?? null) &&
  a.at.getTime() === b.at.getTime() &&
  JSON.stringify(a.next ?? null) === JSON.stringify(b.next ?? null) &&
  (a.until?.getTime() ?? null) === (b.until?.getTime() ?? null) &&
  (a.telephony ?? null) === (b.telephony ?? null);

export type PresenceOptions = {
  db: Db;
  log: Logger;
  telephony: TelephonySettings | null;
  readySync: ReadySync | null;
  /** How often to set Offline the people whose sessions expired (ms; 0 = never). Default 60 s. */
  sweepMs?: number;
};

export const createPresence = (o: PresenceOptions): PresenceService => {
  const { db, log } = o;
  let closed = false;

  /** Stores `row` for `userId`; `when` decides from the current row whether to store at all. */
  const write = async (
    userId: string,
    row: NewRow,
    when: (current: Row | null) => boolean = () => true,
  ): Promise<{ before: Row | null; current: Row | null; stored: boolean }> =>
    db.transaction(async (tx) => {
      const [cur] = await tx
        .select({ s: agentStates })
        .from(agentPresence)
        .innerJoin(agentStates, eq(agentStates.id, agentPresence.stateId))
        .where(eq(agentPresence.userId, userId))
        .for('update', { of: agentPresence });
      const before = cur?.s ?? null;
      if (!when(before) || (before && sameReport(before, row))) return { before, current: before, stored: false };
      const [inserted] = await tx.insert(agentStates).values(row).returning();
      const stale = before !== null && before.source === 'agent' && row.source === 'agent' && row.at.getTime() < before.at.getTime();
      if (stale) return { before, current: before, stored: true };
      await tx
        .insert(agentPresence)
        .values({ userId, stateId: inserted!.id })
        .onConflictDoUpdate({ target: agentPresence.userId, set: { stateId: inserted!.id } });
      return { before, current: inserted!, stored: true };
    });

  /** After a commit: the seat joins or leaves the queues when Ready-ness changed. */
  const followReady = (userId: string, role: Role, before: Row | null, current: Row | null) => {
    const was = before?.state === 'ready';
    const is = current?.state === 'ready';
    if (was === is || !o.telephony || !o.readySync) return;
    const queues = queuesFor(o.telephony, role).map((q) => q.number);
    if (queues.length) o.readySync.set(sipUserOf(userId), queues, is);
  };

  const endIfNoSession: PresenceService['endIfNoSession'] = async (userId, reason) => {
    const [live] = await db
      .select({ t: sessions.tokenHash })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date())))
      .limit(1);
    if (live) return false;
    const [u] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
    if (!u) return false;
    const r = await write(userId, { userId, state: 'offline', reason, source: 'server', at: new Date() }, (cur) => cur !== null && cur.state !== 'offline');
    if (r.stored) {
      log.info({ userId, reason }, 'agent set Offline');
      followReady(userId, u.role, r.before, r.current);
    }
    return r.stored;
  };

  const sweep: PresenceService['sweep'] = async () => {
    const stale = await db
      .select({ userId: agentPresence.userId })
      .from(agentPresence)
      .innerJoin(agentStates, eq(agentStates.id, agentPresence.stateId))
      .where(
        and(
          ne(agentStates.state, 'offline'),
          sql`not exists (select 1 from ${sessions} where ${sessions.userId} = ${agentPresence.userId} and ${sessions.expiresAt} > now())`,
        ),
      );
    let n = 0;
    for (const { userId } of stale) if (await endIfNoSession(userId, 'session_ended')) n++;
    return n;
  };

  let timer: ReturnType<typeof setInterval> | null = null;
  const sweepMs = o.sweepMs ?? 60_000;
  if (sweepMs > 0) {
    timer = setInterval(() => {
      if (closed) return;
      sweep().catch((e: unknown) => {
        if (!closed) log.error({ err: e }, 'presence sweep failed');
      });
    }, sweepMs);
    timer.unref?.();
  }

  return {
    report: async (actor, report) => {
      const row: NewRow = {
        userId: actor.id,
        state: report.state,
        reason: report.reason ?? null,
        next: report.next ?? null,
        until: report.until ? new Date(report.until) : null,
        telephony: report.telephony ?? null,
        source: 'agent',
        at: new Date(report.at),
      };
      const r = await write(actor.id, row);
      followReady(actor.id, actor.role, r.before, r.current);
      return toState(actor.id, r.current);
    },

    floor: async () => {
      const rows = await db
        .select({ id: users.id, workNumber: users.workNumber, name: users.name, role: users.role, s: agentStates })
        .from(users)
        .leftJoin(agentPresence, eq(agentPresence.userId, users.id))
        .leftJoin(agentStates, eq(agentStates.id, agentPresence.stateId))
        .where(and(eq(users.active, true), inArray(users.role, [...PHONE_ROLES])))
        .orderBy(asc(users.workNumber));
      return {
        at: new Date().toISOString(),
        agents: rows.map((r) => ({ ...toState(r.id, r.s), workNumber: r.workNumber, name: r.name, role: r.role })),
      };
    },

    history: async (q) => {
      const conds: (SQL | undefined)[] = [
        q.userId ? eq(agentStates.userId, q.userId) : undefined,
        q.from ? gte(agentStates.at, new Date(q.from)) : undefined,
        q.to ? lte(agentStates.at, new Date(q.to)) : undefined,
        q.before ? lt(agentStates.id, q.before) : undefined,
      ];
      const rows = await db
        .select()
        .from(agentStates)
        .where(and(...conds))
        .orderBy(desc(agentStates.id))
        .limit(q.limit);
      return rows.map(toRecord);
    },

    endIfNoSession,
    sweep,

    readyKeys: async () => {
      const keys = new Set<string>();
      if (!o.telephony) return keys;
      const rows = await db
        .select({ id: users.id, role: users.role })
        .from(agentPresence)
        .innerJoin(agentStates, eq(agentStates.id, agentPresence.stateId))
        .innerJoin(users, eq(users.id, agentPresence.userId))
        .where(and(eq(agentStates.state, 'ready'), eq(users.active, true)));
      for (const r of rows) for (const q of queuesFor(o.telephony, r.role)) keys.add(`${q.number}:${sipUserOf(r.id)}`);
      return keys;
    },

    close: () => {
      closed = true;
      if (timer) clearInterval(timer);
    },
  };
};
