/**
 * The per-desk version counter. Every write transaction takes the next version with
 * `UPDATE desk_state … RETURNING`, which holds desk_state's row lock until commit: versions
 * therefore follow commit order, and a reader that sees version N sees everything below it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { deskState } from '../db/schema';

/** Takes the next desk version (and desk_state's row lock until the transaction ends). */
export const bumpVersion = async (tx: Db): Promise<number> => {
  const [row] = await tx
    .update(deskState)
    .set({ version: sql`${deskState.version} + 1` })
    .returning({ version: deskState.version });
  if (!row) throw new Error('desk_state row is missing');
  return row.version;
};

export const currentVersion = async (db: Db): Promise<{ version: number; minCursor: number }> => {
  const [row] = await db.select({ version: deskState.version, minCursor: deskState.minCursor }).from(deskState);
  if (!row) throw new Error('desk_state row is missing');
  return row;
};

/**
 * Takes desk_state's row lock without moving the version, and answers the version: a writer that
 * must decide several changes before it knows how many versions it needs (a set-based push)
 * locks first, so nothing else can commit in between, then moves the counter once by +N with
 * `UPDATE desk_state SET version = version + N` in the same transaction.
 */
export const lockVersion = async (tx: Db): Promise<number> => {
  const [row] = await tx.select({ version: deskState.version }).from(deskState).for('update');
  if (!row) throw new Error('desk_state row is missing');
  return row.version;
};
