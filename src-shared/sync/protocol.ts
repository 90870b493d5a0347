import { z } from 'zod';
import type { AppError } from '../result';
import type { Conflict, HistoryEntry, Ticket, WorklogEntry } from '../ticket/model';
import type { DirectoryUser, Group } from '../desk/directory';
import type { TouchpointLists } from '../desk/touchpoint';
import type { PriorityMatrix } from '../ticket/priority';
import type { Article } from '../knowledge/model';
import { mutationSchema } from './mutations';

/** Most mutations one push may carry. */
export const MAX_PUSH = 2000;
/** Most changes one pull page holds. */
export const MAX_PULL = 1000;

/** POST /api/sync/push */
export const pushRequestSchema = z.object({
  clientId: z.uuid(),
  mutations: z.array(mutationSchema).min(1).max(MAX_PUSH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * What became of one mutation. `duplicate` carries the result stored when it was first
 * applied; `conflict` means applied and a conflict record opened for people to decide.
 */
export type MutationOutcome =
  | { status: 'applied' }
  | { status: 'conflict'; conflictId: string }
  | { status: 'rejected'; error: AppError };
export type MutationResult = { seq: number; mutationId: string; duplicate: boolean } & MutationOutcome;

/** The server stops at a gap: the client must resend from `lastSeq + 1`. */
export type PushResponse = { results: MutationResult[]; lastSeq: number; version: number };

/** POST /api/sync/pull */
export const pullRequestSchema = z.object({
  cursor: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL).optional(),
});
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** Desk settings a workstation needs to apply rules offline. */
export type DeskSettings = { deskName: string; deskNameZh: string; priorityMatrix: PriorityMatrix; touchpoints: TouchpointLists };

/**
 * One change since the cursor. `delete` is a tombstone: the record left this user's scope or was
 * removed (an article: it is no longer published).
 */
export type Change =
  | { entity: 'ticket'; op: 'put'; version: number; row: Ticket }
  | { entity: 'worklog'; op: 'put'; version: number; row: WorklogEntry }
  | { entity: 'history'; op: 'put'; version: number; row: HistoryEntry }
  | { entity: 'conflict'; op: 'put'; version: number; row: Conflict }
  | { entity: 'user'; op: 'put'; version: number; row: DirectoryUser }
  | { entity: 'group'; op: 'put'; version: number; row: Group }
  | { entity: 'settings'; op: 'put'; version: number; row: DeskSettings }
  | { entity: 'article'; op: 'put'; version: number; row: Article }
  | { entity: 'ticket' | 'conflict' | 'user' | 'group' | 'article'; op: 'delete'; version: number; id: string };

/**
 * One page of changes in commit order. `reset`: the cursor is too old (or from another
 * database); drop the cached server state, keep the outbox, and pull again from 0.
 */
export type PullResponse = { changes: Change[]; cursor: number; hasMore: boolean; reset: boolean };

/** Sent over the WebSocket (/api/sync/ws) whenever the desk version moved. */
export type Poke = { type: 'poke'; version: number };
