import { describe, expect, it } from 'vitest';
import { backoffDelay, cancelReason, decideIncoming, declineStatus, dialTarget, hangupAction, iceAction, queueOf, rejectedReason, DEFAULT_RECONNECT } from './policy';

describe('incoming calls: ring, call waiting, 486 when busy', () => {
  it('rings when idle and as call waiting when on a call', () => {
    expect(decideIncoming([])).toEqual({ action: 'ring', waiting: false });
    expect(decideIncoming([{ name: 'active' }])).toEqual({ action: 'ring', waiting: true });
    expect(decideIncoming([{ name: 'ringing' }])).toEqual({ action: 'ring', waiting: false });
    expect(decideIncoming([{ name: 'ended', reason: 'missed' }])).toEqual({ action: 'ring', waiting: false });
  });
  it('answers 486 when call waiting is off and the agent is on a call, or when too many calls are live', () => {
    expect(decideIncoming([{ name: 'held' }], { callWaiting: false, maxCalls: 3 })).toEqual({ action: 'reject', statusCode: 486, why: 'call_waiting_off' });
    expect(decideIncoming([{ name: 'active' }, { name: 'ringing' }], { callWaiting: true, maxCalls: 2 })).toMatchObject({ action: 'reject', why: 'too_many_calls' });
  });
});

describe('hang-up by state', () => {
  it('declines when ringing, cancels when dialling, says BYE when connected', () => {
    expect(hangupAction({ name: 'ringing' })).toBe('decline');
    expect(hangupAction({ name: 'dialing' })).toBe('cancel');
    expect(hangupAction({ name: 'early' })).toBe('cancel');
    expect(hangupAction({ name: 'answering' })).toBe('bye_when_established');
    for (const name of ['active', 'held'] as const) expect(hangupAction({ name })).toBe('bye');
    expect(hangupAction({ name: 'consulting', consultId: 'k' })).toBe('bye');
    expect(hangupAction({ name: 'ended', reason: 'missed' })).toBe('none');
  });
  it('declines a queue call with 486 (a 6xx would end the whole ring group) and a direct call with 603', () => {
    expect(declineStatus({ queue: '8000' })).toBe(486);
    expect(declineStatus({})).toBe(603);
    expect(declineStatus({}, true)).toBe(486);
  });
});

describe('end reasons from SIP', () => {
  it('CANCEL with cause 200 is answered elsewhere; otherwise the caller gave up', () => {
    expect(cancelReason('SIP;cause=200;text="Call completed elsewhere"')).toBe('answered_elsewhere');
    expect(cancelReason('SIP ; cause = 200')).toBe('answered_elsewhere');
    expect(cancelReason('SIP;cause=487;text="ORIGINATOR_CANCEL"')).toBe('missed');
    expect(cancelReason(undefined)).toBe('missed');
  });
  it('final responses to our INVITE', () => {
    expect(rejectedReason(486)).toBe('busy');
    expect(rejectedReason(600)).toBe('busy');
    expect(rejectedReason(603)).toBe('declined');
    expect(rejectedReason(487)).toBe('hung_up_local');
    expect(rejectedReason(404)).toBe('failed');
    expect(rejectedReason(480)).toBe('failed');
  });
});

describe('reconnect backoff', () => {
  it('is immediate first, then grows, is capped, and jitters within its band', () => {
    expect(backoffDelay(0, 0.7)).toBe(0);
    const p = DEFAULT_RECONNECT;
    for (let a = 1; a < 20; a++) {
      const ceiling = Math.min(p.capMs, p.baseMs * p.factor ** (a - 1));
      expect(backoffDelay(a, 0)).toBe(Math.round(ceiling * (1 - p.jitter)));
      expect(backoffDelay(a, 0.999999)).toBeLessThanOrEqual(ceiling);
      expect(backoffDelay(a, 1)).toBe(ceiling);
    }
    expect(backoffDelay(40, 1)).toBe(p.capMs);
    expect(backoffDelay(2, 1)).toBeGreaterThan(backoffDelay(1, 1));
  });
  it('full jitter spans zero to the ceiling', () => {
    const full = { baseMs: 1000, capMs: 8000, factor: 2, jitter: 1 };
    expect(backoffDelay(3, 0, full)).toBe(0);
    expect(backoffDelay(3, 0.5, full)).toBe(2000);
  });
});

describe('dial targets', () => {
  it('turns numbers and tel: URIs into SIP URIs in the desk domain and keeps SIP URIs', () => {
    expect(dialTarget('8000', 'd.test')).toBe('sip:8000@d.test');
    expect(dialTarget(' +49 (30) 1234-567 ', 'd.test')).toBe('sip:+49301234567@d.test');
    expect(dialTarget('tel:+49-30-1234567;phone-context=x', 'd.test')).toBe('sip:+49301234567@d.test');
    expect(dialTarget('sip:agent2@d.test', 'x')).toBe('sip:agent2@d.test');
    expect(dialTarget('agent2@d.test', 'x')).toBe('sip:agent2@d.test');
  });
  it('refuses what is not a number or an address', () => {
    for (const bad of ['', 'hello world', 'sip:', '12ab', 'javascript:alert(1)']) expect(dialTarget(bad, 'd.test')).toBeUndefined();
  });
});

describe('queue of an inbound call', () => {
  it('takes a PBX header first, then the called number when it is a desk queue', () => {
    expect(queueOf({ header: '8001', toUser: '8000', queues: ['8000'] })).toBe('8001');
    expect(queueOf({ toUser: '8000', requestUser: 'agent1', queues: ['8000', '8001'] })).toBe('8000');
    expect(queueOf({ toUser: 'agent1', requestUser: '8001', queues: ['8000', '8001'] })).toBe('8001');
    expect(queueOf({ toUser: 'agent1', requestUser: 'agent1', queues: ['8000'] })).toBeUndefined();
  });
});

describe('ICE watchdog', () => {
  it('restarts at once when failed, after the grace period when disconnected, never when connected', () => {
    expect(iceAction('failed', 0, 4000)).toBe('restart');
    expect(iceAction('disconnected', 1000, 4000)).toBe('wait');
    expect(iceAction('disconnected', 4000, 4000)).toBe('restart');
    expect(iceAction('connected', 99_999, 4000)).toBe('none');
  });
});
