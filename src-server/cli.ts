/**
 * The desk server's command line:
 *   tsx src-server/cli.ts [--data-dir DIR] [--database-url URL] [--port N] [--host H] [--static DIR] [--no-seed] [--cors-origin O]…
 * Environment: FIRSTLINE_DATA_DIR, FIRSTLINE_DATABASE_URL, FIRSTLINE_PORT, FIRSTLINE_HOST,
 * FIRSTLINE_STATIC_DIR, FIRSTLINE_CORS_ORIGINS (comma-separated), FIRSTLINE_LOG_LEVEL.
 * Flags win over the environment.
 */
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

  const { app, url: base } = await startServer({
    database: url ? { url } : { dataDir },
    seed: !values['no-seed'],
    staticDir: values.static ?? env.FIRSTLINE_STATIC_DIR ?? 'out/web',
    logger: log,
    host: values.host ?? env.FIRSTLINE_HOST ?? '127.0.0.1',
    port,
    corsOrigins: cors,
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
