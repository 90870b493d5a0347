import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alaw, audioForPhone, readRtpPcap, ulaw } from './pcap';
import { toneRuns } from './tone';

/** Linear [-1, 1) → G.711 μ-law (the encoder the decoder under test inverts). */
function toUlaw(x: number): number {
  const BIAS = 0x84;
  let s = Math.max(-32635, Math.min(32635, Math.round(x * 32768)));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** A LINKTYPE_RAW pcap of 20 ms PCMU packets from port `src` to port `dst`, one per `times` entry (seconds). */
function pcap(packets: Array<{ at: number; src: number; dst: number; pt: number; samples: number[] }>): Buffer {
  const head = Buffer.alloc(24);
  head.writeUInt32LE(0xa1b2c3d4, 0);
  head.writeUInt16LE(2, 4);
  head.writeUInt16LE(4, 6);
  head.writeUInt32LE(65535, 16);
  head.writeUInt32LE(101, 20);
  const parts = [head];
  packets.forEach((p, i) => {
    const rtp = Buffer.alloc(12 + p.samples.length);
    rtp[0] = 0x80;
    rtp[1] = p.pt;
    rtp.writeUInt16BE(i, 2);
    p.samples.forEach((v, k) => (rtp[12 + k] = toUlaw(v)));
    const udp = Buffer.alloc(8);
    udp.writeUInt16BE(p.src, 0);
    udp.writeUInt16BE(p.dst, 2);
    const ip = Buffer.alloc(20);
    ip[0] = 0x45;
    ip[9] = 17;
    const pkt = Buffer.concat([ip, udp, rtp]);
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(Math.floor(p.at), 0);
    rec.writeUInt32LE(Math.round((p.at % 1) * 1e6), 4);
    rec.writeUInt32LE(pkt.length, 8);
    rec.writeUInt32LE(pkt.length, 12);
    parts.push(rec, pkt);
  });
  return Buffer.concat(parts);
}

const dir = mkdtempSync(join(tmpdir(), 'pcap-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rtpengine recordings (pcap) as audio', () => {
  it('decodes G.711 exactly at the ends of the scale', () => {
    expect(ulaw(0xff)).toBe(0);
    expect(ulaw(0x00)).toBeCloseTo(-32124 / 32768, 6);
    expect(alaw(0xd5)).toBeCloseTo(8 / 32768, 6);
    expect(alaw(0x2a)).toBeCloseTo(-32256 / 32768, 6);
  });

  it('keeps only what the other side sent towards the phone, and a gap in arrival becomes silence', () => {
    const tone = (n0: number) => Array.from({ length: 160 }, (_, k) => 0.5 * Math.sin((2 * Math.PI * 660 * (n0 + k)) / 8000));
    const packets: Parameters<typeof pcap>[0] = [];
    // 1 s of tone, 2 s nothing (dropped), 1 s of tone: from the agent's leg (port 30000 → 20000)
    for (let i = 0; i < 50; i++) packets.push({ at: 100 + i * 0.02, src: 30000, dst: 20000, pt: 0, samples: tone(i * 160) });
    for (let i = 0; i < 50; i++) packets.push({ at: 103 + i * 0.02, src: 30000, dst: 20000, pt: 0, samples: tone(i * 160) });
    // the phone's own packets (from its port 40000) are not what it hears
    for (let i = 0; i < 200; i++) packets.push({ at: 100 + i * 0.02, src: 40000, dst: 20002, pt: 0, samples: tone(i * 160) });
    const f = join(dir, 'call.pcap');
    writeFileSync(f, pcap(packets));
    const heard = audioForPhone(readRtpPcap(f), [40000, 40099]);
    expect(heard.samples.length / 8000).toBeCloseTo(4, 1);
    const runs = toneRuns(heard, 660);
    expect(runs.map((r) => r.tone)).toEqual([true, false, true]);
    expect(runs[1]!.seconds).toBeGreaterThanOrEqual(1.9);
  });
});
