/** The connected calls a page keeps for the page after a reload. */
import { describe, expect, it } from 'vitest';
import { newCall, type Call, type DialogRef } from '../../../src-shared/calls';
import { connectedCalls, EMPTY_VIEW } from './fold';
import { callsLostBefore, KEPT_CALLS_KEY, LEFT_AT_KEY, lostCallsEndAt, markLeft, readKeptCalls, takeLeftAt, writeKeptCalls } from './kept-calls';

const dialog = (callId: string): DialogRef => ({ callId, localTag: 'l', remoteTag: 'r', localUri: 'sip:8000@x', remoteUri: `sip:${callId}@x`, remoteTarget: `sip:${callId}@127.0.0.1`, routeSet: ['<sip:127.0.0.1;lr>'] });
const call = (id: string, state: Call['state'], withDialog = true): Call => ({
  ...newCall({ id, direction: 'inbound', sipCallId: `sip-${id}`, remote: { uri: `sip:${id}@x`, number: id }, queue: '8000' }, 1_000),
  state,
  answeredAt: 2_000,
  ...(withDialog ? { dialog: dialog(`sip-${id}`) } : {}),
});

const memoryStorage = () => {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
};

describe('the calls a page keeps across a reload', () => {
  it('are the connected ones with a confirmed dialog (not ringing, not one without its dialog yet)', () => {
    const calls = [call('a', { name: 'active' }), call('h', { name: 'held' }), call('r', { name: 'ringing' }), call('x', { name: 'active' }, false)];
    expect(connectedCalls({ ...EMPTY_VIEW, calls }).map((c) => c.id)).toEqual(['a', 'h']);
  });

  it('come back as written; nothing kept, or anything malformed, reads as none; none written forgets them', () => {
    const s = memoryStorage();
    expect(readKeptCalls(s)).toEqual([]);
    const kept = [call('a', { name: 'active' })];
    writeKeptCalls(s, kept);
    expect(readKeptCalls(s)).toEqual(kept);
    s.setItem(KEPT_CALLS_KEY, '{not json');
    expect(readKeptCalls(s)).toEqual([]);
    s.setItem(KEPT_CALLS_KEY, JSON.stringify([{ ...kept[0], dialog: { ...dialog('a'), remoteTarget: 'javascript:alert(1)' } }]));
    expect(readKeptCalls(s)).toEqual([]);
    writeKeptCalls(s, kept);
    writeKeptCalls(s, []);
    expect(s.m.has(KEPT_CALLS_KEY)).toBe(false);
    expect(readKeptCalls(null)).toEqual([]);
  });

  it('a storage that refuses to write loses nothing else', () => {
    const refusing = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined };
    expect(() => writeKeptCalls(refusing, [call('a', { name: 'active' })])).not.toThrow();
  });

  it('after the reload, those the new engine does not have died with the old one; those it has (Electron keeps its engine) are left alone', () => {
    const kept = [call('a', { name: 'active' }), call('b', { name: 'held' })];
    const snapshot = { ...EMPTY_VIEW, calls: [call('b', { name: 'held' })] };
    expect(callsLostBefore(kept, snapshot).map((c) => c.id)).toEqual(['a']);
    expect(callsLostBefore(kept, EMPTY_VIEW).map((c) => c.id)).toEqual(['a', 'b']);
  });

  it('end when the page went away, not when the next one started (its seconds are no talk time); read once', () => {
    const s = memoryStorage();
    expect(takeLeftAt(s)).toBeNull();
    markLeft(s, 9_000);
    expect(takeLeftAt(s)).toBe(9_000);
    expect(takeLeftAt(s)).toBeNull(); // forgotten: a later crash does not reuse it
    const lost = [call('a', { name: 'active' })]; // started at 1 000, answered at 2 000
    expect(lostCallsEndAt(lost, 9_000, 12_500)).toBe(9_000);
    // not said (the page crashed), from before the call (an older page), or in the future (a clock moved): now
    expect(lostCallsEndAt(lost, null, 12_500)).toBe(12_500);
    expect(lostCallsEndAt(lost, 500, 12_500)).toBe(12_500);
    expect(lostCallsEndAt(lost, 20_000, 12_500)).toBe(12_500);
    s.setItem(LEFT_AT_KEY, 'soon');
    expect(takeLeftAt(s)).toBeNull();
    const refusing = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => undefined };
    expect(() => markLeft(refusing, 1)).not.toThrow();
    expect(takeLeftAt(refusing)).toBeNull();
  });
});
