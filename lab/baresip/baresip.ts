/**
 * baresip as an outside phone: plays a sine (`ausine`), records what it hears
 * (`sndfile`: dump-<time>-dec.wav = heard, -enc.wav = sent), auto-answers or
 * not, and is driven over `ctrl_tcp` (netstring JSON commands and events).
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { startProcess, stopProcess, waitFor, type LabProcess } from '../proc';

export const BARESIP_BIN = '/usr/bin/baresip';

export type BaresipOptions = {
  /** SIP user (the AOR is sip:name@domain). */
  name: string;
  /** Parent folder; the instance gets `<dir>/baresip-<name>/`. */
  dir: string;
  domain: string;
  /** Kamailio's UDP port on 127.0.0.1 (the outbound proxy). */
  proxyPort: number;
  sipPort: number;
  ctrlPort: number;
  /** Frequency of the sine it sends, Hz. */
  toneHz: number;
  answer: 'auto' | 'manual';
  /** Register with these ephemeral credentials; without them the phone only calls out. */
  credential?: { username: string; password: string };
  /** RTP port range, e.g. [40000, 40099]. */
  rtpPorts: [number, number];
};

/** An event pushed by ctrl_tcp, e.g. {type: 'CALL_ESTABLISHED', class: 'call', peeruri, id, param}. */
export type BaresipEvent = { event: true; type: string; class?: string; accountaor?: string; direction?: string; peeruri?: string; id?: string; param?: string };
type BaresipResponse = { response: true; ok: boolean; data?: string; token?: string };

export function baresipConfig(o: BaresipOptions, recDir: string): string {
  return [
    'poll_method epoll',
    `sip_listen 127.0.0.1:${o.sipPort}`,
    'call_local_timeout 120',
    'call_max_calls 4',
    // no sound card: the player is a bridge nobody reads; what is heard is recorded by sndfile
    `audio_player aubridge,play-${o.name}`,
    `audio_alert aubridge,alert-${o.name}`,
    `audio_source ausine,${o.toneHz}`,
    'ausrc_srate 48000',
    'ausrc_channels 2',
    'audio_buffer 20-160',
    `rtp_ports ${o.rtpPorts[0]}-${o.rtpPorts[1]}`,
    'rtcp_mux no',
    'jitter_buffer_delay 5-10',
    'module_path /usr/lib/baresip/modules',
    'module g711.so',
    'module sndfile.so',
    'module aubridge.so',
    'module ausine.so',
    'module_tmp uuid.so',
    'module_tmp account.so',
    'module_app menu.so',
    'module_app ctrl_tcp.so',
    `ctrl_tcp_listen 127.0.0.1:${o.ctrlPort}`,
    `snd_path ${recDir}`,
    '',
  ].join('\n');
}

export function baresipAccount(o: BaresipOptions): string {
  const params = [
    `outbound="sip:127.0.0.1:${o.proxyPort};transport=udp"`,
    `answermode=${o.answer}`,
    'audio_codecs=PCMU,PCMA',
    o.credential ? `auth_user=${o.credential.username};auth_pass=${o.credential.password};regint=600` : 'regint=0',
  ];
  return `<sip:${o.name}@${o.domain}>;${params.join(';')}\n`;
}

/** Encodes one netstring. */
export const netstring = (s: string): string => `${Buffer.byteLength(s)}:${s},`;

export class Baresip {
  readonly events: BaresipEvent[] = [];
  private listeners = new Set<(e: BaresipEvent) => void>();
  private pending = new Map<string, (r: BaresipResponse) => void>();
  private rx = Buffer.alloc(0);
  private seq = 0;

  private constructor(
    readonly options: BaresipOptions,
    readonly home: string,
    readonly recDir: string,
    readonly proc: LabProcess,
    private sock: Socket,
  ) {
    sock.on('data', (d: Buffer) => this.onData(d));
  }

  get aor(): string {
    return `sip:${this.options.name}@${this.options.domain}`;
  }

