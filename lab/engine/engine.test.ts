/**
 * The real phone engine (src-renderer/features/calls/engine, built into the lab
 * page by Vite) against the lab: Kamailio queues, rtpengine, baresip outside
 * phones, two engines (agent1 660 Hz, expert 770 Hz). Assertions on audio.
 */
import { statSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { audioForPhone, readRtpPcap } from '../audio/pcap';
import { analyseTone, readWav, toneRuns } from '../audio/tone';
import type { Baresip } from '../baresip/baresip';
import { agentStep, initialAgentState, telephonyEventOf, type AgentEvent } from '../../src-shared/agent';
import { QUEUES, start, type Lab } from '../lab';
import { sleep } from '../proc';
import { serveEnginePage, type EnginePageServer } from './build';
import { EngineParty } from './party';

const CUSTOMER_HZ = 440;
const CUSTOMER2_HZ = 880;
let lab: Lab;
let page: EnginePageServer;
let agent1: EngineParty; // 660 Hz
let expert: EngineParty; // 770 Hz
let caller: EngineParty; // 550 Hz: a WebRTC caller (baresip 1.0 cannot follow a REFER with Replaces)
let customer: Baresip;
let customer2: Baresip;

beforeAll(async () => {
  lab = await start({ page: false });
  page = await serveEnginePage();
  [agent1, expert, caller, customer, customer2] = await Promise.all([
    EngineParty.launch(lab, page.url, 'agent1', 660),
    EngineParty.launch(lab, page.url, 'expert', 770),
    EngineParty.launch(lab, page.url, 'caller', 550),
    lab.addPhone({ name: 'customer', toneHz: CUSTOMER_HZ, answer: 'manual' }),
    lab.addPhone({ name: 'customer2', toneHz: CUSTOMER2_HZ, answer: 'manual' }),
  ]);
  await Promise.all([agent1.start(lab, 'agent1'), expert.start(lab, 'expert'), caller.start(lab, 'caller')]);
}, 90_000);

afterAll(async () => {
  if (process.env.LAB_KEEP === '1') for (const p of [agent1, expert, caller]) if (p) console.log(`--- ${p.name} log\n${(await p.log()).join('\n')}`);
  await Promise.allSettled([agent1?.close(), expert?.close(), caller?.close()]);
  await page?.close();
  await lab?.stop();
});

/** A failed case must not leave calls behind for the next one. */
afterEach(async () => {
  for (const p of [agent1, expert, caller]) {
    for (const c of (await p?.liveCalls().catch(() => [])) ?? []) await p.request('call:hangup', { callId: c.id });
  }
  for (const b of [customer, customer2]) if (b?.events.some((e) => e.type === 'CALL_ESTABLISHED' || e.type === 'CALL_INCOMING')) await b.hangup().catch(() => undefined);
});

/** What `phone`'s last call recorded, at `hz`. */
const lastRecording = (phone: Baresip) => {
  const rec = phone.recordings('dec').at(-1);
  if (!rec) throw new Error(`${phone.options.name} recorded nothing`);
  return readWav(rec);
};
const heard = (phone: Baresip, hz: number) => analyseTone(lastRecording(phone), hz);

/**
 * rtpengine's recording of `sipCallId` once it is on disk: rtpengine writes the pcap through a
 * buffer, so right after the call the file can still be empty (a CI run read 0 packets once).
 * Waits until it holds more than its header and has stopped growing for half a second (10 s at most).
 */
const settledRecording = async (sipCallId: string): Promise<string> => {
  const deadline = Date.now() + 10_000;
  let last = -1;
  for (;;) {
    const [pcap] = lab.mediaRecording(sipCallId);
    const size = pcap ? statSync(pcap).size : -1;
    if (pcap && size > 24 && size === last) return pcap;
    if (Date.now() > deadline) {
      if (!pcap) throw new Error(`rtpengine recorded nothing for ${sipCallId}`);
      return pcap;
    }
    last = size;
    await sleep(500);
  }
};

/** The engine's tone as sent to a baresip phone during `sipCallId`, as runs (rtpengine's recording). */
const sentToPhone = async (phone: Baresip, sipCallId: string, hz: number) =>
  toneRuns(audioForPhone(readRtpPcap(await settledRecording(sipCallId)), phone.options.rtpPorts), hz);

/** The runs hold at least 1 s of tone, then a gap of at least `gapS` seconds, then at least 1 s of tone again. */
const toneGapTone = (runs: Array<{ tone: boolean; seconds: number }>, gapS: number) => {
  const toneIn = (rs: typeof runs) => rs.reduce((t, r) => t + (r.tone ? r.seconds : 0), 0);
  return runs.some((r, k) => !r.tone && r.seconds >= gapS && toneIn(runs.slice(0, k)) >= 1 && toneIn(runs.slice(k + 1)) >= 1);
};

/** `customer` dials `queue`; `agent` answers; resolves once both sides are connected and the agent hears the caller. */
async function queueCallAnswered(agent: EngineParty, phone: Baresip, queue: string = QUEUES.general) {
  const mark = await agent.mark();
  const from = phone.events.length;
  await phone.dial(lab.uri(queue));
  const ring = await agent.waitRinging(mark);
  await agent.ok('call:answer', { callId: ring.id });
  await agent.waitCall({ id: ring.id, state: { name: 'active' } }, mark);
  await phone.waitFor('CALL_ESTABLISHED', 10_000, from);
  expect(await agent.hearsTone(ring.id, phone.options.toneHz), `${agent.name} hears ${phone.options.name}`).not.toBeNull();
  return { call: ring, mark, from };
}

describe('the phone engine in the lab', () => {
  it('queue 8000: only the Ready engine rings, it answers, each side hears the other, the call log has it', async () => {
    await lab.addReady(QUEUES.general, 'agent1');
    const [m1, m2] = await Promise.all([agent1.mark(), expert.mark()]);
    const from = customer.events.length;
    await customer.dial(lab.uri(QUEUES.general));
    const ring = await agent1.waitRinging(m1);
    expect(ring).toMatchObject({ queue: QUEUES.general, remote: { number: 'customer' }, state: { name: 'ringing' } });
    await sleep(300); // a fork reaches every branch at once: the expert would ring by now
    expect((await expert.events(m2)).filter((e) => e.event === 'call:created')).toEqual([]);
    await agent1.ok('call:answer', { callId: ring.id });
    await agent1.waitCall({ id: ring.id, state: { name: 'active' } }, m1);
    await customer.waitFor('CALL_ESTABLISHED', 10_000, from);
    expect(await agent1.hearsTone(ring.id, CUSTOMER_HZ), 'the engine hears the caller').not.toBeNull();
    await sleep(1500);
    await customer.hangup();
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    const rec = await agent1.waitRecord(ring.id, m1);
    expect(rec).toMatchObject({ direction: 'inbound', outcome: 'answered', endReason: 'hung_up_remote', queue: QUEUES.general, number: 'customer', sipCallId: ring.sipCallId });
    const back = heard(customer, 660);
    expect(back.secondsWithTone, `the caller hears the engine ${JSON.stringify(back)}`).toBeGreaterThanOrEqual(1);
    expect(heard(customer, 770).framesWithTone).toBe(0);
  });

  it('hold: the caller no longer hears the engine (nor the engine the caller); resume: both again', async () => {
    const { call, mark, from } = await queueCallAnswered(agent1, customer);
    await lab.recordMedia(call.sipCallId);
    await sleep(1500);
    await agent1.ok('call:hold', { callId: call.id });
    await agent1.waitCall({ id: call.id, state: { name: 'held' } }, mark);
    await sleep(400); // the analyser's window (8192 samples) still holds what came before
    expect(await agent1.toneShare(call.id, CUSTOMER_HZ, 600), 'the agent does not hear a held caller').toBe(0);
    await sleep(1400);
    await agent1.ok('call:resume', { callId: call.id });
    await agent1.waitCall({ id: call.id, state: { name: 'active' } }, mark);
    expect(await agent1.hearsTone(call.id, CUSTOMER_HZ), 'the agent hears the caller again').not.toBeNull();
    await sleep(1500);
    await agent1.ok('call:hangup', { callId: call.id });
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    expect(await agent1.waitRecord(call.id, mark)).toMatchObject({ outcome: 'answered', endReason: 'hung_up_local' });
    // what the caller was sent, on the wire (baresip 1.0 stops its own recording at a re-INVITE):
    // the engine's tone, then a gap as long as most of the hold, then the tone again
    const runs = await sentToPhone(customer, call.sipCallId, 660);
    expect(toneGapTone(runs, 1.5), `tone / silence / tone sent to the caller: ${JSON.stringify(runs)}`).toBe(true);
    expect(heard(customer, 660).secondsWithTone, 'and baresip heard the engine before the hold').toBeGreaterThanOrEqual(1);
  });

  it('DTMF: an outbound call from the engine; the digits reach baresip as RFC 4733 events, and by SIP INFO as the fallback', async () => {
    const mark = await agent1.mark();
    const from = customer.events.length;
    const { callId } = await agent1.ok('call:dial', { target: lab.uri('customer') });
    await agent1.waitCall({ id: callId, direction: 'outbound', state: { name: 'dialing' } }, mark, 'call:created');
    await customer.waitFor('CALL_INCOMING', 10_000, from);
    await customer.accept();
    const active = await agent1.waitCall({ id: callId, state: { name: 'active' } }, mark);
    await lab.recordMedia(active.sipCallId);
    expect(await agent1.hearsTone(callId, CUSTOMER_HZ)).not.toBeNull();
    // mute: the far end gets silence, the call stays active
    await sleep(1200);
    await agent1.ok('call:mute', { callId, muted: true });
    await agent1.waitCall({ id: callId, muted: true, state: { name: 'active' } }, mark);
    await sleep(1500);
    await agent1.ok('call:mute', { callId, muted: false });
    await sleep(1200);
    expect(await agent1.ok('call:dtmf', { callId, digits: '1#5*' })).toEqual({ via: 'rfc4733' });
    const digits = async () =>
      customer.events
        .slice(from)
        .filter((e) => e.type === 'CALL_DTMF_START')
        .map((e) => e.param)
        .join('');
    for (let t = 0; t < 50 && (await digits()).length < 4; t++) await sleep(100);
    expect(await digits()).toBe('1#5*');
    // the fallback, SIP INFO (application/dtmf-relay), when the desk configures it
    const { dtmf: _, ...config } = { ...(await agent1.config()) };
    await agent1.ok('phone:configure', { ...config, dtmf: 'info' });
    expect(await agent1.ok('call:dtmf', { callId, digits: '90' })).toEqual({ via: 'info' });
    for (let t = 0; t < 50 && (await digits()).length < 6; t++) await sleep(100);
    expect(await digits()).toBe('1#5*90');
    await agent1.ok('phone:configure', config);
    await agent1.ok('call:hangup', { callId });
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    expect(await agent1.waitRecord(callId, mark)).toMatchObject({ direction: 'outbound', outcome: 'answered', number: 'customer' });
    const runs = await sentToPhone(customer, active.sipCallId, 660);
    expect(toneGapTone(runs, 1), `agent, muted, agent again: ${JSON.stringify(runs)}`).toBe(true);
  });

  it('hang-up by state: a ringing call is declined (603 for a direct call), a dialled one is cancelled; impossible moves are refused', async () => {
    const mark = await agent1.mark();
    let from = customer2.events.length;
    await customer2.dial(lab.uri('agent1'));
    const ring = await agent1.waitRinging(mark);
    expect(ring.queue).toBeUndefined();
    expect(await agent1.request('call:hold', { callId: ring.id })).toMatchObject({ ok: false, error: { code: 'INVALID_MOVE' } });
    expect(await agent1.request('call:dtmf', { callId: ring.id, digits: '1' })).toMatchObject({ ok: false, error: { code: 'INVALID_MOVE' } });
    await agent1.ok('call:hangup', { callId: ring.id });
    expect((await customer2.waitFor('CALL_CLOSED', 10_000, from)).param).toContain('603');
    expect(await agent1.waitRecord(ring.id, mark)).toMatchObject({ outcome: 'declined', endReason: 'declined', sipStatus: 603 });

    from = customer2.events.length;
    const { callId } = await agent1.ok('call:dial', { target: lab.uri('customer2') });
    await customer2.waitFor('CALL_INCOMING', 10_000, from);
    await agent1.waitCall({ id: callId, state: { name: 'early' } }, mark);
    await agent1.ok('call:hangup', { callId });
    await customer2.waitFor('CALL_CLOSED', 10_000, from);
    expect(await agent1.waitRecord(callId, mark)).toMatchObject({ direction: 'outbound', outcome: 'abandoned', endReason: 'hung_up_local' });
    expect(await agent1.request('call:hangup', { callId })).toMatchObject({ ok: false, error: { code: 'NO_SUCH_CALL' } });
    expect(await agent1.request('call:dial', { target: 'not a number' })).toMatchObject({ ok: false, error: { code: 'BAD_TARGET' } });
  });

  it('devices: lists microphones and speakers, refuses an unknown one, swaps the microphone of a call in progress', async () => {
    const { devices } = await agent1.ok('phone:devices');
    const mics = devices.filter((d) => d.kind === 'microphone');
    const other = mics.find((d) => d.id !== 'default') ?? mics[0];
    expect(other, JSON.stringify(devices)).toBeDefined();
    expect(await agent1.request('phone:setDevices', { speakerId: 'no-such-speaker' })).toMatchObject({ ok: false, error: { code: 'DEVICE_NOT_FOUND' } });
    const { call, mark, from } = await queueCallAnswered(agent1, customer);
    await lab.recordMedia(call.sipCallId);
    const m = await agent1.mark();
    expect(await agent1.ok('phone:setDevices', { microphoneId: other!.id })).toMatchObject({ microphoneId: other!.id });
    await agent1.waitEvent('phone:devices', { choice: { microphoneId: other!.id } }, m);
    await sleep(1500);
    expect(await agent1.hearsTone(call.id, CUSTOMER_HZ)).not.toBeNull();
    await agent1.ok('call:hangup', { callId: call.id });
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    await agent1.waitRecord(call.id, mark);
    const runs = await sentToPhone(customer, call.sipCallId, 660);
    expect(runs.at(-1)?.tone === true || runs.at(-2)?.tone === true, `the caller still gets the agent's (new) microphone: ${JSON.stringify(runs)}`).toBe(true);
    await agent1.ok('phone:setDevices', { microphoneId: 'default' });
  });

  it('the caller hangs up while it rings: the call log shows a missed call', async () => {
    const mark = await agent1.mark();
    const from = customer.events.length;
    await customer.dial(lab.uri(QUEUES.general));
    const ring = await agent1.waitRinging(mark);
    await sleep(300);
    await customer.hangup();
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    const ended = await agent1.waitCall({ id: ring.id }, mark, 'call:ended');
    expect(ended.state).toEqual({ name: 'ended', reason: 'missed' });
    expect(await agent1.waitRecord(ring.id, mark)).toMatchObject({ outcome: 'missed', queue: QUEUES.general, number: 'customer', talkSeconds: 0 });
    expect(await agent1.liveCalls()).toEqual([]);
  });

  it('two Ready engines ring; the one that does not answer logs the call as answered elsewhere', async () => {
    await lab.addReady(QUEUES.general, 'expert');
    const [m1, m2] = await Promise.all([agent1.mark(), expert.mark()]);
    const from = customer.events.length;
    await customer.dial(lab.uri(QUEUES.general));
    const [r1, r2] = await Promise.all([agent1.waitRinging(m1), expert.waitRinging(m2)]);
    await expert.ok('call:answer', { callId: r2.id });
    await customer.waitFor('CALL_ESTABLISHED', 10_000, from);
    expect(await agent1.waitRecord(r1.id, m1)).toMatchObject({ outcome: 'answered_elsewhere' });
    expect(await expert.hearsTone(r2.id, CUSTOMER_HZ)).not.toBeNull();
    await expert.ok('call:hangup', { callId: r2.id });
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    await lab.removeReady(QUEUES.general, 'expert');
  });

  it('blind transfer to the expert: the expert hears the caller, the caller hears the expert, the first engine has no call left', async () => {
    const { call, mark } = await queueCallAnswered(agent1, customer);
    const m2 = await expert.mark();
    const from = customer.events.length;
    await agent1.ok('call:transfer', { callId: call.id, target: lab.uri('expert') });
    const ring = await expert.waitRinging(m2);
    expect(ring.remote.number).toBe('customer');
    expect(await agent1.waitRecord(call.id, mark)).toMatchObject({ outcome: 'transferred', endReason: 'transferred', transferTarget: lab.uri('expert') });
    expect(await agent1.liveCalls()).toEqual([]);
    await expert.ok('call:answer', { callId: ring.id });
    await expert.waitCall({ id: ring.id, state: { name: 'active' } }, m2);
    expect(await expert.hearsTone(ring.id, CUSTOMER_HZ), 'the expert hears the caller').not.toBeNull();
    await sleep(1500);
    await expert.ok('call:hangup', { callId: ring.id });
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    const back = heard(customer, 770);
    expect(back.secondsWithTone, `the caller hears the expert ${JSON.stringify(back)}`).toBeGreaterThanOrEqual(1);
  });

  it('attended transfer: consult the expert, then complete: the caller and the expert talk, the first engine is free', async () => {
    const [m1, m2, m3] = await Promise.all([agent1.mark(), expert.mark(), caller.mark()]);
    const { callId: out } = await caller.ok('call:dial', { target: QUEUES.general });
    const call = await agent1.waitRinging(m1);
    expect(call.queue).toBe(QUEUES.general);
    await agent1.ok('call:answer', { callId: call.id });
    await caller.waitCall({ id: out, state: { name: 'active' } }, m3);
    expect(await agent1.hearsTone(call.id, 550), 'the agent hears the caller').not.toBeNull();
    const { consultId } = await agent1.ok('call:consult', { callId: call.id, target: lab.uri('expert') });
    await agent1.waitCall({ id: call.id, state: { name: 'consulting', consultId } }, m1);
    const ring = await expert.waitRinging(m2);
    expect(ring.remote.number).toBe('agent1');
    await expert.ok('call:answer', { callId: ring.id });
    await agent1.waitCall({ id: consultId, state: { name: 'active' } }, m1);
    expect(await agent1.hearsTone(consultId, 770), 'the agent hears the expert').not.toBeNull();
    expect(await expert.hearsTone(ring.id, 660), 'the expert hears the agent').not.toBeNull();
    expect(await caller.toneShare(out, 660, 500), 'the held caller does not hear the consultation').toBe(0);

    await agent1.ok('call:completeTransfer', { callId: call.id });
    expect(await agent1.waitRecord(call.id, m1)).toMatchObject({ outcome: 'transferred', transferTarget: lab.uri('expert') });
    expect(await agent1.waitRecord(consultId, m1)).toMatchObject({ outcome: 'transferred', consultFor: call.id });
    // the caller followed the REFER: a new call replacing the consult leg at the expert
    const joined = await expert.waitCall({ direction: 'inbound', replaces: ring.id, state: { name: 'active' } }, m2);
    const followed = await caller.waitCall({ direction: 'outbound', replaces: out, state: { name: 'active' } }, m3);
    expect(await expert.waitRecord(ring.id, m2)).toMatchObject({ outcome: 'transferred' });
    expect(await caller.waitRecord(out, m3)).toMatchObject({ outcome: 'transferred' });
    expect(await expert.hearsTone(joined.id, 550), 'the expert hears the caller').not.toBeNull();
    expect(await caller.hearsTone(followed.id, 770), 'the caller hears the expert').not.toBeNull();
    expect(await agent1.liveCalls()).toEqual([]);
    await caller.ok('call:hangup', { callId: followed.id });
    await expert.waitRecord(joined.id, m2);
  });

  it('attended transfer: consult the expert, then return to the caller', async () => {
    const { call, mark, from } = await queueCallAnswered(agent1, customer);
    await lab.recordMedia(call.sipCallId);
    const m2 = await expert.mark();
    await sleep(1200);
    const { consultId } = await agent1.ok('call:consult', { callId: call.id, target: lab.uri('expert') });
    const ring = await expert.waitRinging(m2);
    await expert.ok('call:answer', { callId: ring.id });
    await agent1.waitCall({ id: consultId, state: { name: 'active' } }, mark);
    expect(await agent1.hearsTone(consultId, 770), 'the agent hears the expert').not.toBeNull();
    await sleep(1000);
    await agent1.ok('call:returnToCaller', { callId: call.id });
    await agent1.waitCall({ id: call.id, state: { name: 'active' } }, mark);
    expect(await expert.waitRecord(ring.id, m2)).toMatchObject({ outcome: 'answered', endReason: 'hung_up_remote' });
    expect(await agent1.waitRecord(consultId, mark)).toMatchObject({ outcome: 'answered', endReason: 'hung_up_local', consultFor: call.id });
    expect(await agent1.hearsTone(call.id, CUSTOMER_HZ), 'the agent hears the caller again').not.toBeNull();
    await sleep(1500);
    await agent1.ok('call:hangup', { callId: call.id });
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    const runs = await sentToPhone(customer, call.sipCallId, 660);
    expect(toneGapTone(runs, 1), `the caller: agent, nothing during the consultation, agent again: ${JSON.stringify(runs)}`).toBe(true);
    expect((await sentToPhone(customer, call.sipCallId, 770)).every((r) => !r.tone), 'the caller never hears the expert').toBe(true);
  });

  it('call waiting: a second call rings while on a call; answering it holds the first', async () => {
    const { call: first, mark, from } = await queueCallAnswered(agent1, customer);
    const from2 = customer2.events.length;
    const m = await agent1.mark();
    await customer2.dial(lab.uri('agent1'));
    const second = await agent1.waitRinging(m);
    expect(second.remote.number).toBe('customer2');
    expect((await agent1.liveCalls()).find((c) => c.id === first.id)?.state).toEqual({ name: 'active' });
    await agent1.ok('call:answer', { callId: second.id });
    await agent1.waitCall({ id: first.id, state: { name: 'held' } }, mark);
    await agent1.waitCall({ id: second.id, state: { name: 'active' } }, mark);
    await customer2.waitFor('CALL_ESTABLISHED', 10_000, from2);
    expect(await agent1.hearsTone(second.id, CUSTOMER2_HZ), 'the agent hears the second caller').not.toBeNull();
    await agent1.ok('call:hangup', { callId: second.id });
    await customer2.waitFor('CALL_CLOSED', 10_000, from2);
    await agent1.ok('call:resume', { callId: first.id });
    expect(await agent1.hearsTone(first.id, CUSTOMER_HZ), 'back to the first caller').not.toBeNull();
    await agent1.ok('call:hangup', { callId: first.id });
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    expect(await agent1.waitRecord(second.id, mark)).toMatchObject({ outcome: 'answered', number: 'customer2' });
  });

  it('a call survives a few seconds of dropped packets (media and signalling), audio flowing after', async () => {
    const { call, mark, from } = await queueCallAnswered(agent1, customer);
    await lab.recordMedia(call.sipCallId);
    await sleep(1200);
    await lab.dropTraffic(3000);
    expect((await agent1.liveCalls()).find((c) => c.id === call.id)?.state).toEqual({ name: 'active' });
    expect(await agent1.hearsTone(call.id, CUSTOMER_HZ, 8000), 'the agent hears the caller after the drop').not.toBeNull();
    // the workstation reports a network change: ICE restart (re-INVITE) on the call in progress
    const m = await agent1.mark();
    await agent1.ok('phone:networkChanged', { online: true });
    await sleep(1500);
    expect((await agent1.liveCalls()).find((c) => c.id === call.id)?.state).toEqual({ name: 'active' });
    expect(await agent1.hearsTone(call.id, CUSTOMER_HZ, 5000), 'and after the ICE restart').not.toBeNull();
    expect((await agent1.events(m)).filter((e) => e.event === 'call:ended')).toEqual([]);
    await sleep(1000);
    await agent1.ok('call:hangup', { callId: call.id });
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    expect(await agent1.waitRecord(call.id, mark)).toMatchObject({ outcome: 'answered', endReason: 'hung_up_local' });
    const runs = await sentToPhone(customer, call.sipCallId, 660);
    expect(runs.at(-1)?.tone === true || runs.at(-2)?.tone === true, `the caller is sent the agent again after the drop: ${JSON.stringify(runs)}`).toBe(true);
    expect(toneGapTone(runs, 2), `and there was a gap: ${JSON.stringify(runs)}`).toBe(true);
  });

  it('Kamailio restarted: the engines re-register by themselves; the agent is Not Ready "telephony down" meanwhile, Ready again after', async () => {
    const t0 = Date.now();
    const pre = await agent1.ok('phone:preflight');
    expect(pre).toMatchObject({ ok: true, microphone: { ok: true }, speaker: { ok: true }, registration: { ok: true } });
    let agent = initialAgentState(t0, { kind: 'none' });
    const step = (e: AgentEvent) => {
      const r = agentStep(agent, e, Date.now());
      if (!r.ok) throw new Error(`${e.type}: ${r.code}`);
      agent = r.state;
      return agent.status;
    };
    step({ type: 'signIn' });
    step({ type: 'telephonyUp' });
    step({ type: 'preflight', result: { microphone: pre.microphone.ok, speaker: pre.speaker.ok, registration: pre.registration.ok } });
    expect(step({ type: 'request', target: { name: 'ready' } })).toEqual({ name: 'ready' });

    const [m1, m2] = await Promise.all([agent1.mark(), expert.mark()]);
    await lab.restartKamailio(1000);
    await Promise.all([agent1.waitEvent('phone:registration', { status: 'registered' }, m1, 30_000), expert.waitEvent('phone:registration', { status: 'registered' }, m2, 30_000)]);
    expect(await lab.isRegistered('agent1')).toBe(true);
    const regs = await agent1.registrations(m1);
    expect(regs[0]).toMatchObject({ status: 'down', reason: 'transport' });
    expect(regs.at(-1)?.status).toBe('registered');
    const statuses = regs.map((r) => telephonyEventOf(r.status)).flatMap((e) => (e ? [step(e)] : []));
    expect(statuses[0]).toEqual({ name: 'not_ready', reason: 'telephony_down' });
    expect(statuses.at(-1)).toEqual({ name: 'ready' });
    expect(statuses.slice(0, -1).every((s) => s.name === 'not_ready'), 'never Ready before registering').toBe(true);

    // and calls reach it again
    const from = customer.events.length;
    await customer.dial(lab.uri(QUEUES.general));
    const ring = await agent1.waitRinging(m1);
    await customer.hangup();
    await customer.waitFor('CALL_CLOSED', 10_000, from);
    expect(await agent1.waitRecord(ring.id, m1)).toMatchObject({ outcome: 'missed' });
  });
});
