/**
 * The lab's host page for the real phone engine (src-renderer/features/calls/engine):
 * it runs the engine behind a MessageChannel exactly as the browser host does,
 * and gives the test side `window.engineLab`: requests through the client end
 * of the port, every event it received (with the time), and a tone detector
 * on each call's remote audio (the engine's `onCallMedia` hook). DOM only.
 */
import { createPhoneClient, startPhoneEngine } from '../../../src-renderer/features/calls/engine';
import type { PhoneRequestChannel, PhoneResult } from '../../../src-shared/calls';
import { createToneDetector, type ToneDetector, type ToneReading } from '../../browser/tone-detector';

export type LabEvent = { at: number; event: string; payload: unknown };

export type EngineLabApi = {
  request: (channel: string, arg?: unknown) => Promise<PhoneResult<unknown>>;
  /** Events received since index `from`. */
  events: (from?: number) => LabEvent[];
  /** The first event at index ≥ `from` named `event` whose payload contains `match` (deep partial), or undefined. */
  find: (event: string, match: unknown, from?: number) => LabEvent | undefined;
  hearsTone: (callId: string, hz: number, timeoutMs: number) => Promise<ToneReading | null>;
  toneShare: (callId: string, hz: number, ms: number) => Promise<number>;
  log: () => string[];
  close: () => Promise<void>;
};

const detectors = new Map<string, ToneDetector>();
const logLines: string[] = [];
const events: LabEvent[] = [];

const phone = startPhoneEngine({
  onCallMedia: (callId, media) => {
    detectors.get(callId)?.close();
    detectors.set(callId, createToneDetector(media.remoteStream));
  },
  log: (level, message) => {
    logLines.push(`${new Date().toISOString()} ${level} ${message}`);
    if (logLines.length > 2000) logLines.splice(0, 500);
  },
});
const { port1, port2 } = new MessageChannel();
phone.attach(port1);
const client = createPhoneClient(port2);
client.onEvent((m) => {
  events.push({ at: Date.now(), event: m.event, payload: m.payload });
  if (m.event === 'call:ended') {
    const id = (m.payload as { id: string }).id;
    detectors.get(id)?.close();
    detectors.delete(id);
  }
});

function contains(value: unknown, pattern: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object') return value === pattern;
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(pattern).every(([k, p]) => contains((value as Record<string, unknown>)[k], p));
}

async function detector(callId: string, timeoutMs: number): Promise<ToneDetector | undefined> {
  const deadline = performance.now() + timeoutMs;
  while (!detectors.has(callId) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return detectors.get(callId);
}

const api: EngineLabApi = {
  request: (channel, arg) => (arg === undefined ? client.request(channel as PhoneRequestChannel) : (client.request as (c: string, a: unknown) => Promise<PhoneResult<unknown>>)(channel, arg)),
  events: (from = 0) => events.slice(from),
  find: (event, match, from = 0) => events.slice(from).find((e) => e.event === event && contains(e.payload, match)),
  hearsTone: async (callId, hz, timeoutMs) => {
    const start = performance.now();
    const d = await detector(callId, timeoutMs);
    return d ? d.waitFor(hz, Math.max(0, timeoutMs - (performance.now() - start))) : null;
  },
  toneShare: async (callId, hz, ms) => {
    const d = await detector(callId, 2000);
    if (!d) throw new Error(`call ${callId} has no media`);
    return d.share(hz, ms);
  },
  log: () => [...logLines],
  close: () => phone.close(),
};

(window as unknown as { engineLab: EngineLabApi }).engineLab = api;
document.title = 'engine lab ready';
