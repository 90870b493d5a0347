/**
 * The telephony lab: Kamailio (registrar + proxy, SIP over WebSocket, queues),
 * rtpengine (userspace media bridge) and baresip outside phones on loopback,
 * with a run dir in a temp folder, free ports, readiness checks and teardown
 * by PID. Tests and benches use the API; `tsx lab/lab.ts up` runs it for a demo.
 *
 *   const lab = await start();
 *   const cred = lab.credential('agent1');            // for sip.js over lab.wsUrl
 *   await lab.addReady('8000', 'agent1');             // the desk server's job later
 *   const caller = await lab.addPhone({ name: 'customer', toneHz: 440 });
 *   await caller.dial(lab.uri('8000'));
 *   await lab.stop();
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Baresip, type BaresipOptions } from './baresip/baresip';
import { startPageServer, type PageServer } from './browser/server';
import { issueEphemeralCredential, type EphemeralCredential } from './credentials';
import { kamailioRpc, startKamailio, type Kamailio } from './kamailio/kamailio';
import { freePort, freePorts, freeSipPort, stopProcess, waitFor, type LabProcess } from './proc';
import { rtpengineCommand, rtpengineHasCall, startRtpengine } from './rtpengine';
import { dropTraffic, type DropOptions } from './netfault';

/** The desk's queue numbers (ring groups), as configured in kamailio.cfg.tmpl. */
export const QUEUES = { general: '8000', consultation: '8001' } as const;
export const LAB_DOMAIN = 'desk.firstline.test';

export type LabOptions = {
  /** Keep the run dir (configs, logs, recordings) after stop(). Default: only when LAB_KEEP=1. */
  keepRunDir?: boolean;
  /** Serve the lab phone page (lab/browser) for browser tests. Default true. */
  page?: boolean;
};

export type PhoneOptions = {
  name: string;
  toneHz: number;
  /** Default 'auto' (answers every call). */
  answer?: 'auto' | 'manual';
  /** Register through Kamailio with an ephemeral credential. Default true. */
  register?: boolean;
};

export type Lab = {
  runDir: string;
  domain: string;
  /** WebSocket URL for sip.js (`transportOptions.server`). */
  wsUrl: string;
  /** Kamailio's plain SIP address, `127.0.0.1:PORT` (UDP and TCP). */
  sipAddress: string;
  /** JSON-RPC endpoint (htable.sets / htable.delete for Ready membership). */
  rpcUrl: string;
  /** The lab phone page (undefined with `page: false`). */
  pageUrl: string | undefined;
  /** The secret shared with Kamailio's auth_ephemeral (the desk server will hold it). */
  ephemeralSecret: string;
  /** `sip:<user>@<domain>`. */
  uri: (user: string) => string;
  /** An ephemeral credential for `user`, as the desk server will issue it. */
  credential: (user: string, ttlSeconds?: number, nowMs?: number) => EphemeralCredential;
  /** Makes `user` Ready for `queue` (rings on calls to the queue number). */
  addReady: (queue: string, user: string) => Promise<void>;
  removeReady: (queue: string, user: string) => Promise<void>;
  /** Current Ready members, as "<queue>:<user>" keys. */
  readyList: () => Promise<string[]>;
  /** True when Kamailio has a contact registered for `user`. */
  isRegistered: (user: string) => Promise<boolean>;
  waitRegistered: (user: string, timeoutMs?: number) => Promise<void>;
  /** True while rtpengine bridges the media of the call with this SIP Call-ID. */
  mediaBridged: (callId: string) => Promise<boolean>;
  /**
   * Starts writing the media rtpengine receives for this (bridged) call to a pcap
   * (ng `start recording`). Read it after the call with `mediaRecording` and
   * `audio/pcap.ts`: it shows on the wire what each side sent, across re-INVITEs.
   */
  recordMedia: (callId: string) => Promise<void>;
  /** The pcap files rtpengine wrote for this call (after it ended). */
  mediaRecording: (callId: string) => string[];
  /** Starts a baresip outside phone (registered unless `register: false`). */
  addPhone: (o: PhoneOptions) => Promise<Baresip>;
  /**
   * Stops Kamailio and starts it again on the same ports with the same secrets
   * (registrations are lost: usrloc is in memory), then puts back the Ready
   * membership the lab set, as the desk server would. `downMs`: time spent down.
   */
  restartKamailio: (downMs?: number) => Promise<void>;
  /**
   * Drops the agents' traffic for `ms` (iptables in the lab's namespace only):
   * every UDP packet (media) except Kamailio's plain SIP port and rtpengine's
   * control port, and the WebSocket (TCP) to Kamailio. Resolves once restored.
   */
  dropTraffic: (ms: number, o?: Omit<DropOptions, 'keepUdpPorts' | 'tcpPorts'>) => Promise<void>;
  /** Processes of the lab, for diagnostics. */
  processes: () => LabProcess[];
  stop: () => Promise<void>;
};

