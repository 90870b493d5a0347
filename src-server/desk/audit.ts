/** The audit log: who did what to whom (sign-ins, account and settings changes). */
import { desc, lt } from 'drizzle-orm';
import type { Db } from '../db/open';
import { auditLog } from '../db/schema';

export type AuditEntry = { id: number; at: string; actorId: string | null; action: string; target: string | null; details: Record<string, unknown> };

/** Appends one entry (in the caller's transaction when given one). Never pass secrets in `details`. */
export const audit = async (
  db: Db,
  entry: { actorId: string | null; action: string; target?: string | null; details?: Record<string, unknown> },
): Promise<void> => {
  await db.insert(auditLog).values({ actorId: entry.actorId, action: entry.action, target: entry.target ?? null, details: entry.details ?? {} });
};

/** The newest entries first; `before` pages backwards by id. */
export const listAudit = async (db: Db, opts: { limit: number; before?: number }): Promise<AuditEntry[]> => {
  const rows = await db
    .select()
    .from(auditLog)
    .where(opts.before === undefined ? undefined : lt(auditLog.id, opts.before))
    .orderBy(desc(auditLog.id))
    .limit(opts.limit);
  return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actorId: r.actorId, action: r.action, target: r.target, details: r.details }));
};
