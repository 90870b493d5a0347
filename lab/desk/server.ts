/**
 * The real desk server (src-server/cli.ts) as a child process of the lab, with telephony
 * pointed at the lab: agents get their SIP config and ephemeral credentials from it, and it
 * (not the test) puts Ready agents into Kamailio's queues over JSON-RPC. A throwaway PGlite
 * data folder in the lab's run dir, demo data seeded, the web build (out/web) served.
 * Started in its own process group, stopped by PID (proc.ts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SignInResponse } from '../../src-shared/api';
import type { Lab } from '../lab';
import { startProcess, stopProcess, waitFor, type LabProcess } from '../proc';
import { ensureWebBuild, REPO_ROOT, WEB_DIR } from './web-build';

export type DeskServerOptions = {
  /** `--sip-queues` JSON (default: the desk's own 8000 General + 8001 Consultations). */
  queues?: Array<{ number: string; name: string; nameZh?: string; roles?: string[] }>;
  /** Serve this web build instead of out/web (built when missing or stale). */
  staticDir?: string;
};

export type DeskServer = {
  /** `http://127.0.0.1:PORT` (also the workstation's address: the server serves out/web). */
  url: string;
  proc: LabProcess;
  /** Signs in over the API (not the UI) and returns the session token and the person's id. */
  signIn: (workNumber: string, password: string) => Promise<{ token: string; userId: string }>;
  /** GET with a bearer token; throws on a non-2xx answer. */
  get: <T>(token: string, path: string) => Promise<T>;
  stop: () => Promise<void>;
};

/** Environment without any FIRSTLINE_* setting of ours (the server takes flags and this run's secret only). */
const cleanEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FIRSTLINE_'))),
  ...extra,
});

/** Builds out/web if needed, starts the desk server for `lab` and resolves once /api/health answers. */
export async function startDeskServer(lab: Lab, o: DeskServerOptions = {}): Promise<DeskServer> {
  if (!o.staticDir) await ensureWebBuild();
  const dataDir = join(lab.runDir, 'desk-data');
  mkdirSync(dataDir, { recursive: true });
  const args = [
    '--import',
    'tsx',
    'src-server/cli.ts',
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--static',
    o.staticDir ?? WEB_DIR,
    '--sip-ws-url',
    lab.wsUrl,
    '--sip-domain',
    lab.domain,
    '--kamailio-rpc',
    lab.rpcUrl,
    ...(o.queues ? ['--sip-queues', JSON.stringify(o.queues)] : []),
  ];
  // the secret goes by the environment: a flag would show in the process list
  const proc = startProcess('desk-server', process.execPath, args, join(lab.runDir, 'desk-server.log'), {
    cwd: REPO_ROOT,
    env: cleanEnv({ FIRSTLINE_SIP_SECRET: lab.ephemeralSecret, FIRSTLINE_LOG_LEVEL: 'warn' }),
  });
  try {
    const url = await waitFor(
      'the desk server to listen',
      () => {
        if (!proc.alive()) throw new Error(`desk server exited:\n${proc.output().slice(-3000)}`);
        return /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(proc.output())?.[1];
      },
      120_000,
      100,
    );
    await waitFor('the desk server /api/health', () => fetch(`${url}/api/health`).then((r) => r.ok, () => false), 30_000, 100);
    const get = async <T>(token: string, path: string): Promise<T> => {
      const r = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    };
    return {
      url,
      proc,
      get,
      signIn: async (workNumber, password) => {
        const r = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ workNumber, password }) });
        if (!r.ok) throw new Error(`sign-in ${workNumber}: ${r.status} ${await r.text()}`);
        const s = (await r.json()) as SignInResponse;
        return { token: s.token, userId: s.user.id };
      },
      stop: () => stopProcess(proc),
    };
  } catch (err) {
    await stopProcess(proc);
    throw err;
  }
}
