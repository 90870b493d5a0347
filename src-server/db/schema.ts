/**
 * The desk database (Drizzle, PostgreSQL dialect). The same schema and the same migrations
 * (`db/migrations`, made by `npm run db:generate`) serve PGlite and PostgreSQL.
 *
 * Every row a workstation pulls carries `version`: the desk version (desk_state.version) of the
 * transaction that last wrote it. Versions are handed out under desk_state's row lock, so they
 * follow commit order and a pull cursor never skips a row committed later with a lower number.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Contact, GroupKind, Role } from '../../src-shared/desk/directory';
import type { ConflictSide } from '../../src-shared/ticket/model';
import type { ArticleLanguage, ArticleStatus } from '../../src-shared/knowledge/model';

const version = () => bigint('version', { mode: 'number' }).notNull();
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One row: this desk's identity and its version counter. */
export const deskState = pgTable(
  'desk_state',
  {
  id: integer('id').primaryKey().default(1),
  deskId: uuid('desk_id').notNull(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  /** The newest version whose tombstones were pruned: a cursor (other than 0) under it must reset. */
  minCursor: bigint('min_cursor', { mode: 'number' }).notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [check('desk_state_one_row', sql`${t.id} = 1`)],
);

/** A person. `work_number` (工号) is unique only among active users, so it can be reused by someone new. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    workNumber: text('work_number').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    active: boolean('active').notNull().default(true),
    /** `scrypt$N$r$p$<base64 hash>`; the salt is kept beside it. */
    passwordHash: text('password_hash').notNull(),
    passwordSalt: text('password_salt').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    deactivatedAt: ts('deactivated_at'),
    version: version(),
  },
  (t) => [uniqueIndex('users_active_work_number').on(t.workNumber).where(sql`active`), index('users_version').on(t.version)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    nameZh: text('name_zh').notNull(),
    kind: text('kind').$type<GroupKind>().notNull(),
    contacts: jsonb('contacts').$type<Contact[]>().notNull().default([]),
    version: version(),
  },
  (t) => [index('groups_version').on(t.version)],
);

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('group_members_user').on(t.userId)],
);

/** Editable desk settings, one row per key (deskName, deskNameZh, priorityMatrix, touchpoints). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  version: version(),
});

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey(),
    number: serial('number').notNull().unique(),
    type: text('type').notNull(),
    touchpoint: text('touchpoint').notNull(),
    impact: text('impact').notNull(),
    urgency: text('urgency').notNull(),
    callerName: text('caller_name').notNull(),
    organisation: text('organisation').notNull(),
    phone: text('phone').notNull(),
    email: text('email').notNull(),
    deviceModel: text('device_model').notNull(),
    deviceSerial: text('device_serial').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    priority: text('priority').notNull(),
    status: text('status').notNull(),
    groupId: uuid('group_id'),
    assigneeId: uuid('assignee_id'),
    assignedBy: uuid('assigned_by'),
    assignedAt: ts('assigned_at'),
    escalationLevel: integer('escalation_level').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: version(),
    fieldVersions: jsonb('field_versions').$type<Record<string, number>>().notNull(),
  },
  (t) => [
    index('tickets_version').on(t.version),
    index('tickets_group').on(t.groupId),
    index('tickets_assignee').on(t.assigneeId),
    index('tickets_created_by').on(t.createdBy),
  ],
);

/** Append-only worklog (notes). */
export const worklog = pgTable(
  'worklog',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    at: ts('at').notNull(),
    version: version(),
  },
  (t) => [index('worklog_version').on(t.version), index('worklog_ticket').on(t.ticketId)],
);

/** Who changed what, including values later overwritten. References the person (user id), never the work number. */
export const history = pgTable(
  'history',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    userId: uuid('user_id').notNull(),
    field: text('field').notNull(),
    from: jsonb('from_value').$type<unknown>(),
    to: jsonb('to_value').$type<unknown>(),
    at: ts('at').notNull(),
    mutationId: uuid('mutation_id').notNull(),
    concurrent: boolean('concurrent').notNull().default(false),
    version: version(),
  },
  (t) => [index('history_version').on(t.version), index('history_ticket').on(t.ticketId)],
);

