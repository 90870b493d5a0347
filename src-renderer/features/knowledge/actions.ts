/**
 * What the agent does with an article, kept as append-only records (works offline, reaches
 * the desk exactly once): opened, used for a ticket, feedback.
 */
import type { Result } from '../../../src-shared/result';
import type { SyncRecord } from '../../../src-shared/sync/records';
import { addRecord } from '../sync';

type ArticleRef = { id: string; revision: number };

/** The agent opened an article (for usage reports). */
export const recordOpened = (a: ArticleRef, ticketId: string | null): Promise<Result<SyncRecord>> =>
  addRecord({ kind: 'articleUse', action: 'opened', articleId: a.id, revision: a.revision, ticketId });

/** The article solved (or helped with) this ticket: "used for this ticket". */
export const recordUsed = (a: ArticleRef, ticketId: string): Promise<Result<SyncRecord>> =>
  addRecord({ kind: 'articleUse', action: 'used', articleId: a.id, revision: a.revision, ticketId });

/** Helpful or not, with an optional comment. */
export const sendFeedback = (a: ArticleRef, helpful: boolean, comment: string, ticketId: string | null): Promise<Result<SyncRecord>> =>
  addRecord({ kind: 'articleFeedback', articleId: a.id, revision: a.revision, helpful, comment: comment.trim(), ticketId });
