/**
 * Browsers (sip.js over WebSocket, Debian Chromium with a fake-capture tone)
 * answering queue calls from a plain-SIP outside phone (baresip), media bridged
 * by rtpengine. Assertions are on audio: the page's AnalyserNode must hear the
 * caller's tone and the caller's recording must hold the agent's tone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseTone, readWav } from './audio/tone';
import type { Baresip } from './baresip/baresip';
import { BrowserParty } from './browser/agent';
import { ephemeralPassword } from './credentials';
import { QUEUES, start, type Lab } from './lab';
import { sleep } from './proc';
import { runSipp, scenario } from './sipp/sipp';

const CALLER_HZ = 440;
let lab: Lab;
let caller: Baresip;
let agent1: BrowserParty; // 660 Hz
let agent2: BrowserParty; // 770 Hz

beforeAll(async () => {
  lab = await start();
  [agent1, agent2, caller] = await Promise.all([
    BrowserParty.launch(lab, 'agent1', 660),
    BrowserParty.launch(lab, 'agent2', 770),
    lab.addPhone({ name: 'customer', toneHz: CALLER_HZ, answer: 'manual' }),
  ]);
  expect(await agent1.register(lab, 'agent1')).toEqual({ ok: true });
  expect(await agent2.register(lab, 'agent2')).toEqual({ ok: true });
}, 90_000);

afterAll(async () => {
  await Promise.allSettled([agent1?.close(), agent2?.close()]);
  await lab?.stop();
});

const ids = async (p: BrowserParty) => new Set((await p.calls()).map((c) => c.id));

/** What the caller's last call recorded, at `hz`. */
const callerHeard = (hz: number) => {
  const rec = caller.recordings('dec').at(-1);
  if (!rec) throw new Error('the caller recorded nothing');
  return analyseTone(readWav(rec), hz);
};

async function hangUpFromCaller(agent: BrowserParty, callId: string): Promise<void> {
  const from = caller.events.length;
  await caller.hangup();
  await caller.waitFor('CALL_CLOSED', 10_000, from);
  await agent.waitState(callId, 'Terminated');
}

