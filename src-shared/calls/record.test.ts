import { describe, expect, it } from 'vitest';
import { callRecordOf, outcomeOf } from './record';
import { moveCall, newCall, type Call, type CallEvent } from './state';

const inbound = newCall({ id: 'c1', direction: 'inbound', sipCallId: 'abc@host', remote: { uri: 'sip:customer@d', number: 'customer', displayName: 'Ms Li' }, queue: '8000' }, Date.UTC(2025, 0, 1, 9, 0, 0));
const outbound = newCall({ id: 'c2', direction: 'outbound', sipCallId: 'def@host', remote: { uri: 'sip:555@d', number: '555' } }, Date.UTC(2025, 0, 1, 9, 0, 0));

function play(c: Call, steps: Array<[CallEvent, number]>): Call {
  return steps.reduce((acc, [e, dt]) => {
    const n = moveCall(acc, e, acc.startedAt + dt);
    if (!n) throw new Error(`refused ${e.type} in ${acc.state.name}`);
    return n;
  }, c);
}

describe('call log records', () => {
  it('an answered queue call: times, number, queue, talk and ring seconds', () => {
    const c = play(inbound, [
      [{ type: 'answer' }, 4000],
      [{ type: 'established' }, 4300],
      [{ type: 'end', reason: 'hung_up_remote' }, 64_300],
    ]);
    expect(callRecordOf(c)).toEqual({
      id: 'c1',
      sipCallId: 'abc@host',
      direction: 'inbound',
      number: 'customer',
      remoteUri: 'sip:customer@d',
      displayName: 'Ms Li',
      queue: '8000',
      ringAt: '2025-01-01T09:00:00.000Z',
      answerAt: '2025-01-01T09:00:04.300Z',
      endAt: '2025-01-01T09:01:04.300Z',
      outcome: 'answered',
      endReason: 'hung_up_remote',
      talkSeconds: 60,
      ringSeconds: 4,
    });
  });

  it('the caller hung up while it rang: missed', () => {
    const r = callRecordOf(play(inbound, [[{ type: 'end', reason: 'missed' }, 7000]]));
    expect(r).toMatchObject({ outcome: 'missed', talkSeconds: 0, ringSeconds: 7 });
    expect(r?.answerAt).toBeUndefined();
  });

  it('other outcomes', () => {
    expect(outcomeOf('inbound', false, 'answered_elsewhere')).toBe('answered_elsewhere');
    expect(outcomeOf('inbound', false, 'busy')).toBe('declined');
    expect(outcomeOf('inbound', false, 'declined')).toBe('declined');
    expect(outcomeOf('inbound', true, 'transferred')).toBe('transferred');
    expect(outcomeOf('outbound', false, 'hung_up_local')).toBe('abandoned');
    expect(outcomeOf('outbound', false, 'busy')).toBe('unanswered');
    expect(outcomeOf('outbound', false, 'failed')).toBe('failed');
    expect(outcomeOf('outbound', true, 'hung_up_local')).toBe('answered');
  });

  it('a transferred call keeps its target; a live call has no record', () => {
    expect(callRecordOf(outbound)).toBeUndefined();
    const c = play({ ...inbound, transferTarget: 'sip:expert@d' }, [
      [{ type: 'answer' }, 1000],
      [{ type: 'established' }, 1200],
      [{ type: 'transfer' }, 5000],
      [{ type: 'end', reason: 'transferred' }, 6000],
    ]);
    expect(callRecordOf(c)).toMatchObject({ outcome: 'transferred', transferTarget: 'sip:expert@d', talkSeconds: 5 });
  });
});
