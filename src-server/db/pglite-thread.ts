/**
 * PGlite in a worker thread (`pglite-worker.mjs`), behind the part of PGlite's interface that
 * Drizzle's PGlite driver uses: `query`, `exec` and `transaction`.
 *
 * Why: PGlite is Postgres compiled to WebAssembly, and a statement runs to its end without
 * yielding. On the server's own thread that stops everything else meanwhile (a 2,000-ticket
 * push's write keeps it ~200 ms: no other request is read, validated or answered, no poke
 * sent). In its own thread the server keeps working while the database does: the next
 * push's body is parsed and validated, answers go out, WebSockets stay live.
 *
 * Transactions are kept whole as PGlite keeps them: a transaction holds the database until it
 * commits or rolls back, and a statement outside it waits its turn.
 */
import { Worker } from 'node:worker_threads';

type Row = Record<string, unknown>;
export type QueryResult = { rows: Row[] | unknown[][]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };
export type QueryOptions = { rowMode?: 'array' | 'object' };

/** What a transaction's callback gets (as PGlite's `transaction`). */
export type ThreadTransaction = {
  query: (sql: string, params?: unknown[], options?: QueryOptions) => Promise<QueryResult>;
  exec: (sql: string) => Promise<QueryResult[]>;
  rollback: () => Promise<void>;
  readonly closed: boolean;
};

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: Record<string, unknown> & { message: string } };

/** An error from the database thread, with the database's fields (`code`: the SQLSTATE, `constraint`, …). */
export class DatabaseThreadError extends Error {
  code?: string;
  constructor(fields: Record<string, unknown> & { message: string }) {
    super(fields.message);
    Object.assign(this, fields);
    this.name = 'DatabaseError';
  }
}

export class PgliteThread {
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;
  /** The end of the last exclusive turn (a transaction, or a statement outside one). */
  private turn: Promise<void> = Promise.resolve();

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new DatabaseThreadError(m.error));
    });
    const fail = (e: Error): void => {
      this.failure ??= e;
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the database thread stopped (exit code ${code})`)));
  }

  /** Starts the thread and opens (creating when needed) the PGlite database in `dataDir`. */
  static async create(dataDir: string): Promise<PgliteThread> {
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      const onExit = (code: number): void => reject(new Error(`the database thread stopped while opening ${dataDir} (exit code ${code})`));
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.once('message', () => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve();
      });
    });
    return new PgliteThread(worker);
  }

  private send<T>(message: Record<string, unknown>): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  /** Runs `fn` when every turn before it has ended; the next turn waits for this one. */
  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const before = this.turn;
    let end!: () => void;
    this.turn = new Promise<void>((resolve) => (end = resolve));
    await before;
    try {
      return await fn();
    } finally {
      end();
    }
  }

  private run(sql: string, params: unknown[] = [], options?: QueryOptions): Promise<QueryResult> {
    return this.send<QueryResult>({ op: 'query', sql, params, rowMode: options?.rowMode ?? 'object' });
  }

  private runExec(sql: string): Promise<QueryResult[]> {
    return this.send<QueryResult[]>({ op: 'exec', sql });
  }

  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult> {
    return this.exclusive(() => this.run(sql, params, options));
  }

  exec(sql: string): Promise<QueryResult[]> {
    return this.exclusive(() => this.runExec(sql));
  }

  /** As PGlite's: BEGIN, the callback, COMMIT; ROLLBACK when the callback throws. */
  transaction<T>(fn: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      await this.runExec('BEGIN');
      let closed = false;
      const open = (): void => {
        if (closed) throw new Error('Transaction is closed');
      };
      const tx: ThreadTransaction = {
        query: async (sql, params, options) => (open(), this.run(sql, params, options)),
        exec: async (sql) => (open(), this.runExec(sql)),
        rollback: async () => {
          open();
          await this.runExec('ROLLBACK');
          closed = true;
        },
        get closed() {
          return closed;
        },
      };
      try {
        const value = await fn(tx);
        if (!closed) {
          closed = true;
          const [res] = (await this.runExec('COMMIT')) as (QueryResult & { command?: string })[];
          // COMMIT of a transaction that failed inside answers ROLLBACK
          if (res?.command === 'ROLLBACK') throw new DatabaseThreadError({ message: 'The transaction was rolled back', code: '40000' });
        }
        return value;
      } catch (e) {
        if (!closed) {
          closed = true;
          await this.runExec('ROLLBACK').catch(() => undefined);
        }
        throw e;
      }
    });
  }

  /** Closes the database and ends the thread. */
  async close(): Promise<void> {
    if (this.failure) return;
    await this.exclusive(() => this.send({ op: 'close' }));
    await this.worker.terminate();
  }
}
