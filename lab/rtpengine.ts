/**
 * rtpengine in userspace (no kernel module, `--table=-1`): the media bridge
 * between WebRTC (ICE + DTLS-SRTP + rtcp-mux) and plain RTP phones.
 */
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { startProcess, waitFor, type LabProcess } from './proc';

export const RTPENGINE_BIN = '/usr/bin/rtpengine';

export type RtpengineSettings = { runDir: string; ngPort: number; portMin: number; portMax: number };

/** One ng-protocol command (bencoded dictionary body); resolves with the raw reply body, or null on timeout. */
export function rtpengineCommand(ngPort: number, bencodedDict: string, timeoutMs = 500): Promise<string | null> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const cookie = `c${Math.random().toString(36).slice(2, 10)}`;
    const done = (reply: string | null) => {
      clearTimeout(timer);
      sock.close();
      resolve(reply);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    sock.on('message', (msg) => {
      const text = msg.toString();
      if (text.startsWith(`${cookie} `)) done(text.slice(cookie.length + 1));
    });
    sock.on('error', () => done(null));
    sock.send(`${cookie} ${bencodedDict}`, ngPort, '127.0.0.1');
  });
}

/** True when rtpengine currently bridges media for the SIP Call-ID `callId` (ng `list`). */
export async function rtpengineHasCall(ngPort: number, callId: string): Promise<boolean> {
  const reply = await rtpengineCommand(ngPort, 'd7:command4:list5:limiti1000ee');
  if (reply === null) throw new Error('rtpengine did not answer `list`');
  return reply.includes(`${Buffer.byteLength(callId)}:${callId}`);
}

/** One ng-protocol `ping` (bencode over UDP); true when rtpengine answers `pong`. */
export function rtpenginePing(ngPort: number, timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const cookie = `c${Math.random().toString(36).slice(2, 10)}`;
    const done = (ok: boolean) => {
      clearTimeout(timer);
      sock.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.on('message', (msg) => done(msg.toString().startsWith(cookie) && msg.toString().includes('pong')));
    sock.on('error', () => done(false));
    sock.send(`${cookie} d7:command4:pinge`, ngPort, '127.0.0.1');
  });
}

export async function startRtpengine(s: RtpengineSettings): Promise<LabProcess> {
  const proc = startProcess(
    'rtpengine',
    RTPENGINE_BIN,
    [
      '--config-file=none',
      '--foreground',
      '--log-stderr',
      '--table=-1',
      '--interface=127.0.0.1',
      `--listen-ng=127.0.0.1:${s.ngPort}`,
      `--port-min=${s.portMin}`,
      `--port-max=${s.portMax}`,
      `--pidfile=${join(s.runDir, 'rtpengine.pid')}`,
      // media of a call is written as pcap only when asked (ng `start recording`): see recordMedia()
      `--recording-dir=${join(s.runDir, 'rtp-recordings')}`,
      '--recording-method=pcap',
      '--recording-format=raw',
    ],
    join(s.runDir, 'rtpengine.log'),
  );
  await waitFor('rtpengine ng ping', async () => {
    if (!proc.alive()) throw new Error(`rtpengine exited:\n${proc.output().slice(-3000)}`);
    return rtpenginePing(s.ngPort);
  }, 10_000);
  return proc;
}
