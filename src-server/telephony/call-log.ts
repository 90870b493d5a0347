/**
 * The desk's call log (for supervisors and reports): the call records workstations pushed
 * (`call_records`), with the tickets each call was linked to (`call_links`) and who took it.
 * Agents see their own calls; supervisors and admins everyone's.
 */
import { and, desc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { isFloorRole } from '../../src-shared/desk/directory';
import type { Db } from '../db/open';
import { callLinks, callRecords, users } from '../db/schema';
import type { Actor } from '../desk/directory';

export type CallLogQuery = { workNumber?: string | undefined; number?: string | undefined; from?: string | undefined; to?: string | undefined; limit: number };

export type CallLogRow = {
  id: string;
  user: { id: string; name: string; workNumber: string };
  source: 'phone' | 'other_phone';
  sipCallId: string | null;
  direction: 'inbound' | 'outbound';
  number: string;
  queue: string | null;
  ringAt: string;
  answerAt: string | null;
  endAt: string;
  talkSeconds: number;
  outcome: string;
  /** How it ended (phone calls), e.g. `failed`: an answered call cut off with the workstation's phone or network. */
  endReason: string | null;
  transferTarget: string | null;
  notes: string | null;
  ticketIds: string[];
};

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Calls matching every filter, newest ring first, with their linked tickets. */
export const listCalls = async (db: Db, actor: Actor, q: CallLogQuery): Promise<CallLogRow[]> => {
  const conds: SQL[] = [];
  if (!isFloorRole(actor.role)) conds.push(eq(callRecords.userId, actor.id));
  if (q.workNumber) conds.push(eq(users.workNumber, q.workNumber));
  if (q.number) conds.push(eq(callRecords.number, q.number));
  if (q.from) conds.push(gte(callRecords.ringAt, new Date(q.from)));
  if (q.to) conds.push(lte(callRecords.ringAt, new Date(q.to)));
  const rows = await db
    .select({ c: callRecords, name: users.name, workNumber: users.workNumber })
    .from(callRecords)
    .innerJoin(users, eq(users.id, callRecords.userId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(callRecords.ringAt))
    .limit(q.limit);
  const ids = rows.map((r) => r.c.id);
  const links = ids.length ? await db.select({ callId: callLinks.callId, ticketId: callLinks.ticketId }).from(callLinks).where(inArray(callLinks.callId, ids)) : [];
  const byCall = new Map<string, string[]>();
  for (const l of links) byCall.set(l.callId, [...new Set([...(byCall.get(l.callId) ?? []), l.ticketId])]);
  return rows.map(({ c, name, workNumber }) => ({
    id: c.id,
    user: { id: c.userId, name, workNumber },
    source: c.source,
    sipCallId: c.sipCallId,
    direction: c.direction,
    number: c.number,
    queue: c.queue,
    ringAt: c.ringAt.toISOString(),
    answerAt: iso(c.answerAt),
    endAt: c.endAt.toISOString(),
    talkSeconds: c.talkSeconds,
    outcome: c.outcome,
    endReason: c.endReason,
    transferTarget: c.transferTarget,
    notes: c.notes,
    ticketIds: byCall.get(c.id) ?? [],
  }));
};
