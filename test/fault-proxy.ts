import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to each request, decided per request by `decide`. */
export type Fault =
  | 'pass'
  /** Forward, then send a stale copy again later (it may arrive after newer requests); the client sees the first answer. */
  | 'duplicate'
  /** Forward, let the server commit, then cut the client's connection before it gets the answer. */
  | 'drop-response'
  /** Hold the answer a while, so later requests overtake it. */
  | 'delay'
  /** Refuse without forwarding (the network is partitioned). */
  | 'partition';

export type FaultProxy = {
  url: string;
  /** Every fault decided so far, in order (for the failure report). */
  log: Fault[];
  setPartitioned(on: boolean): void;
  /** While healthy, every request passes untouched (the network is healed). */
  setHealthy(on: boolean): void;
  close(): Promise<void>;
};

type Forwarded = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

const forward = (target: URL, req: http.IncomingMessage, body: Buffer): Promise<Forwarded> =>
  new Promise((resolve, reject) => {
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    out.on('error', reject);
    out.end(body);
  });

/**
 * A fault-injecting HTTP proxy on 127.0.0.1 in front of the desk server. It duplicates
 * requests, drops responses after the server committed, delays (reorders) answers and
 * partitions the network, as `decide` says for each request.
 */
export const startFaultProxy = async (targetUrl: string, decide: () => Fault): Promise<FaultProxy> => {
  const target = new URL(targetUrl);
  const log: Fault[] = [];
  let partitioned = false;
  let healthy = false;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const fault: Fault = healthy ? 'pass' : partitioned ? 'partition' : decide();
        log.push(fault);
        if (fault === 'partition') {
          req.socket.destroy();
          return;
        }
        const body = Buffer.concat(chunks);
        try {
          const first = await forward(target, req, body);
          if (fault === 'duplicate') {
            const copy = { method: req.method, url: req.url, headers: req.headers } as http.IncomingMessage;
            setTimeout(() => void forward(target, copy, body).catch(() => undefined), Math.floor(Math.random() * 60));
          }
          if (fault === 'drop-response') {
            req.socket.destroy();
            return;
          }
          if (fault === 'delay') await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 40)));
          const { 'transfer-encoding': _te, connection: _c, ...headers } = first.headers;
          res.writeHead(first.status, { ...headers, 'content-length': String(first.body.length) });
          res.end(first.body);
        } catch {
          req.socket.destroy();
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setPartitioned: (on) => {
      partitioned = on;
    },
    setHealthy: (on) => {
      healthy = on;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};
