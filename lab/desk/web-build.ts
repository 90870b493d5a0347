/**
 * The workstation's web build (`npm run build:web` → out/web), which the desk server serves:
 * built once when it is missing or older than any source it is made from (src-renderer,
 * src-shared, the Vite config, the lock file). Lab tests and bench:call call it in their setup.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where `npm run build:web` writes the page (the desk server's `--static`). */
export const WEB_DIR = join(REPO_ROOT, 'out', 'web');

const SOURCES = ['src-renderer', 'src-shared', 'vite.web.config.ts', 'package-lock.json'];

/** The newest modification time (ms) of any file under `path`. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    max = Math.max(max, newest(join(path, e.name)));
  }
  return max;
}

/** Why the web build must be made again, or null when out/web is up to date. */
export function webBuildStale(): string | null {
  const index = join(WEB_DIR, 'index.html');
  if (!existsSync(index) || !existsSync(join(WEB_DIR, 'engine.html'))) return 'out/web is missing';
  const built = statSync(index).mtimeMs;
  const src = Math.max(...SOURCES.map((s) => newest(join(REPO_ROOT, s))));
  return src > built ? 'sources changed since out/web was built' : null;
}

/** Builds out/web (`npm run build:web`) if it is missing or stale; resolves with what it did. */
export async function ensureWebBuild(): Promise<'fresh' | 'built'> {
  const why = webBuildStale();
  if (!why) return 'fresh';
  const child = spawn('npm', ['run', 'build:web', '--silent'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`npm run build:web failed (${why}), exit ${code}:\n${out}`);
  return 'built';
}
