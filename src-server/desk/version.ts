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

