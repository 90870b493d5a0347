/**
 * The desk server's command line:
 *   tsx src-server/cli.ts [--data-dir DIR] [--database-url URL] [--port N] [--host H] [--static DIR] [--no-seed] [--cors-origin O]…
 *   [--sip-ws-url URL] [--sip-domain D] [--sip-secret S | --sip-secret-file F] [--kamailio-rpc URL]
 *   [--sip-queues JSON] [--sip-credential-ttl SECONDS] [--ice-servers JSON]
 * Environment: FIRSTLINE_DATA_DIR, FIRSTLINE_DATABASE_URL, FIRSTLINE_PORT, FIRSTLINE_HOST,
 * FIRSTLINE_STATIC_DIR, FIRSTLINE_CORS_ORIGINS (comma-separated), FIRSTLINE_LOG_LEVEL,
 * FIRSTLINE_SIP_WS_URL, FIRSTLINE_SIP_DOMAIN, FIRSTLINE_SIP_SECRET, FIRSTLINE_SIP_SECRET_FILE,
 * FIRSTLINE_KAMAILIO_RPC, FIRSTLINE_SIP_QUEUES, FIRSTLINE_SIP_CREDENTIAL_TTL, FIRSTLINE_ICE_SERVERS.
 * Flags win over the environment.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from './app';
import { createLogger } from './log';

const USAGE = `Usage: tsx src-server/cli.ts [options]
  --data-dir DIR       PGlite data folder (default .data/desk; env FIRSTLINE_DATA_DIR)
  --database-url URL   use PostgreSQL instead of PGlite (env FIRSTLINE_DATABASE_URL)
  --port N             port to listen on (default 4780; 0 picks a free one; env FIRSTLINE_PORT)
  --host H             address to listen on (default 127.0.0.1; env FIRSTLINE_HOST)
  --static DIR         built renderer to serve (default out/web; env FIRSTLINE_STATIC_DIR)
  --no-seed            do not seed the demo desk into an empty database
  --cors-origin O      allow browser pages of origin O (repeatable, '*' for any; env FIRSTLINE_CORS_ORIGINS)
Telephony (configured when both the WebSocket URL and the secret are given):
  --sip-ws-url URL     SIP over WebSocket for the softphones, ws:// or wss:// (env FIRSTLINE_SIP_WS_URL)
  --sip-domain D       SIP domain of the agents' AORs (default: the WebSocket URL's host; env FIRSTLINE_SIP_DOMAIN)
  --sip-secret S       secret shared with Kamailio's auth_ephemeral (env FIRSTLINE_SIP_SECRET; prefer the env
                       or --sip-secret-file F / FIRSTLINE_SIP_SECRET_FILE: a flag shows in the process list)
  --kamailio-rpc URL   Kamailio JSON-RPC over HTTP for Ready membership (env FIRSTLINE_KAMAILIO_RPC)
  --sip-queues JSON    [{"number","name","nameZh","roles"}] (default 8000 General 综合 agent+expert,
                       8001 Consultations 咨询 agent; env FIRSTLINE_SIP_QUEUES)
  --sip-credential-ttl N  SIP credential lifetime in seconds (default 43200 = 12 h; env FIRSTLINE_SIP_CREDENTIAL_TTL)
  --ice-servers JSON   [{"urls","username","credential"}] for WebRTC (default []; env FIRSTLINE_ICE_SERVERS)
  --help               this text`;

const main = async (): Promise<void> => {
  const log = createLogger();
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      static: { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      'cors-origin': { type: 'string', multiple: true },
      'sip-ws-url': { type: 'string' },
      'sip-domain': { type: 'string' },
      'sip-secret': { type: 'string' },
      'sip-secret-file': { type: 'string' },
      'kamailio-rpc': { type: 'string' },
      'sip-queues': { type: 'string' },
      'sip-credential-ttl': { type: 'string' },
      'ice-servers': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    log.print(USAGE);
    return;
  }
  const env = process.env;
  const url = values['database-url'] ?? env.FIRSTLINE_DATABASE_URL;
  const dataDir = resolve(values['data-dir'] ?? env.FIRSTLINE_DATA_DIR ?? '.data/desk');
  const port = Number(values.port ?? env.FIRSTLINE_PORT ?? 4780);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not ${values.port ?? env.FIRSTLINE_PORT}`);
  const cors = values['cors-origin'] ?? (env.FIRSTLINE_CORS_ORIGINS ? env.FIRSTLINE_CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean) : []);

  const secretFile = values['sip-secret-file'] ?? env.FIRSTLINE_SIP_SECRET_FILE;
  const secret = values['sip-secret'] ?? (secretFile ? readFileSync(secretFile, 'utf8').trim() : env.FIRSTLINE_SIP_SECRET);
  const telephony = {
    wsUrl: values['sip-ws-url'] ?? env.FIRSTLINE_SIP_WS_URL,
    domain: values['sip-domain'] ?? env.FIRSTLINE_SIP_DOMAIN,
    secret,
    kamailioRpc: values['kamailio-rpc'] ?? env.FIRSTLINE_KAMAILIO_RPC,
    queues: values['sip-queues'] ?? env.FIRSTLINE_SIP_QUEUES,
    credentialTtlSeconds: values['sip-credential-ttl'] ?? env.FIRSTLINE_SIP_CREDENTIAL_TTL,
    iceServers: values['ice-servers'] ?? env.FIRSTLINE_ICE_SERVERS,
  };

  const { app, url: base } = await startServer({
    database: url ? { url } : { dataDir },
    seed: !values['no-seed'],
    staticDir: values.static ?? env.FIRSTLINE_STATIC_DIR ?? 'out/web',
    logger: log,
    host: values.host ?? env.FIRSTLINE_HOST ?? '127.0.0.1',
    port,
    corsOrigins: cors,
    telephony,
  });
  if (!app.desk.staticServed) log.debug('no built renderer found to serve (run npm run build:web)');
  log.print(`Firstline desk server listening on ${base} (db: ${app.desk.handle.kind})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
};

main().catch((e: unknown) => {
  createLogger().fatal({ err: e }, `desk server failed to start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