async function rpcOk(rpcUrl: string, method: string, params: string[]): Promise<unknown> {
  const r = await kamailioRpc(rpcUrl, method, params);
  if (r.error) throw new Error(`kamailio ${method} ${params.join(' ')}: ${r.error.code} ${r.error.message}`);
  return r.result;
}

/** Starts rtpengine, Kamailio and (optionally) the phone page; resolves when all are ready. */
export async function start(options: LabOptions = {}): Promise<Lab> {
  const runDir = mkdtempSync(join(tmpdir(), 'firstline-lab-'));
  const keep = options.keepRunDir ?? process.env.LAB_KEEP === '1';
  const domain = LAB_DOMAIN;
  const ephemeralSecret = randomBytes(24).toString('base64url');
  const procs: LabProcess[] = [];
  const phones: Baresip[] = [];
  let page: PageServer | undefined;
  let kamailio: Kamailio | undefined;
  // media ports: rtpengine and each baresip get their own ranges, at a random offset
  const rtpBase = 20_000 + 200 * Math.floor(Math.random() * 50);
  let phoneRtpBase = 40_000 + 100 * Math.floor(Math.random() * 50);

  const stop = async (): Promise<void> => {
    await Promise.allSettled(phones.map((p) => p.stop()));
    if (kamailio) await stopProcess(kamailio.proc);
    await Promise.allSettled(procs.map((p) => stopProcess(p)));
    await page?.close();
    if (!keep) rmSync(runDir, { recursive: true, force: true });
  };

  try {
    const [sipPort, wsPort, rpcPort, ngPort] = (await freePorts(4)) as [number, number, number, number];
    procs.push(await startRtpengine({ runDir, ngPort, portMin: rtpBase, portMax: rtpBase + 199 }));
    const kamailioSettings = {
      runDir,
      domain,
      sipPort,
      wsPort,
      rpcPort,
      rtpenginePort: ngPort,
      ephemeralSecret,
      nonceSecret: randomBytes(16).toString('hex'),
    };
    kamailio = await startKamailio(kamailioSettings);
    procs.push(kamailio.proc);
    if (options.page !== false) page = await startPageServer();
    const rpcUrl = kamailio.rpcUrl;
    /** Ready membership as the lab set it, to put back after a Kamailio restart. */
    const ready = new Set<string>();

    const isRegistered = async (user: string): Promise<boolean> => {
      const r = await kamailioRpc(rpcUrl, 'ul.lookup', ['location', user]);
      return r.result !== undefined && !r.error;
    };
    const credential = (user: string, ttlSeconds = 3600, nowMs = Date.now()) => issueEphemeralCredential(ephemeralSecret, user, ttlSeconds, nowMs);

    const lab: Lab = {
      runDir,
      domain,
      wsUrl: `ws://127.0.0.1:${wsPort}`,
      sipAddress: `127.0.0.1:${sipPort}`,
      rpcUrl,
      pageUrl: page?.url,
      ephemeralSecret,
      uri: (user) => `sip:${user}@${domain}`,
      credential,
      addReady: async (queue, user) => {
        await rpcOk(rpcUrl, 'htable.sets', ['ready', `${queue}:${user}`, '1']);
        ready.add(`${queue}:${user}`);
      },
      removeReady: async (queue, user) => {
        await rpcOk(rpcUrl, 'htable.delete', ['ready', `${queue}:${user}`]);
        ready.delete(`${queue}:${user}`);
      },
      readyList: async () => {
        const r = (await rpcOk(rpcUrl, 'htable.dump', ['ready'])) as Array<{ slot?: Array<{ name: string }> }> | undefined;
        return (r ?? []).flatMap((e) => (e.slot ?? []).map((s) => s.name)).sort();
      },
      isRegistered,
      waitRegistered: async (user, timeoutMs = 10_000) => {
        await waitFor(`${user} registered`, () => isRegistered(user), timeoutMs);
      },
      mediaBridged: (callId) => rtpengineHasCall(ngPort, callId),
      recordMedia: async (callId) => {
        const reply = await rtpengineCommand(ngPort, `d7:call-id${Buffer.byteLength(callId)}:${callId}7:command15:start recordinge`);
        if (!reply?.includes('6:result2:ok')) throw new Error(`rtpengine start recording ${callId}: ${reply ?? 'no answer'}`);
      },
      mediaRecording: (callId) => {
        const dir = join(runDir, 'rtp-recordings', 'pcaps');
        return existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(`${callId}-`) && f.endsWith('.pcap')).map((f) => join(dir, f)) : [];
      },
      addPhone: async (o) => {
        const phoneSip = await freeSipPort();
        const ctrlPort = await freePort(new Set([phoneSip, phoneSip + 1]));
        const rtpPorts: [number, number] = [phoneRtpBase, phoneRtpBase + 99];
        phoneRtpBase += 100;
        const register = o.register ?? true;
        const cred = register ? credential(o.name, 86_400) : undefined;
        const opts: BaresipOptions = {
          name: o.name,
          dir: runDir,
          domain,
          proxyPort: sipPort,
          sipPort: phoneSip,
          ctrlPort,
          toneHz: o.toneHz,
          answer: o.answer ?? 'auto',
          rtpPorts,
          ...(cred ? { credential: { username: cred.username, password: cred.password } } : {}),
        };
        const phone = await Baresip.start(opts);
        phones.push(phone);
        if (register) await lab.waitRegistered(o.name);
        return phone;
      },
      restartKamailio: async (downMs = 500) => {
        const old = kamailio;
        if (old) {
          await stopProcess(old.proc);
          procs.splice(procs.indexOf(old.proc), 1);
        }
        kamailio = undefined;
        await new Promise((r) => setTimeout(r, downMs));
        kamailio = await startKamailio(kamailioSettings);
        procs.push(kamailio.proc);
        for (const key of ready) await rpcOk(rpcUrl, 'htable.sets', ['ready', key, '1']);
      },
      dropTraffic: (ms, o = {}) => dropTraffic(ms, { ...o, keepUdpPorts: [sipPort, ngPort], tcpPorts: [wsPort] }),
      processes: () => [...procs, ...phones.map((p) => p.proc)],
      stop,
    };
    return lab;
  } catch (err) {
    await stop();
    throw err;
  }
}

