// @ts-check
/**
 * The desk's PGlite database in its own thread (see pglite-thread.ts, which starts it and is
 * the only one that talks to it). Plain JavaScript: it is loaded by Node as it is, under tsx,
 * under the test runner or from a built server alike, and it needs nothing but PGlite.
 *
 * Messages in: { id, op: 'query', sql, params, rowMode } | { id, op: 'exec', sql } | { id, op: 'close' }.
 * Messages out: { id, ok: true, value } | { id, ok: false, error: { message, ...the database's fields } }.
 * Statements run one at a time, in the order they come (the caller keeps transactions whole).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

if (!parentPort) throw new Error('pglite-worker.mjs runs as a worker thread');
const port = parentPort;

/** @param {unknown} x */
const asIs = (x) => x;
/**
 * Results as Drizzle's PGlite driver asks for them: dates, times and intervals (and their
 * arrays, and numeric[]) stay the database's text; everything else as PGlite parses it.
 */
const PARSERS = {
  [types.TIMESTAMP]: asIs,
  [types.TIMESTAMPTZ]: asIs,
  [types.INTERVAL]: asIs,
  [types.DATE]: asIs,
  1231: asIs, // numeric[]
  1115: asIs, // timestamp[]
  1185: asIs, // timestamptz[]
  1187: asIs, // interval[]
  1182: asIs, // date[]
};

/**
 * A bytea parameter given as bytes is sent as it is (PGlite's own serializer writes hex in
 * JavaScript, byte by byte): the set-based push sends its rows as UTF-8 JSON bytes.
 */
const SERIALIZERS = {
  /** @param {unknown} x */
  [types.BYTEA]: (x) => (x instanceof Uint8Array ? x : /** @type {(v: unknown) => string} */ (types.serializers[types.BYTEA])(x)),
};

/** The fields of a database error that cross to the caller (never the statement's parameters). */
const ERROR_FIELDS = ['code', 'severity', 'detail', 'hint', 'position', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'];

/** @param {unknown} e */
const errorOf = (e) => {
  const err = /** @type {Record<string, unknown>} */ (e && typeof e === 'object' ? e : {});
  /** @type {Record<string, unknown>} */
  const out = { message: e instanceof Error ? e.message : String(e), name: e instanceof Error ? e.name : 'Error' };
  for (const f of ERROR_FIELDS) if (typeof err[f] === 'string' || typeof err[f] === 'number') out[f] = err[f];
  return out;
};

const db = await PGlite.create(workerData.dataDir, { serializers: SERIALIZERS });

/** @type {Promise<unknown>} */
let queue = Promise.resolve();

port.on('message', (/** @type {{ id: number, op: string, sql?: string, params?: unknown[], rowMode?: 'array' | 'object' }} */ m) => {
  queue = queue.then(async () => {
    try {
      let value;
      if (m.op === 'query') value = await db.query(m.sql ?? '', m.params ?? [], { rowMode: m.rowMode ?? 'object', parsers: PARSERS });
      else if (m.op === 'exec') value = await db.exec(m.sql ?? '');
      else if (m.op === 'close') value = await db.close();
      else throw new Error(`unknown operation ${m.op}`);
      port.postMessage({ id: m.id, ok: true, value });
      if (m.op === 'close') port.close();
    } catch (e) {
      port.postMessage({ id: m.id, ok: false, error: errorOf(e) });
    }
  });
});
port.postMessage({ ready: true });
