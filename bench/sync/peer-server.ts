/**
 * The peer's server for `bench:sync`: express-pouchdb (CouchDB's replication protocol) on
 * 127.0.0.1, run as its own process like our desk server. Storage `leveldb` is express-pouchdb's
 * default (LevelDB files on disk, like our PGlite files; leveldown loads its prebuilt binary
 * from the package); `memory` keeps everything in RAM (memdown) and shows the peer at its
 * lightest. Mode `minimumForPouchDB`: the routes replication needs, no auth, no validation.
 *
 * Usage: node --import tsx bench/sync/peer-server.ts <dir> [leveldb|memory]   (prints `LISTENING <port>`)
 * `<dir>` is a scratch folder (databases and express-pouchdb's log file); the process is its cwd.
 */
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

const require = createRequire(import.meta.url);

type Handler = (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
type ExpressApp = Handler & { use(path: string, h: Handler): void; listen(port: number, host: string, cb: () => void): Server };
type PouchStatic = { plugin(p: unknown): PouchStatic; defaults(o: object): PouchStatic };

const dir = process.argv[2];
const storage = process.argv[3] === 'memory' ? 'memory' : 'leveldb';
if (!dir) throw new Error('usage: peer-server.ts <scratch dir>');
process.chdir(dir);

const PouchDB = (require('pouchdb') as PouchStatic).plugin(require('pouchdb-adapter-memory'));
const express = require('express') as () => ExpressApp;
const expressPouchDB = require('express-pouchdb') as (p: PouchStatic, o: object) => Handler;

// Server side: every database the routes open is a memory database. (On the server that is
// what we want. On the *client* the same `defaults` would be a trap: replicate.to(url) builds
// the target with the source's constructor, so a memory default turns the URL into the name
// of a second local memory database and nothing reaches the server. See bench/README.md.)
const ServerPouch = storage === 'memory' ? PouchDB.defaults({ adapter: 'memory' }) : PouchDB.defaults({ prefix: `${join(dir, 'db')}/` });
if (storage === 'leveldb') mkdirSync(join(dir, 'db'), { recursive: true });
const app = express();
app.use('/', expressPouchDB(ServerPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: join(dir, 'express-pouchdb.log') }));
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