export const conflicts = pgTable(
  'conflicts',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id),
    field: text('field').$type<'assignment'>().notNull(),
    sides: jsonb('sides').$type<[ConflictSide, ConflictSide]>().notNull(),
    /** User ids (JSON array of strings). */
    participants: jsonb('participants').$type<string[]>().notNull(),
    status: text('status').$type<'open' | 'resolved'>().notNull(),
    resolvedBy: uuid('resolved_by'),
    resolution: jsonb('resolution').$type<{ groupId: string | null; assigneeId: string | null }>(),
    createdAt: ts('created_at').notNull(),
    version: version(),
  },
  (t) => [index('conflicts_version').on(t.version), index('conflicts_ticket').on(t.ticketId)],
);

/**
 * A record left some users' scope (or was deleted) at `version`: those in `audience`
 * (user ids) receive a `delete` change for it.
 */
export const tombstones = pgTable(
  'tombstones',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entity: text('entity').$type<'ticket' | 'conflict' | 'user' | 'group'>().notNull(),
    recordId: uuid('record_id').notNull(),
    version: version(),
    audience: jsonb('audience').$type<string[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('tombstones_version').on(t.version), index('tombstones_record').on(t.recordId)],
);

/**
 * A ticket entered some users' scope at `version` (reassigned to their group or to them):
 * their next pull also carries the ticket's older worklog and history.
 */
export const ticketGrants = pgTable(
  'ticket_grants',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: uuid('ticket_id').notNull(),
    version: version(),
    audience: jsonb('audience').$type<string[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ticket_grants_version').on(t.version)],
);

/** The last mutation seq applied (or rejected) per workstation install. A client id belongs to one user. */
export const clientSeqs = pgTable('client_seqs', {
  clientId: uuid('client_id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  lastSeq: integer('last_seq').notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * The answers given to mutations, so a resent one gets the same answer. One row per run of
 * consecutive seqs decided together: `seq` is the run's first, `last_seq` its last, `result` the
 * JSON array of their results in seq order (a row with `last_seq` null holds one result object:
 * the shape before runs were stored whole). `mutation_id` is the first mutation's.
 */
export const mutationResults = pgTable(
  'mutation_results',
  {
    clientId: uuid('client_id').notNull(),
    seq: integer('seq').notNull(),
    lastSeq: integer('last_seq'),
    mutationId: uuid('mutation_id').notNull(),
    result: jsonb('result').$type<unknown>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.seq] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

/** The agent states (presence) a workstation reports, and Offline set by the server. */
export type AgentStateName = 'ready' | 'not_ready' | 'on_call' | 'after_call_work' | 'offline';
/** Where the agent goes after the current call (a state asked for during a call). */
export type AgentNext = { state: 'ready' | 'not_ready' | 'offline'; reason?: string };

/**
 * Append-only history of agent states, for reports (time Ready, Not Ready by reason, …).
 * `at` is when the state began by the workstation's clock; `received_at` the server's time.
 * `source`: 'agent' (POST /api/presence) or 'server' (Offline at sign-out, session end, deactivation).
 */
export const agentStates = pgTable(
  'agent_states',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    state: text('state').$type<AgentStateName>().notNull(),
    reason: text('reason'),
    next: jsonb('next').$type<AgentNext>(),
    /** After-call work ends by itself at this time (fixed desk policy). */
    until: ts('until'),
    telephony: text('telephony').$type<'up' | 'down'>(),
    source: text('source').$type<'agent' | 'server'>().notNull(),
    at: ts('at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [index('agent_states_user_at').on(t.userId, t.at), index('agent_states_at').on(t.at)],
);

/** Each person's current state: the agent_states row received last (absent: Offline, never reported). */
export const agentPresence = pgTable('agent_presence', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id),
  stateId: bigint('state_id', { mode: 'number' })
    .notNull()
    .references(() => agentStates.id),
});

// ---- knowledge ---------------------------------------------------------------------------

/**
 * Knowledge articles. `slug` is the stable key an import matches on; `revision` counts saves
 * (each kept in `article_revisions`); `version` is the desk version of the last write, so the
 * pull sends published articles as puts and unpublished ones as deletes.
 */
export const articles = pgTable(
  'articles',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category').notNull(),
    touchpoints: jsonb('touchpoints').$type<string[]>().notNull().default([]),
    language: text('language').$type<ArticleLanguage>().notNull(),
    tags: jsonb('tags').$type<string[]>().notNull().default([]),
    status: text('status').$type<ArticleStatus>().notNull(),
    revision: integer('revision').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by'),
    version: version(),
  },
  (t) => [index('articles_version').on(t.version)],
);

/** Every saved revision of an article, with its author and time. */
export const articleRevisions = pgTable(
  'article_revisions',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => articles.id),
    revision: integer('revision').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category').notNull(),
    touchpoints: jsonb('touchpoints').$type<string[]>().notNull(),
    language: text('language').$type<ArticleLanguage>().notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    status: text('status').$type<ArticleStatus>().notNull(),
    authorId: uuid('author_id'),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.revision] })],
);

