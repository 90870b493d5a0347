/**
 * Realtime pokes: after each committed push or admin change, every connected workstation gets
 * `{"type":"poke","version":N}` on its WebSocket and pulls. With PostgreSQL the version is also
 * sent with NOTIFY, and every instance LISTENs, so several instances behind a load balancer all
 * poke their own sockets.
 */
import { sql } from 'drizzle-orm';
import type { WebSocket } from 'ws';
import type { Poke } from '../../src-shared/sync/protocol';
import { POKE_CHANNEL, type DbHandle } from '../db/open';
import type { Logger } from '../log';

export type PokeHub = {
  /** Keeps `socket` until it closes; it is poked with the current version right away. */
  add: (socket: WebSocket, version: number) => void;
  /** A change committed at `version` in this instance: poke here and tell the other instances. */
  publish: (version: number) => void;
  /** How many sockets are connected. */
  size: () => number;
  close: () => Promise<void>;
};

const HEARTBEAT_MS = 30_000;

export const createPokeHub = async (handle: DbHandle, log: Logger): Promise<PokeHub> => {
  const sockets = new Map<WebSocket, { alive: boolean }>();
  let latest = 0;

  const send = (socket: WebSocket, version: number) => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(JSON.stringify({ type: 'poke', version } satisfies Poke));
  };
  const fanOut = (version: number) => {
    if (version <= latest) return;
    latest = version;
    for (const s of sockets.keys()) send(s, version);
  };

  const unlisten = await handle.listen(fanOut);
  const heartbeat = setInterval(() => {
    for (const [s, state] of sockets) {
      if (!state.alive) {
        s.terminate();
        sockets.delete(s);
        continue;
      }
      state.alive = false;
      s.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    add: (socket, version) => {
      const state = { alive: true };
      sockets.set(socket, state);
      socket.on('pong', () => (state.alive = true));
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => sockets.delete(socket));
      latest = Math.max(latest, version);
      send(socket, version);
    },
    publish: (version) => {
      fanOut(version);
      if (handle.kind === 'postgres')
        handle.db.execute(sql`select pg_notify(${POKE_CHANNEL}, ${String(version)})`).catch((e: unknown) => log.warn({ err: e }, 'could not NOTIFY the other instances'));
    },
    size: () => sockets.size,
    close: async () => {
      clearInterval(heartbeat);
      for (const s of sockets.keys()) s.close(1001, 'server shutting down');
      sockets.clear();
      await unlisten();
    },
  };
};