  static async start(o: BaresipOptions): Promise<Baresip> {
    const home = join(o.dir, `baresip-${o.name}`);
    const recDir = join(home, 'rec');
    mkdirSync(recDir, { recursive: true });
    writeFileSync(join(home, 'config'), baresipConfig(o, recDir));
    writeFileSync(join(home, 'accounts'), baresipAccount(o));
    writeFileSync(join(home, 'contacts'), '');
    // -n 127.0.0.1: in a loopback-only namespace baresip finds no address otherwise
    const proc = startProcess(`baresip-${o.name}`, BARESIP_BIN, ['-f', home, '-n', '127.0.0.1'], join(home, 'baresip.log'));
    const sock = await waitFor(`baresip ${o.name} ctrl_tcp`, () => {
      if (!proc.alive()) throw new Error(`baresip ${o.name} exited:\n${proc.output().slice(-2000)}`);
      return new Promise<Socket | false>((resolve) => {
        const s = connect(o.ctrlPort, '127.0.0.1');
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(false));
      });
    }, 10_000);
    return new Baresip(o, home, recDir, proc, sock);
  }

  private onData(d: Buffer): void {
    this.rx = Buffer.concat([this.rx, d]);
    for (;;) {
      const colon = this.rx.indexOf(':');
      if (colon < 0) return;
      const len = Number(this.rx.subarray(0, colon).toString());
      if (!Number.isFinite(len) || this.rx.length < colon + 1 + len + 1) return;
      const body = this.rx.subarray(colon + 1, colon + 1 + len).toString();
      this.rx = this.rx.subarray(colon + 1 + len + 1);
      let msg: unknown;
      try {
        msg = JSON.parse(body);
      } catch {
        continue;
      }
      const m = msg as Partial<BaresipEvent & BaresipResponse>;
      if (m.event) {
        const e = m as BaresipEvent;
        this.events.push(e);
        for (const l of this.listeners) l(e);
      } else if (m.response && m.token) {
        this.pending.get(m.token)?.(m as BaresipResponse);
        this.pending.delete(m.token);
      }
    }
  }

  /** Sends a menu command (e.g. `dial`, `accept`, `hangup`, `reginfo`); resolves with its output. */
  command(command: string, params = '', timeoutMs = 5000): Promise<string> {
    const token = `t${++this.seq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        reject(new Error(`baresip ${this.options.name}: no answer to ${command}`));
      }, timeoutMs);
      this.pending.set(token, (r) => {
        clearTimeout(timer);
        if (r.ok) resolve(r.data ?? '');
        else reject(new Error(`baresip ${this.options.name}: ${command} failed: ${r.data ?? ''}`));
      });
      this.sock.write(netstring(JSON.stringify({ command, params, token })));
    });
  }

  dial(uri: string): Promise<string> {
    return this.command('dial', uri);
  }
  accept(): Promise<string> {
    return this.command('accept');
  }
  hangup(): Promise<string> {
    return this.command('hangup');
  }

  /** The first event (already received or still to come, after index `from`) matching `pred`. */
  waitEvent(pred: (e: BaresipEvent) => boolean, timeoutMs = 10_000, from = 0): Promise<BaresipEvent> {
    const seen = this.events.slice(from).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(l);
        reject(new Error(`baresip ${this.options.name}: timed out waiting for an event; got ${this.events.map((e) => e.type).join(', ')}`));
      }, timeoutMs);
      const l = (e: BaresipEvent) => {
        if (!pred(e)) return;
        clearTimeout(timer);
        this.listeners.delete(l);
        resolve(e);
      };
      this.listeners.add(l);
    });
  }

  /** Waits for an event of `type` (e.g. 'CALL_ESTABLISHED', 'CALL_CLOSED', 'REGISTER_OK'). */
  waitFor(type: string, timeoutMs = 10_000, from = 0): Promise<BaresipEvent> {
    return this.waitEvent((e) => e.type === type, timeoutMs, from);
  }

  /**
   * Recordings of what this phone heard (`dec`) or sent (`enc`), oldest first.
   * sndfile names them by the second the call's audio started and finalises the
   * WAV header when the call ends: analyse after hang-up.
   */
  recordings(kind: 'dec' | 'enc' = 'dec'): string[] {
    return readdirSync(this.recDir)
      .filter((f) => f.endsWith(`-${kind}.wav`))
      .map((f) => join(this.recDir, f))
      .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  }

  async stop(): Promise<void> {
    this.sock.destroy();
    await stopProcess(this.proc);
  }
}