describe('queue calls answered in the browser', () => {
  it('b: baresip dials the general queue, the Ready agent answers, each hears the other through rtpengine', async () => {
    await lab.addReady(QUEUES.general, 'agent1');
    const seen = await ids(agent1);
    const from = caller.events.length;
    await caller.dial(lab.uri(QUEUES.general));
    const call = await agent1.waitIncoming(seen);
    expect(call.remote).toContain('customer@');
    await agent1.answer(call.id);
    await caller.waitFor('CALL_ESTABLISHED', 10_000, from);
    const heard = await agent1.hearsTone(call.id, CALLER_HZ, 5000);
    expect(heard, 'the agent hears the caller').not.toBeNull();
    expect(await lab.mediaBridged(call.callId), 'plain RTP <-> WebRTC goes through rtpengine').toBe(true);
    await sleep(1500);
    await hangUpFromCaller(agent1, call.id);
    const back = callerHeard(660);
    expect(back.secondsWithTone, JSON.stringify(back)).toBeGreaterThanOrEqual(1);
    expect(callerHeard(770).framesWithTone).toBe(0);
  });

  it('c: a registered agent who is not Ready does not ring', async () => {
    expect(await lab.readyList()).toEqual([`${QUEUES.general}:agent1`]);
    const seen1 = await ids(agent1);
    const seen2 = await ids(agent2);
    await caller.dial(lab.uri(QUEUES.general));
    const call = await agent1.waitIncoming(seen1);
    await sleep(500); // a fork reaches every branch at once: agent2 would ring by now
    expect((await agent2.calls()).filter((c) => !seen2.has(c.id))).toEqual([]);
    await agent1.answer(call.id);
    await agent1.waitState(call.id, 'Established');
    await hangUpFromCaller(agent1, call.id);
  });

  it('c: two Ready agents both ring; the first to answer gets the call, the other sees CANCEL', async () => {
    await lab.addReady(QUEUES.general, 'agent2');
    const seen1 = await ids(agent1);
    const seen2 = await ids(agent2);
    const from = caller.events.length;
    await caller.dial(lab.uri(QUEUES.general));
    const [ring1, ring2] = await Promise.all([agent1.waitIncoming(seen1), agent2.waitIncoming(seen2)]);
    await agent2.answer(ring2.id);
    await caller.waitFor('CALL_ESTABLISHED', 10_000, from);
    const lost = await agent1.waitState(ring1.id, 'Terminated');
    expect(lost.cancelled, JSON.stringify(lost)).toBe(true);
    expect(await agent2.hearsTone(ring2.id, CALLER_HZ, 5000), 'agent2 hears the caller').not.toBeNull();
    await sleep(1500);
    await hangUpFromCaller(agent2, ring2.id);
    const back = callerHeard(770);
    expect(back.secondsWithTone, JSON.stringify(back)).toBeGreaterThanOrEqual(1);
    expect(callerHeard(660).framesWithTone).toBe(0);
    await lab.removeReady(QUEUES.general, 'agent2');
    await lab.removeReady(QUEUES.general, 'agent1');
  });

  it('c: a queue with nobody Ready refuses the call (480)', async () => {
    expect(await lab.readyList()).toEqual([]);
    const from = caller.events.length;
    await caller.dial(lab.uri(QUEUES.consultation));
    const closed = await caller.waitFor('CALL_CLOSED', 10_000, from);
    expect(closed.param).toContain('480');
  });

  it('an agent dials an outside phone: the INVITE is proxy-authenticated, media bridged WebRTC -> plain RTP', async () => {
    const from = caller.events.length;
    const id = await agent1.dial(lab.uri('customer'));
    await caller.waitFor('CALL_INCOMING', 10_000, from);
    await caller.accept();
    const call = await agent1.waitState(id, 'Established');
    expect(await agent1.hearsTone(id, CALLER_HZ, 5000), 'the agent hears the outside phone').not.toBeNull();
    expect(await lab.mediaBridged(call.callId)).toBe(true);
    await sleep(1500);
    await agent1.hangup(id);
    await caller.waitFor('CALL_CLOSED', 10_000, from);
    const back = callerHeard(660);
    expect(back.secondsWithTone, JSON.stringify(back)).toBeGreaterThanOrEqual(1);
  });

  it('agent to agent (both WebRTC): no media bridge, each hears the other', async () => {
    const seen2 = await ids(agent2);
    const id = await agent1.dial(lab.uri('agent2'));
    const ring = await agent2.waitIncoming(seen2);
    await agent2.answer(ring.id);
    const call = await agent1.waitState(id, 'Established');
    expect(await agent1.hearsTone(id, 770, 5000), 'agent1 hears agent2').not.toBeNull();
    expect(await agent2.hearsTone(ring.id, 660, 5000), 'agent2 hears agent1').not.toBeNull();
    expect(await lab.mediaBridged(call.callId)).toBe(false);
    await agent1.hangup(id);
    await agent2.waitState(ring.id, 'Terminated');
  });

  it('e: sipp calls the consultation queue, the agent answers, the digits sipp sends by SIP INFO reach the page', async () => {
    await lab.addReady(QUEUES.consultation, 'agent2');
    const seen2 = await ids(agent2);
    const sipp = runSipp(lab, scenario('dtmf-info'), QUEUES.consultation, { d1: '4', d2: '2', d3: '*', d4: '7' });
    const ring = await agent2.waitIncoming(seen2);
    await agent2.answer(ring.id);
    const res = await sipp;
    expect(res.exitCode, res.output.slice(-2000)).toBe(0);
    const done = await agent2.waitState(ring.id, 'Terminated');
    expect(done.dtmf).toBe('42*7');
    await lab.removeReady(QUEUES.consultation, 'agent2');
  });

  it('d: expired, wrongly signed or borrowed ephemeral credentials are refused at REGISTER', async () => {
    const refused = (r: { ok: boolean; status?: number }) => !r.ok && (r.status === 401 || r.status === 403);
    const expired = lab.credential('agent3', 60, Date.now() - 3_600_000);
    const rExpired = await agent1.tryRegister(lab, 'agent3', expired.username, expired.password);
    expect(refused(rExpired), JSON.stringify(rExpired)).toBe(true);

    const valid = lab.credential('agent3');
    const rForged = await agent1.tryRegister(lab, 'agent3', valid.username, ephemeralPassword('not-the-secret', valid.username));
    expect(refused(rForged), JSON.stringify(rForged)).toBe(true);

    const other = lab.credential('agent4');
    const rBorrowed = await agent1.tryRegister(lab, 'agent3', other.username, other.password);
    expect(refused(rBorrowed), JSON.stringify(rBorrowed)).toBe(true);

    expect(await lab.isRegistered('agent3')).toBe(false);
    expect(await agent1.tryRegister(lab, 'agent3', valid.username, valid.password)).toEqual({ ok: true });
  });
});
