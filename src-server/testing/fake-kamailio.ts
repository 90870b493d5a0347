/**
 * A stand-in for Kamailio's JSON-RPC over HTTP (jsonrpcs), on 127.0.0.1 and a free port: it
 * records every request body and keeps htables the way Kamailio 5.6 answers `htable.sets`,
 * `htable.delete` (error 404 "Key not found in htable." for a missing key) and `htable.dump`.
 * `failNext(n)` makes the next n requests fail (HTTP 503, or the connection dropped).
 */
import { createServer, type Server } from 'node:http';

export type RpcRequest = { jsonrpc: string; method: string; params: unknown[]; id: unknown };

export type FakeKamailio = {
  url: string;
  /** Every request body received, in order. */
  calls: RpcRequest[];
  /** htable name → key → value. */
  tables: Map<string, Map<string, string>>;
  /** Keys of the `ready` htable, sorted. */
  ready: () => string[];
  failNext: (n: number, how?: 'http-503' | 'drop') => void;
  /** Resolves once `pred(calls)` holds (polls). */
  waitFor: (what: string, pred: (calls: RpcRequest[]) => boolean, timeoutMs?: number) => Promise<void>;
  reset: () => void;
  close: () => Promise<void>;
};

export const startFakeKamailio = async (): Promise<FakeKamailio> => {
  const calls: RpcRequest[] = [];
  const tables = new Map<string, Map<string, string>>([['ready', new Map()]]);
  let failures = 0;
  let failHow: 'http-503' | 'drop' = 'http-503';

  const answer = (req: RpcRequest): Record<string, unknown> => {
    const [table, key, value] = req.params as string[];
    const t = table !== undefined ? tables.get(table) : undefined;
    if (!t) return { error: { code: 500, message: 'No such htable' } };
    switch (req.method) {
      case 'htable.sets':
        t.set(key!, String(value));
        return { result: 'Ok. Key set to new value.' };
      case 'htable.delete':
        if (!t.has(key!)) return { error: { code: 404, message: 'Key not found in htable.' } };
        t.delete(key!);
        return { result: 'Ok. Key deleted.' };
      case 'htable.dump':
        return { result: [...t].map(([name, v], i) => ({ entry: i, size: 1, slot: [{ name, value: v, type: 'str' }] })) };
      default:
        return { error: { code: -32601, message: 'Method Not Found' } };
    }
  };

  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (c: string) => (body += c));
    request.on('end', () => {
      let req: RpcRequest;
      try {
        req = JSON.parse(body) as RpcRequest;
      } catch {
        response.writeHead(400).end();
        return;
      }
      calls.push(req);
      if (failures > 0) {
        failures--;
        if (failHow === 'drop') request.socket.destroy();
        else response.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', ...answer(req), id: req.id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;

  return {
    url: `http://127.0.0.1:${port}/RPC`,
    calls,
    tables,
    ready: () => [...tables.get('ready')!.keys()].sort(),
    failNext: (n, how = 'http-503') => {
      failures = n;
      failHow = how;
    },
    waitFor: async (what, pred, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!pred(calls)) {
        if (Date.now() > deadline) throw new Error(`fake Kamailio: timed out waiting for ${what}; calls: ${JSON.stringify(calls)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    reset: () => {
      calls.length = 0;
      failures = 0;
      for (const t of tables.values()) t.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
