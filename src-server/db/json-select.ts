/**
 * Big reads as ONE JSON document. PGlite decodes every field of every result row in JavaScript
 * (a buffer slice and a TextDecoder call each), then Drizzle maps each field again: for a pull
 * page of a thousand 26-column rows that is most of the request. Built with `json_agg`, the
 * result is one field; `JSON.parse` is native. The rows come back shaped like Drizzle's
 * `db.select().from(table)` (same keys, timestamps as Date), so the usual row mappers apply.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './open';

export type JsonSelect = {
  /** SQL after `FROM table`, before WHERE (e.g. a join needed by the condition). */
  join?: SQL;
  where: SQL;
  orderBy: PgColumn;
  limit: number;
};

/** `SELECT table.* … ORDER BY … LIMIT …`, answered as Drizzle would, in one JSON field. */
export const selectAsJson = async <T extends PgTable>(db: Db, table: T, q: JsonSelect): Promise<T['$inferSelect'][]> => {
  const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const object = sql.join(
    columns.map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`),
    sql`, `,
  );
  const res = (await db.execute(
    // The JSON is built after the LIMIT (outside the subquery, which bears the table's own name so
    // that column references resolve to it): only for the rows answered, not every candidate.
    sql`select coalesce(json_agg(json_build_object(${object}) order by ${q.orderBy}), '[]')::text as j
        from (select ${table}.* from ${table} ${q.join ?? sql``} where ${q.where} order by ${q.orderBy} limit ${q.limit}) as ${table}`,
  )) as unknown;
  const [row] = (Array.isArray(res) ? res : (res as { rows: unknown[] }).rows) as { j: string }[];
  const rows = JSON.parse(row!.j) as Record<string, unknown>[];
  // JSON has no dates: timestamps arrive as ISO 8601 text (with the session's offset).
  const dates = columns.filter(([, c]) => c.columnType === 'PgTimestamp').map(([key]) => key);
  if (dates.length)
    for (const r of rows)
      for (const key of dates) {
        const v = r[key];
        if (typeof v === 'string') r[key] = new Date(v);
      }
  return rows as T['$inferSelect'][];
};