async function main(argv: string[]): Promise<void> {
  const cmd = argv[0] ?? 'up';
  if (cmd !== 'up') {
    console.error('usage: tsx lab/lab.ts up   (starts the lab until Ctrl-C)');
    process.exit(2);
  }
  const lab = await start({ keepRunDir: true });
  const agents = ['agent1', 'agent2'];
  const creds = agents.map((a) => ({ user: a, ...lab.credential(a, 8 * 3600) }));
  for (const a of agents) await lab.addReady(QUEUES.general, a);
  const caller = await lab.addPhone({ name: 'customer', toneHz: 440, answer: 'auto', register: true });
  console.log(
    [
      'Firstline telephony lab is up.',
      `  WebSocket (sip.js):   ${lab.wsUrl}`,
      `  SIP domain:           ${lab.domain}`,
      `  plain SIP (UDP/TCP):  ${lab.sipAddress}`,
      `  JSON-RPC (Ready):     ${lab.rpcUrl}`,
      `  lab phone page:       ${lab.pageUrl ?? '-'}`,
      `  queues:               ${QUEUES.general} general, ${QUEUES.consultation} consultation`,
      `  Ready for ${QUEUES.general}:      ${agents.join(', ')}`,
      '  agent credentials (8 h):',
      ...creds.map((c) => `    ${lab.uri(c.user)}  username=${c.username}  password=${c.password}`),
      `  outside phone:        ${caller.aor} (baresip, 440 Hz, auto-answer, ctrl_tcp 127.0.0.1:${caller.options.ctrlPort})`,
      `  run dir (logs, recordings): ${lab.runDir}`,
      'Ctrl-C to stop.',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  console.log('stopping…');
  await lab.stop();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
