/**
 * Kamailio for the lab: renders `kamailio.cfg.tmpl`, runs it in the foreground
 * (`-DD -E -Y RUNDIR`) and talks JSON-RPC to it over HTTP (the desk server will
 * do the same to set who is Ready).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, waitFor, type LabProcess } from '../proc';

export const KAMAILIO_BIN = '/usr/sbin/kamailio';
const TEMPLATE = fileURLToPath(new URL('./kamailio.cfg.tmpl', import.meta.url));

export type KamailioSettings = {
  runDir: string;
  domain: string;
  sipPort: number;
  wsPort: number;
  rpcPort: number;
  rtpenginePort: number;
  /** Shared with the desk server: signs the ephemeral credentials. */
  ephemeralSecret: string;
  /** Kamailio's own secret for digest nonces. */
  nonceSecret: string;
};

/** The template with every placeholder filled; throws if one is left. */
export function renderKamailioConfig(s: KamailioSettings, template = readFileSync(TEMPLATE, 'utf8')): string {
  const values: Record<string, string> = {
    RUN_DIR: s.runDir,
    DOMAIN: s.domain,
    SIP_PORT: String(s.sipPort),
    WS_PORT: String(s.wsPort),
    RPC_PORT: String(s.rpcPort),
    RTPENGINE_PORT: String(s.rtpenginePort),
    EPH_SECRET: s.ephemeralSecret,
    NONCE_SECRET: s.nonceSecret,
  };
  const out = template.replace(/@([A-Z_]+)@/g, (m, key: string) => values[key] ?? m);
  const left = out.match(/@[A-Z_]+@/);
  if (left) throw new Error(`kamailio.cfg: placeholder ${left[0]} not filled`);
  return out;
}

export type RpcResult = { result?: unknown; error?: { code: number; message: string } };

/**
 * JSON-RPC 2.0 over HTTP to Kamailio's jsonrpcs module. One retry when the connection fails
 * before an answer: fetch reuses a kept-alive socket that Kamailio's xhttp may have closed
 * meanwhile ("other side closed", seen once in a full run); every lab RPC is idempotent.
 */
export async function kamailioRpc(rpcUrl: string, method: string, params: Array<string | number> = [], timeoutMs = 3000): Promise<RpcResult> {
  const once = async (): Promise<RpcResult> => {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id: 1 }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return JSON.parse(text) as RpcResult;
  };
  try {
    return await once();
  } catch (err) {
    if (!(err instanceof TypeError)) throw err; // a timeout or a bad answer is not retried
    return once();
  }
}

export type Kamailio = { proc: LabProcess; rpcUrl: string; configPath: string };

/** Starts Kamailio and resolves once it answers JSON-RPC. */
export async function startKamailio(s: KamailioSettings): Promise<Kamailio> {
  const configPath = join(s.runDir, 'kamailio.cfg');
  writeFileSync(configPath, renderKamailioConfig(s));
  const proc = startProcess(
    'kamailio',
    KAMAILIO_BIN,
    ['-f', configPath, '-DD', '-E', '-Y', s.runDir, '-P', join(s.runDir, 'kamailio.pid'), '-w', s.runDir],
    join(s.runDir, 'kamailio.log'),
  );
  const rpcUrl = `http://127.0.0.1:${s.rpcPort}/RPC`;
  await waitFor('kamailio JSON-RPC', async () => {
    if (!proc.alive()) throw new Error(`kamailio exited:\n${proc.output().slice(-3000)}`);
    const r = await kamailioRpc(rpcUrl, 'core.version');
    return r.result !== undefined;
  }, 15_000);
  return { proc, rpcUrl, configPath };
}
