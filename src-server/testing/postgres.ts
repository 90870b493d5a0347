/**
 * A throwaway PostgreSQL cluster for integration tests: initdb into a temporary folder, start
 * it on 127.0.0.1 and a free port (and a Unix socket inside the folder), hand out databases,
 * stop it and delete the folder at the end. Uses the Debian `postgresql` server binaries; as
 * root they run as the `postgres` OS user. Missing binaries are an error, never a skip.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);

export type PgCluster = {
  /** A URL of the `postgres` maintenance database. */
  adminUrl: string;
  /** Creates a fresh, empty database and answers its URL. */
  createDatabase: (name: string) => Promise<string>;
  stop: () => Promise<void>;
};

/** The folder with initdb/pg_ctl: env FIRSTLINE_PG_BIN, else the newest /usr/lib/postgresql/N/bin. */
export const findPgBin = (): string => {
  const fromEnv = process.env.FIRSTLINE_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length)
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. ' +
        'Install them with: apt-get install postgresql   (or set FIRSTLINE_PG_BIN to their folder)',
    );
  return join(root, versions[0]!, 'bin');
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });

/** Starts a cluster; call `stop()` in afterAll. */
export const startPostgres = async (): Promise<PgCluster> => {
  const bin = findPgBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'firstline-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const id = await run('id', ['-u', 'postgres']).catch(() => {
      throw new Error('Running as root needs the `postgres` OS user (it comes with: apt-get install postgresql)');
    });
    const gid = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { cwd: dir }) : run(join(bin, tool), args, { cwd: dir });

  const port = await freePort();
  try {
    await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C']);
    await pg('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-k ${dir} -h 127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start a test PostgreSQL cluster: ${(e as Error).message}`);
  }

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  return {
    adminUrl,
    createDatabase: async (name) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      await admin.unsafe(`create database ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      await admin.end({ timeout: 2 }).catch(() => undefined);
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
