/**
 * The desk's call log over real HTTP, on PGlite and PostgreSQL: call records and call–ticket
 * links pushed as records, one's own calls for agents, everyone's for supervisors, filters.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src-shared/ids';
import type { AppError } from '../src-shared/result';
import type { SyncRecord } from '../src-shared/sync/records';
import { KINDS, Station, cleanupShared, startDesk, type TestDesk } from './testing/harness';

afterAll(cleanupShared);

type Row = { id: string; number: string; outcome: string; endReason: string | null; ticketIds: string[]; user: { workNumber: string }; notes: string | null; talkSeconds: number };

describe.each(KINDS)('call log on %s', (kind) => {
  let desk: TestDesk;
  let a1: Station;
  let a2: Station;
  let sup: Station;
  beforeAll(async () => {
    desk = await startDesk(kind);
    [a1, a2, sup] = await Promise.all([Station.signIn(desk.api, '1001', 'agent1001'), Station.signIn(desk.api, '1002', 'agent1002'), Station.signIn(desk.api, '9001', 'super9001')]);
  });
  afterAll(async () => desk?.close());

  const calls = async (s: Station, qs = '') => (await desk.api.call<{ calls: Row[] } & { error: AppError }>('GET', `/api/calls${qs}`, { token: s.token })).body;

  it('keeps each call once with the tickets it was linked to; agents see their own, supervisors everyone’s', async () => {
    const t = (m: number) => new Date(Date.UTC(2026, 11, 1, 9, m)).toISOString();
    const ticketId = newId();
    const c1 = newId();
    const c2 = newId();
    const mine: SyncRecord[] = [
      { id: c1, kind: 'call', at: t(4), source: 'phone', sipCallId: 'abc@kamailio', direction: 'inbound', number: '13800138000', queue: '8000', ringAt: t(0), answerAt: t(1), endAt: t(4), talkSeconds: 180, outcome: 'answered', endReason: 'failed' },
      { id: newId(), kind: 'callLink', at: t(3), callId: c1, ticketId },
      { id: newId(), kind: 'callLink', at: t(3), callId: c1, ticketId },
    ];
    const push = (s: Station, records: SyncRecord[]) => desk.api.call('POST', '/api/sync/records', { body: { clientId: s.clientId, records }, token: s.token });
    expect((await push(a1, mine)).status).toBe(200);
    expect((await push(a1, mine)).status).toBe(200); // a resend
    await push(a2, [{ id: c2, kind: 'call', at: t(20), source: 'other_phone', direction: 'outbound', number: '010-61234567', ringAt: t(15), answerAt: t(15), endAt: t(20), talkSeconds: 300, outcome: 'answered', notes: '停电期间用手机回访' }]);

    const own = await calls(a1);
    // answered, then cut off under the agent (the workstation's phone failed): the supervisor's log says how it ended
    expect(own.calls.map((c) => [c.number, c.outcome, c.endReason, c.ticketIds, c.talkSeconds])).toEqual([['13800138000', 'answered', 'failed', [ticketId], 180]]);
    expect((await calls(a2)).calls.map((c) => c.notes)).toEqual(['停电期间用手机回访']);
    const all = await calls(sup);
    expect(all.calls.map((c) => [c.user.workNumber, c.endReason])).toEqual([['1002', null], ['1001', 'failed']]);
    expect((await calls(sup, '?workNumber=1001')).calls.map((c) => c.id)).toEqual([c1]);
    expect((await calls(sup, `?from=${encodeURIComponent(t(10))}`)).calls.map((c) => c.id)).toEqual([c2]);
    expect((await calls(sup, '?number=13800138000')).calls.map((c) => c.id)).toEqual([c1]);
    expect((await calls(sup, '?limit=0')).error.code).toBe('VALIDATION_FAILED');
    expect((await desk.api.call('GET', '/api/calls')).status).toBe(401);
  });
});
