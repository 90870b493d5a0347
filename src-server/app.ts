/**
 * The desk server: Fastify + the desk database. `createServer` opens (and migrates, and on
 * first run seeds) the database and returns the Fastify instance, ready to `listen`; it listens
 * nowhere by itself. `startServer` also listens, on 127.0.0.1 unless told otherwise.
 */
import { readFileSync } from 'node:fs';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_SESSION_TTL_MS } from './auth/sessions';
import { openDatabase, type DbHandle, type OpenOptions } from './db/open';
import { seedDemo } from './desk/seed';
import { importArticles } from './knowledge/articles';
import { DEMO_KNOWLEDGE_DIR, readMarkdownFolder } from './knowledge/seed';
import type { Fault, RouteContext } from './http/context';
import { HttpError, errorBody } from './http/errors';
import { adminRoutes } from './http/routes/admin';
import { authRoutes } from './http/routes/auth';
import { knowledgeRoutes } from './http/routes/knowledge';
import { presenceRoutes } from './http/routes/presence';
import { syncRoutes } from './http/routes/sync';
import { telephonyRoutes } from './http/routes/telephony';
import { ticketRoutes } from './http/routes/tickets';
import { registerStatic, wantsSpa } from './http/static';
import { createLogger, redactValue, type Logger } from './log';
import { createPokeHub, type PokeHub } from './sync/pokes';
import { createReadySync, type ReadySync } from './telephony/kamailio';
import { createPresence, type PresenceService } from './telephony/presence';
import { resolveTelephony, type TelephonyOptions, type TelephonySettings } from './telephony/settings';

export type ServerOptions = {
  /** Where the data lives: a PGlite folder, a PostgreSQL URL, or an already open handle (kept open on close). */
  database: OpenOptions | { handle: DbHandle };
  /** Seed the demo desk when the database has no users (default true). */
  seed?: boolean;
  /** The built renderer to serve (default `out/web` under the working directory; null: none). */
  staticDir?: string | null;
  logger?: Logger;
  sessionTtlMs?: number;
  /** Test-only fault injection; defaults to env FIRSTLINE_FAULT. */
  fault?: Fault | null;
  /** Origins allowed to call the API from a browser page of another origin ('*' for any). Default: none. */
  corsOrigins?: string[];
  /** SIP WebSocket URL, domain, auth_ephemeral secret, Kamailio JSON-RPC, queues… (none: telephony not configured). */
  telephony?: TelephonyOptions | null;
  /** How often people whose sessions expired are set Offline (ms; 0 = never). Default 60 s. */
  presenceSweepMs?: number;
};

/** What the running server holds, for the CLI and tests. */
export type DeskRuntime = {
  handle: DbHandle;
  hub: PokeHub;
  log: Logger;
  staticServed: boolean;
  telephony: TelephonySettings | null;
  presence: PresenceService;
  /** Kamailio Ready membership (null: no JSON-RPC URL, or telephony not configured). */
  readySync: ReadySync | null;
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging needs an interface
  interface FastifyInstance {
    desk: DeskRuntime;
  }
}

const packageVersion = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
};

const faultFromEnv = (): Fault | null => (process.env.FIRSTLINE_FAULT === 'exit-after-commit' ? 'exit-after-commit' : null);

/** Maps any error to the JSON error body and a fitting status. */
const installErrorHandling = (app: FastifyInstance, log: Logger, staticServed: boolean): void => {
  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    if (error instanceof HttpError) return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    const code = (error as FastifyError).code;
    const status = (error as FastifyError).statusCode;
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (error instanceof SyntaxError && status === 400))
      return reply.status(400).send(errorBody('BAD_JSON', 'The request body is not valid JSON'));
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large'));
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send(errorBody('BAD_JSON', 'Send the request body as application/json'));
    if (typeof status === 'number' && status >= 400 && status < 500) return reply.status(status).send(errorBody('VALIDATION_FAILED', error.message));
    log.error({ err: error, method: request.method, url: request.url }, 'request failed');
    return reply.status(500).send(errorBody('INTERNAL', 'The desk server failed to answer this request'));
  });

  app.setNotFoundHandler((request, reply) => {
    if (staticServed && wantsSpa(request.method, request.url)) return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
    return reply.status(404).send(errorBody('NOT_FOUND', `No such endpoint: ${request.method} ${request.url.split('?')[0]}`));
  });
};