/** Columns every append-only record carries: who sent it, from which workstation, when it happened and arrived. */
const recordColumns = () => ({
  id: uuid('id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  clientId: uuid('client_id').notNull(),
  at: ts('at').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
});

/** An article opened, or used for a ticket (for usage reports). No foreign key on the article: usage outlives edits. */
export const articleUses = pgTable(
  'article_uses',
  {
    ...recordColumns(),
    articleId: uuid('article_id').notNull(),
    revision: integer('revision').notNull(),
    action: text('action').$type<'opened' | 'used'>().notNull(),
    ticketId: uuid('ticket_id'),
  },
  (t) => [index('article_uses_article').on(t.articleId), index('article_uses_at').on(t.at), index('article_uses_user').on(t.userId)],
);

/** Helpful / not helpful, with a comment. */
export const articleFeedback = pgTable(
  'article_feedback',
  {
    ...recordColumns(),
    articleId: uuid('article_id').notNull(),
    revision: integer('revision').notNull(),
    helpful: boolean('helpful').notNull(),
    comment: text('comment').notNull(),
    ticketId: uuid('ticket_id'),
  },
  (t) => [index('article_feedback_article').on(t.articleId), index('article_feedback_at').on(t.at)],
);

// ---- the call log ------------------------------------------------------------------------

/** One call an agent took or made (or logged by hand), as the workstation recorded it. */
export const callRecords = pgTable(
  'call_records',
  {
    ...recordColumns(),
    source: text('source').$type<'phone' | 'other_phone'>().notNull(),
    sipCallId: text('sip_call_id'),
    direction: text('direction').$type<'inbound' | 'outbound'>().notNull(),
    number: text('number').notNull(),
    displayName: text('display_name'),
    queue: text('queue'),
    ringAt: ts('ring_at').notNull(),
    answerAt: ts('answer_at'),
    endAt: ts('end_at').notNull(),
    talkSeconds: integer('talk_seconds').notNull(),
    outcome: text('outcome').notNull(),
    endReason: text('end_reason'),
    transferTarget: text('transfer_target'),
    notes: text('notes'),
  },
  (t) => [index('call_records_user_ring').on(t.userId, t.ringAt), index('call_records_ring').on(t.ringAt), index('call_records_sip').on(t.sipCallId)],
);

/** A call linked to a ticket. */
export const callLinks = pgTable(
  'call_links',
  {
    ...recordColumns(),
    callId: uuid('call_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
  },
  (t) => [index('call_links_call').on(t.callId), index('call_links_ticket').on(t.ticketId)],
);
