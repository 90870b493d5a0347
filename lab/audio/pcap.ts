/**
 * Reads what rtpengine recorded (pcap, `--recording-format=raw`: IPv4 packets)
 * and rebuilds the audio a plain-RTP phone was sent: the G.711 payloads of the
 * RTP packets addressed to its media ports, decoded to 8 kHz samples in
 * arrival order. This is what the phone hears, measured on the wire, and it
 * keeps working across re-INVITEs (where baresip 1.0's sndfile recording stops).
 */
import { readFileSync } from 'node:fs';
import type { Wav } from './tone';

export type RtpPacket = { at: number; srcPort: number; dstPort: number; payloadType: number; seq: number; payload: Buffer };

/** The UDP/RTP packets of a pcap file (LINKTYPE_RAW or Ethernet), in file order. */
export function readRtpPcap(path: string): RtpPacket[] {
  const b = readFileSync(path);
  if (b.length < 24) return [];
  const magic = b.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const linkType = u32(20);
  const out: RtpPacket[] = [];
  for (let off = 24; off + 16 <= b.length; ) {
    const sec = u32(off);
    const frac = u32(off + 4);
    const len = u32(off + 8);
    const data = b.subarray(off + 16, off + 16 + len);
    off += 16 + len;
    if (data.length < len) break; // the last packet was cut (file still being written)
    const ip = linkType === 1 ? data.subarray(14) : data;
    if (ip.length < 28 || ip[0] === undefined || ip[0] >> 4 !== 4 || ip[9] !== 17) continue;
    const ihl = (ip[0] & 0x0f) * 4;
    const udp = ip.subarray(ihl);
    const rtp = udp.subarray(8);
    if (rtp.length < 12 || rtp[0] === undefined || rtp[0] >> 6 !== 2) continue;
    const cc = rtp[0] & 0x0f;
    const ext = (rtp[0] & 0x10) !== 0;
    let start = 12 + cc * 4;
    if (ext && rtp.length >= start + 4) start += 4 + rtp.readUInt16BE(start + 2) * 4;
    out.push({ at: sec + frac / (nano ? 1e9 : 1e6), srcPort: udp.readUInt16BE(0), dstPort: udp.readUInt16BE(2), payloadType: (rtp[1] ?? 0) & 0x7f, seq: rtp.readUInt16BE(2), payload: rtp.subarray(start) });
  }
  return out;
}

/** G.711 μ-law byte → linear sample in [-1, 1). */
export function ulaw(byte: number): number {
  const u = ~byte & 0xff;
  const sign = u & 0x80;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  const magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
  return (sign ? -magnitude : magnitude) / 32768;
}

/** G.711 A-law byte → linear sample in [-1, 1). */
export function alaw(byte: number): number {
  const a = byte ^ 0x55;
  const sign = a & 0x80;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return (sign ? magnitude : -magnitude) / 32768;
}

/**
 * What a plain-RTP phone is sent, from rtpengine's recording of one call:
 * rtpengine records the packets it *receives*; those that neither come from
 * nor go to the phone's media ports `[lo, hi]` are the other side's, which
 * rtpengine forwards to the phone unchanged (no transcoding in the lab).
 * PCMU (0) and PCMA (8) payloads, decoded to 8 kHz in file order; a gap in
 * arrival (packets lost on the way) becomes silence of the same length.
 */
export function audioForPhone(packets: RtpPacket[], phonePorts: [number, number]): Wav {
  const mine = (port: number) => port >= phonePorts[0] && port <= phonePorts[1];
  const media = packets.filter((p) => !mine(p.srcPort) && !mine(p.dstPort) && (p.payloadType === 0 || p.payloadType === 8));
  const samples: number[] = [];
  const t0 = media[0]?.at ?? 0;
  for (const p of media) {
    // on the capture's clock: packets that never came (a network drop) leave silence
    const due = Math.round((p.at - t0) * 8000);
    if (due > samples.length + 2 * p.payload.length) while (samples.length < due) samples.push(0);
    for (const byte of p.payload) samples.push(p.payloadType === 0 ? ulaw(byte) : alaw(byte));
  }
  return { sampleRate: 8000, channels: 1, samples: Float32Array.from(samples) };
}