/** Minimal CORS for the allowed origins (bearer tokens only, no cookies, so no credentials mode). */
const installCors = (app: FastifyInstance, origins: string[]): void => {
  if (!origins.length) return;
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !(origins.includes('*') || origins.includes(origin))) return;
    reply.header('Access-Control-Allow-Origin', origins.includes('*') ? '*' : origin).header('Vary', 'Origin');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      return reply
        .status(204)
        .header('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS')
        .header('Access-Control-Allow-Headers', 'Authorization, Content-Type')
        .header('Access-Control-Max-Age', '600')
        .send();
    }
  });
};

/** Opens the database and builds the server (not listening yet). */
export const createServer = async (options: ServerOptions): Promise<FastifyInstance> => {
  const log = options.logger ?? createLogger();
  const owned = !('handle' in options.database);
  // Before the database opens: a bad telephony option fails the start with nothing to undo.
  const { settings: telephony, warnings } = resolveTelephony(options.telephony);
  for (const w of warnings) log.warn(w);
  if (telephony) {
    redactValue(telephony.secret);
    for (const i of telephony.iceServers) if (i.credential) redactValue(i.credential);
  }
  let stopTelephony = (): void => undefined;
  const handle = 'handle' in options.database ? options.database.handle : await openDatabase(options.database);
  try {
    if (options.seed ?? true) {
      if (await seedDemo(handle.db)) {
        const demo = readMarkdownFolder(DEMO_KNOWLEDGE_DIR);
        const k = await importArticles(handle.db, null, demo.articles);
        for (const p of demo.problems) log.warn({ item: p.item }, `demo article not imported: ${p.message}`);
        log.info(`seeded the demo desk (users 1001, 1002, 2001, 9001, admin; ${k.created} knowledge articles)`);
      }
    }
    const hub = await createPokeHub(handle, log);
    const app = Fastify<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger>({
      loggerInstance: log,
      // Request lines come from the onResponse hook below (one line, with status and time).
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: 1024 * 1024,
      forceCloseConnections: true,
      routerOptions: { ignoreTrailingSlash: true },
    });
    // JSON only: no text/plain bodies (they would also be "simple" cross-site requests).
    app.removeContentTypeParser('text/plain');
    const staticDir = options.staticDir === undefined ? 'out/web' : options.staticDir;
    const staticServed = staticDir ? await registerStatic(app, staticDir) : false;
    let presence: PresenceService | null = null;
    const readySync =
      telephony?.kamailioRpc
        ? createReadySync({
            url: telephony.kamailioRpc,
            queues: telephony.queues.map((q) => q.number),
            desired: () => (presence ? presence.readyKeys() : Promise.resolve(new Set<string>())),
            log,
            tuning: telephony.readySync,
          })
        : null;
    presence = createPresence({ db: handle.db, log, telephony, readySync, ...(options.presenceSweepMs !== undefined ? { sweepMs: options.presenceSweepMs } : {}) });
    if (telephony) {
      log.info(
        { wsUrl: telephony.wsUrl, domain: telephony.domain, queues: telephony.queues.map((q) => q.number), kamailioRpc: telephony.kamailioRpc ? 'on' : 'off' },
        'telephony configured',
      );
    }
    const started = presence;
    stopTelephony = () => {
      readySync?.close();
      started.close();
    };
    app.decorate('desk', { handle, hub, log, staticServed, telephony, presence, readySync });

    installCors(app, options.corsOrigins ?? []);
    installErrorHandling(app, log, staticServed);
    app.addHook('onResponse', async (request, reply) => {
      const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'info' : 'debug';
      log[level]({ method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    });
    app.addHook('onClose', async () => {
      stopTelephony();
      await hub.close();
      if (owned) await handle.close();
    });

    await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
    const ctx: RouteContext = {
      handle,
      hub,
      log,
      version: packageVersion(),
      sessionTtlMs: options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
      fault: options.fault === undefined ? faultFromEnv() : options.fault,
      telephony,
      presence,
    };
    await app.register(async (api) => {
      authRoutes(api, ctx);
      syncRoutes(api, ctx);
      ticketRoutes(api, ctx);
      adminRoutes(api, ctx);
      telephonyRoutes(api, ctx);
      presenceRoutes(api, ctx);
      knowledgeRoutes(api, ctx);
    });
    return app;
  } catch (e) {
    stopTelephony();
    if (owned) await handle.close();
    throw e;
  }
};

/** Creates the server and listens (127.0.0.1 unless `host` says otherwise); answers the base URL. */
export const startServer = async (options: ServerOptions & { host?: string; port?: number }): Promise<{ app: FastifyInstance; url: string }> => {
  const app = await createServer(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 4780, listenTextResolver: () => '' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : options.port;
  return { app, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
};
