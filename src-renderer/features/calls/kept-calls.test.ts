/** The connected calls a page keeps for the page after a reload. */
import { describe, expect, it } from 'vitest';
import { newCall, type Call, type DialogRef } from '../../../src-shared/calls';
import { connectedCalls, EMPTY_VIEW } from './fold';
import { callsLostBefore, KEPT_CALLS_KEY, readKeptCalls, writeKeptCalls } from './kept-calls';

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
});
