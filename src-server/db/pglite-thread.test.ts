/**
 * The desk's PGlite in its own thread: statements, transactions kept whole, database errors
 * with their SQLSTATE, and a thread that dies failing its callers instead of hanging them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlState } from '../sync/push-rules';
import { PgliteThread } from './pglite-thread';

describe('PGlite in its own thread', () => {
  let dir: string;
  let db: PgliteThread;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'firstline-pglite-thread-'));
    db = await PgliteThread.create(join(dir, 'pgdata'));
    await db.exec('create table notes (id int primary key, body text not null, at timestamptz, data bytea)');
  }, 60_000);
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs statements with parameters, rows as objects or arrays, timestamps as the database writes them', async () => {
    await db.query('insert into notes (id, body, at) values ($1, $2, $3)', [1, '打印机脱机', '2026-12-02T08:30:00.000Z']);
    const objects = await db.query('select id, body, at from notes where id = $1', [1]);
    expect(objects.rows).toEqual([{ id: 1, body: '打印机脱机', at: '2026-12-02 08:30:00+00' }]);
    const arrays = await db.query('select id, body from notes where id = $1', [1], { rowMode: 'array' });
    expect(arrays.rows).toEqual([[1, '打印机脱机']]);
    expect(arrays.fields.map((f) => f.name)).toEqual(['id', 'body']);
  });

  it('passes bytes given as a bytea parameter through as they are', async () => {
    const bytes = Buffer.from(JSON.stringify({ subject: '网络故障' }), 'utf8');
    await db.query('insert into notes (id, body, data) values (2, $1, $2)', ['bytes', bytes]);
    const { rows } = await db.query("select convert_from(data, 'UTF8')::jsonb as v from notes where id = 2");
    expect(rows).toEqual([{ v: { subject: '网络故障' } }]);
  });

  it('commits a transaction whole, and rolls back all of it when its callback throws', async () => {
    const answer = await db.transaction(async (tx) => {
      await tx.query('insert into notes (id, body) values (10, $1)', ['kept']);
      await tx.query('insert into notes (id, body) values (11, $1)', ['kept too']);
      return 'done';
    });
    expect(answer).toBe('done');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into notes (id, body) values (12, $1)', ['lost']);
        throw new Error('the agent cancelled');
      }),
    ).rejects.toThrow('the agent cancelled');
    const { rows } = await db.query('select id from notes where id between 10 and 12 order by id');
    expect(rows).toEqual([{ id: 10 }, { id: 11 }]);
  });

  it('makes a statement outside a transaction wait until the transaction has ended', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const tx = db.transaction(async (t) => {
      await t.query('insert into notes (id, body) values (20, $1)', ['in the transaction']);
      await gate;
      order.push('commit');
    });
    // Started while the transaction is open: it must see the committed row, not run inside it.
    const outside = db.query('select count(*)::int as n from notes where id = 20').then((r) => {
      order.push('outside');
      return r.rows;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual([]);
    release();
    await tx;
    expect(await outside).toEqual([{ n: 1 }]);
    expect(order).toEqual(['commit', 'outside']);
  });

  it('hands a database error over with its SQLSTATE and constraint, and the transaction is rolled back', async () => {
    const err = await db
      .transaction(async (tx) => {
        await tx.query('insert into notes (id, body) values (30, $1)', ['first']);
        await tx.query('insert into notes (id, body) values (30, $1)', ['duplicate']);
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(sqlState(err)).toBe('23505');
    expect((err as { constraint?: string }).constraint).toBe('notes_pkey');
    expect((await db.query('select count(*)::int as n from notes where id = 30')).rows).toEqual([{ n: 0 }]);
    // and the database goes on
    expect((await db.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  });

  it('fails the calls waiting on a thread that stopped, and every later one, with a clear error', async () => {
    const d = mkdtempSync(join(tmpdir(), 'firstline-pglite-thread-dead-'));
    const dying = await PgliteThread.create(join(d, 'pgdata'));
    try {
      const slow = dying.query('select pg_sleep(2)');
      await (dying as unknown as { worker: { terminate: () => Promise<number> } }).worker.terminate();
      await expect(slow).rejects.toThrow(/database thread stopped/);
      await expect(dying.query('select 1')).rejects.toThrow(/database thread stopped/);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  }, 60_000);
});
