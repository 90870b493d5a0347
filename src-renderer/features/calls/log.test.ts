import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../src-shared/calls';
import { addEntries, entryOfCallRecord, entryOfRecord, isDtmfDigit, manualEntry, parseLocalDateTime, recordOfEntry, toLocalDateTime, wasCutOff, type CallLogEntry } from './log';

const record = (id: string, ringAt: string, o: Partial<CallRecord> = {}): CallRecord => ({
  id,
  sipCallId: `sip-${id}`,
  direction: 'inbound',
  number: '13800138000',
  remoteUri: 'sip:13800138000@desk',
  queue: '8001',
  ringAt,
  endAt: ringAt,
  outcome: 'missed',
  endReason: 'missed',
  talkSeconds: 0,
  ringSeconds: 5,
  ...o,
});

describe('call log entries', () => {
  it('takes the engine record’s facts', () => {
    const e = entryOfRecord(record('c1', '2025-03-04T06:00:00.000Z', { answerAt: '2025-03-04T06:00:05.000Z', outcome: 'transferred', transferTarget: 'sip:2001@desk', talkSeconds: 60 }));
    expect(e).toMatchObject({ id: 'c1', source: 'phone', queue: '8001', outcome: 'transferred', transferTarget: 'sip:2001@desk', talkSeconds: 60, answerAt: '2025-03-04T06:00:05.000Z' });
  });

  it('keeps how an answered call ended, through the record synced to the desk and back: a call cut off under the agent shows as such', () => {
    const cut = entryOfRecord(record('c2', '2025-03-04T06:00:00.000Z', { answerAt: '2025-03-04T06:00:05.000Z', outcome: 'answered', endReason: 'failed', talkSeconds: 40 }));
    expect(cut.endReason).toBe('failed');
    expect(wasCutOff(cut)).toBe(true);
    const synced = recordOfEntry(cut);
    expect(synced.endReason).toBe('failed');
    expect(wasCutOff(entryOfCallRecord({ ...synced, at: synced.at }))).toBe(true);
    const hungUp = entryOfRecord(record('c3', '2025-03-04T06:00:00.000Z', { answerAt: '2025-03-04T06:00:05.000Z', outcome: 'answered', endReason: 'hung_up_remote' }));
    expect(wasCutOff(hungUp)).toBe(false);
    // a call that never connected and failed is "Failed", not cut off
    expect(wasCutOff(entryOfRecord(record('c4', '2025-03-04T06:00:00.000Z', { direction: 'outbound', outcome: 'failed', endReason: 'failed' })))).toBe(false);
    // a call logged by hand has no end reason
    expect(recordOfEntry({ ...hungUp, endReason: undefined, source: 'other_phone' })).not.toHaveProperty('endReason');
  });

  it('keeps the log newest first, without duplicates, within its cap', () => {
    const a = entryOfRecord(record('a', '2025-03-04T06:00:00.000Z'));
    const b = entryOfRecord(record('b', '2025-03-04T07:00:00.000Z'));
    const c = entryOfRecord(record('c', '2025-03-04T05:00:00.000Z'));
    let log: CallLogEntry[] = addEntries([], [a]);
    log = addEntries(log, [b, a, c]);
    expect(log.map((e) => e.id)).toEqual(['b', 'a', 'c']);
    expect(addEntries(log, [entryOfRecord(record('d', '2025-03-04T08:00:00.000Z'))], 2).map((e) => e.id)).toEqual(['d', 'b']);
  });
});

describe('logging a call taken on another phone', () => {
  const now = new Date(2025, 2, 4, 15, 0).getTime();
  const input = { number: '010-6123 4567', direction: 'inbound' as const, start: '2025-03-04T14:05', minutes: '3.5', notes: ' printer jam ' };

  it('makes an answered entry from the form', () => {
    const r = manualEntry(input, now, () => 'id-1');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const start = new Date(2025, 2, 4, 14, 5).getTime();
    expect(r.entry).toEqual({
      id: 'id-1',
      source: 'other_phone',
      direction: 'inbound',
      number: '010-6123 4567',
      ringAt: new Date(start).toISOString(),
      answerAt: new Date(start).toISOString(),
      endAt: new Date(start + 210_000).toISOString(),
      talkSeconds: 210,
      outcome: 'answered',
      notes: 'printer jam',
    });
  });

  it('says what to correct', () => {
    const r = manualEntry({ ...input, number: 'abc', start: '2025-03-05T14:05', minutes: '-1' }, now);
    expect(r).toEqual({ ok: false, errors: { number: 'phoneChars', start: 'future', minutes: 'invalid' } });
    expect(manualEntry({ ...input, number: ' ', start: '' }, now)).toEqual({ ok: false, errors: { number: 'required', start: 'required' } });
  });

  it('reads and writes datetime-local values in local time', () => {
    const ms = parseLocalDateTime('2025-03-04T14:05');
    expect(ms).toBe(new Date(2025, 2, 4, 14, 5).getTime());
    expect(toLocalDateTime(ms!)).toBe('2025-03-04T14:05');
    expect(parseLocalDateTime('04/03/2025')).toBeUndefined();
  });
});

describe('keypad digits', () => {
  it('sends 0-9, *, # and A-D only', () => {
    for (const d of ['0', '9', '*', '#', 'A', 'd']) expect(isDtmfDigit(d)).toBe(true);
    for (const d of ['', 'E', ',', '12', 'Enter']) expect(isDtmfDigit(d)).toBe(false);
  });
});
