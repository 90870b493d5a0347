/**
 * `npm run knowledge:import -- PATH… [--server URL] [--user WORKNUMBER]`: imports knowledge
 * articles into a running desk server through `POST /api/knowledge/import` (so roles, audit
 * and workstation pokes apply as for the web editor). PATH may be a folder of Markdown files
 * with front matter, `*.md` files, a JSON file (an array of articles) or a CSV file. The
 * admin password comes from FIRSTLINE_ADMIN_PASSWORD (never a flag: flags show in the
 * process list). Prints what was created, updated, unchanged and refused; exits 1 on refusals.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_IMPORT, type ImportRequest, type ImportResponse } from '../../src-shared/knowledge/api';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const fail = (line: string): void => void process.stderr.write(`${line}\n`);

const USAGE = 'Usage: npm run knowledge:import -- PATH… [--server http://127.0.0.1:4780] [--user admin]   (password in FIRSTLINE_ADMIN_PASSWORD)';

/** The requests for the given paths: Markdown files in batches of MAX_IMPORT, one per JSON or CSV file. */
export const requestsFor = (paths: readonly string[]): ImportRequest[] => {
  const md: { name: string; text: string }[] = [];
  const out: ImportRequest[] = [];
  const take = (file: string) => {
    const ext = extname(file).toLowerCase();
    if (ext === '.md' || ext === '.markdown') md.push({ name: basename(file), text: readFileSync(file, 'utf8') });
    else if (ext === '.json') {
      const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const list = Array.isArray(v) ? v : ((v as { articles?: unknown[] }).articles ?? []);
      for (let i = 0; i < list.length; i += MAX_IMPORT) out.push({ articles: list.slice(i, i + MAX_IMPORT) });
    } else if (ext === '.csv') out.push({ csv: readFileSync(file, 'utf8') });
    else throw new Error(`${file}: not .md, .json or .csv`);
  };
  for (const p of paths) {
    if (!statSync(p).isDirectory()) take(p);
    else for (const n of readdirSync(p).sort()) if (/\.(md|markdown)$/i.test(n)) take(join(p, n));
  }
  for (let i = 0; i < md.length; i += MAX_IMPORT) out.unshift({ markdown: md.slice(i, i + MAX_IMPORT) });
  return out;
};

export type ImportTarget = { server: string; user: string; password: string };

/** Imports the paths into the server (see the module comment); answers the exit code: 0 all imported, 1 refusals. */
export const runImport = async (paths: readonly string[], to: ImportTarget, print: (line: string) => void = out): Promise<number> => {
  const server = to.server.replace(/\/+$/, '');
  const signIn = await fetch(`${server}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workNumber: to.user, password: to.password }) });
  if (!signIn.ok) {
    fail(`Sign-in refused (${signIn.status}): ${await signIn.text()}`);
    return 1;
  }
  const { token } = (await signIn.json()) as { token: string };
  let refused = 0;
  for (const body of requestsFor(paths)) {
    const r = await fetch(`${server}/api/knowledge/import`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    if (!r.ok) {
      fail(`Import refused (${r.status}): ${await r.text()}`);
      refused++;
      continue;
    }
    const a = (await r.json()) as ImportResponse;
    print(`created ${a.created}, updated ${a.updated}, unchanged ${a.unchanged}, not imported ${a.problems.length}`);
    for (const p of a.problems) print(`  ${p.item}: ${p.message}`);
    refused += a.problems.length;
  }
  return refused ? 1 : 0;
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { server: { type: 'string' }, user: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help || positionals.length === 0) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const password = process.env.FIRSTLINE_ADMIN_PASSWORD;
  if (!password) {
    fail('Set FIRSTLINE_ADMIN_PASSWORD to the admin’s password.');
    return 2;
  }
  return runImport(positionals, { server: values.server ?? process.env.FIRSTLINE_SERVER_URL ?? 'http://127.0.0.1:4780', user: values.user ?? 'admin', password });
};

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      fail(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
