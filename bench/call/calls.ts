/**
 * One timed call of each kind. The caller page dials the queue; the callee answers as soon as
 * it can (ours: the probe clicks the `Answer call from …` button the moment it enters the DOM;
 * the peer: `accept()` inside sip.js's `onInvite`); the caller hangs up once both tones were
 * heard. Every time is taken in a page on `performance.timeOrigin + performance.now()`
 * (lab/browser/clock.ts) and given here in ms from the caller's first INVITE on the wire.
 */
import type { CallInfo } from '../../lab/browser/phone';
import type { PageProbe } from '../../lab/browser/probe-client';
import { OURS_QUEUE, PEER_QUEUE, type Rig } from './rig';

/** One call's figures, ms from the caller's INVITE. */
export type CallSample = {
  /** Both tones detected: the caller hears the callee and the callee hears the caller. */
  bothTones: number;
  callerHears: number;
  calleeHears: number;
  /** Where the time goes (diagnostics): the INVITE reaches the callee's page, … */
  phases: {
    inviteArrives: number;
    /** Ours: the ringing card in the DOM, and the Answer click (the peer answers in onInvite). */
    ringingUi?: number;
    answerClicked?: number;
    micAsked?: number;
    micOpen?: number;
    /** The callee's peer connection: made, remote offer set, answer made, local answer set, ICE gathering done. */
    pcMade?: number;
    offerSet?: number;
    answerMade?: number;
    answerSet?: number;
    gathered?: number;
    /** The callee's 200 OK leaves on its WebSocket. */
    okSent?: number;
    /** The callee's connection: ICE connected, then ICE + DTLS connected (media can flow). */
    iceConnected?: number;
    connected?: number;
  };
  /** Ours only: INVITE arrival → the `Call from …` card with its Answer button in the DOM, and the next frame. */
  ringingUi?: number;
  ringingPaint?: number;
};

const TIMEOUT_MS = 15_000;

const need = <T>(v: T | undefined, what: string): T => {
  if (v === undefined) throw new Error(`no ${what}`);
  return v;
};

/** How many entries each probe list holds now (what a call adds comes after). */
async function marks(p: PageProbe) {
  const [invites, answers, mics, ringing, tones, pcs] = await Promise.all([p.invites(), p.answers(), p.mics(), p.ringing(), p.tones(), p.connections()]);
  return { invites: invites.length, answers: answers.length, mics: mics.length, ringing: ringing.length, tones: tones.length, pcs: pcs.length };
}

/** What the callee's probe saw of the call with `callId`, as phases from `t0`. */
async function calleePhases(p: PageProbe, m: Awaited<ReturnType<typeof marks>>, callId: string, t0: number): Promise<CallSample['phases']> {
  const [invites, answers, mics, pcs] = await Promise.all([p.invites(m.invites), p.answers(m.answers), p.mics(m.mics), p.connections(m.pcs)]);
  const invite = need(invites.find((i) => i.callId === callId), 'INVITE at the callee');
  const ok = answers.find((a) => a.callId === callId && a.status === 200);
  const mic = mics[0];
  const pc = pcs[0];
  const step = (what: string) => pc?.steps.find((x) => x.what === what)?.at;
  const rel = (k: string, at: number | undefined) => (at === undefined ? {} : { [k]: at - t0 });
  return {
    inviteArrives: invite.at - t0,
    ...rel('pcMade', pc?.at),
    ...rel('offerSet', step('remote:done')),
    ...rel('answerMade', step('answer:done')),
    ...rel('answerSet', step('local:done')),
    ...rel('gathered', step('gathering:complete')),
    ...rel('iceConnected', step('ice:connected')),
    ...rel('connected', step('connection:connected')),
    ...(mic ? { micAsked: mic.at - t0 } : {}),
    ...(mic?.doneAt !== undefined ? { micOpen: mic.doneAt - t0 } : {}),
    ...(ok ? { okSent: ok.at - t0 } : {}),
  };
}

async function hangUp(rig: Rig, call: CallInfo): Promise<void> {
  await rig.caller.hangup(call.id);
  await rig.caller.waitState(call.id, 'Terminated', TIMEOUT_MS);
}

/** A call to the workstation; afterwards its after-call work is ended and the seat is back in the queue. */
export async function oursCall(rig: Rig): Promise<CallSample> {
  const ws = rig.ours;
  const m = await marks(ws.probe);
  const id = await rig.caller.dial(rig.lab.uri(OURS_QUEUE));
  const call = await rig.caller.waitTimes(id, ['inviteSent', 'heard'], TIMEOUT_MS);
  const tone = await ws.probe.waitTone(m.tones, TIMEOUT_MS);
  const [ring] = await ws.probe.ringing(m.ringing);
  const t0 = need(call.times.inviteSent, 'INVITE time');
  const phases = await calleePhases(ws.probe, m, call.callId, t0);
  await hangUp(rig, call);
  const shown = need(ring, 'ringing UI');
  const callerHeard = need(call.times.heard, 'tone at the caller');
  // back to Ready for the next call (not timed): end after-call work, the desk puts the seat back
  await ws.waitAgentState('After-call work');
  await ws.afterCallWorkDone();
  await ws.waitAgentState('Ready');
  await rig.oursInQueue();
  const arrived = phases.inviteArrives + t0;
  return {
    bothTones: Math.max(callerHeard, tone.at) - t0,
    callerHears: callerHeard - t0,
    calleeHears: tone.at - t0,
    phases: { ...phases, ringingUi: shown.at - t0, ...(shown.clickedAt !== undefined ? { answerClicked: shown.clickedAt - t0 } : {}) },
    ringingUi: shown.at - arrived,
    ...(shown.paintAt !== undefined ? { ringingPaint: shown.paintAt - arrived } : {}),
  };
}

/** A call to the bare sip.js page. */
export async function peerCall(rig: Rig): Promise<CallSample> {
  const m = await marks(rig.peerProbe);
  const id = await rig.caller.dial(rig.lab.uri(PEER_QUEUE));
  const call = await rig.caller.waitTimes(id, ['inviteSent', 'heard'], TIMEOUT_MS);
  const incoming = await rig.peer.waitIncomingCallId(call.callId, TIMEOUT_MS);
  const answered = await rig.peer.waitTimes(incoming.id, ['heard'], TIMEOUT_MS);
  const t0 = need(call.times.inviteSent, 'INVITE time');
  const phases = await calleePhases(rig.peerProbe, m, call.callId, t0);
  await hangUp(rig, call);
  await rig.peer.waitState(incoming.id, 'Terminated', TIMEOUT_MS);
  const heard = need(answered.times.heard, 'tone at the peer');
  const callerHeard = need(call.times.heard, 'tone at the caller');
  return { bothTones: Math.max(callerHeard, heard) - t0, callerHears: callerHeard - t0, calleeHears: heard - t0, phases };
}
