/**
 * The agent state of the signed-in agent, moved only by `agentStep` (src-shared/agent):
 * from the phone (registration and calls, see wiring.ts), from the agent's own choices,
 * from time (a fixed after-call work ends by itself) and from the preflight that gates
 * Ready. Every change is reported to the desk (presence.ts).
 */
import { agentStep, initialAgentState, nextAgentDeadline, type AcwPolicy, type AgentEvent, type AgentTarget } from '../../../src-shared/agent';
import { deskDeps, getDeskExtras, getPhoneView, postPresence, runPreflight, subscribePhoneView, subscribeTelephony } from '../calls';
import { createPresenceReporter, type PresenceReporter } from './presence';
import { DEFAULT_ACW, DEFAULT_REASONS } from './reasons';
import { forgetState, getAgent, keepState, patchAgent, resetAgent, restoredState } from './store';
import { agentEventsFor, phoneFacts, presenceOf, preflightResultOf, samePresence, toggleTarget, type PhoneFacts, type PresenceReport } from './wiring';

type Running = {
  userId: string;
  offs: Array<() => void>;
  tick?: ReturnType<typeof setTimeout>;
  facts: PhoneFacts | null;
  reporter: PresenceReporter;
  reported: PresenceReport | null;
};

let running: Running | null = null;

const acwPolicy = (): AcwPolicy => getDeskExtras().acw ?? DEFAULT_ACW;

/** Applies an event; answers whether the machine took it (a refusal is kept to explain). */
const dispatch = (e: AgentEvent, explain = false): boolean => {
  const r = agentStep(getAgent().state, e, Date.now());
  if (!r.ok) {
    if (explain) patchAgent({ refusal: { code: r.code, message: r.message } });
    return false;
  }
  if (r.state !== getAgent().state) commit(r.state);
  return true;
};

const commit = (state: ReturnType<typeof getAgent>['state']): void => {
  patchAgent({ state });
  keepState();
  const r = running;
  if (!r) return;
  if (r.tick) clearTimeout(r.tick);
  const deadline = nextAgentDeadline(state);
  if (deadline !== undefined) r.tick = setTimeout(() => dispatch({ type: 'tick' }), Math.max(0, deadline - Date.now()) + 10);
  const report = presenceOf(state);
  if (!samePresence(r.reported, report)) {
    r.reported = report;
    r.reporter.report(report);
  }
};

/** Runs the preflight and gives its result to the machine; false when it could not run. */
const check = async (): Promise<boolean> => {
  patchAgent({ checking: true });
  const p = await runPreflight();
  patchAgent({ checking: false });
  if (!p.ok) {
    patchAgent({ refusal: { code: 'CHECK_FAILED', message: p.error.message } });
    return false;
  }
  patchAgent({ preflight: p.value });
  dispatch({ type: 'preflight', result: preflightResultOf(p.value) });
  return true;
};

const followPhone = (r: Running): void => {
  const next = phoneFacts(getPhoneView());
  const events = agentEventsFor(r.facts, next, getAgent().state);
  const becameRegistered = next.registration === 'registered' && r.facts?.registration !== 'registered';
  r.facts = next;
  for (const e of events) dispatch(e);
  // registered (again): check the devices now, so Ready shows whether it can be chosen
  if (becameRegistered) void check();
};

const readDesk = (): void => {
  const extras = getDeskExtras();
  patchAgent({ reasons: extras.reasons ?? DEFAULT_REASONS });
  dispatch({ type: 'setAcwPolicy', policy: acwPolicy() });
};

/** Signs the agent in to the agent state (Not Ready "just signed in", or the state before a reload). */
export const startAgent = (userId: string): void => {
  if (running?.userId === userId) return;
  if (running) stopRunning(running);
  const restored = restoredState(userId);
  resetAgent();
  patchAgent({ userId, state: restored?.state ?? initialAgentState(Date.now(), acwPolicy()), lastReason: restored?.lastReason ?? null });
  const deps = deskDeps();
  const r: Running = {
    userId,
    offs: [],
    facts: null,
    reported: null,
    reporter: createPresenceReporter({ post: (report) => postPresence(deps, report), onDelivery: (delivery) => patchAgent({ delivery }) }),
  };
  running = r;
  if (getAgent().state.status.name === 'offline') dispatch({ type: 'signIn' });
  else commit(getAgent().state);
  readDesk();
  followPhone(r);
  r.offs.push(subscribePhoneView(() => followPhone(r)));
  r.offs.push(subscribeTelephony(() => readDesk()));
};

const stopRunning = (r: Running): void => {
  if (r.tick) clearTimeout(r.tick);
  for (const off of r.offs.splice(0)) off();
  r.reporter.stop();
  if (running === r) running = null;
};

/** Signing out: Offline is reported (waiting at most `timeoutMs` for the desk), then the state is forgotten. */
export const stopAgent = async (timeoutMs = 1500): Promise<void> => {
  const r = running;
  if (!r) return;
  const now = Date.now();
  const out = agentStep(getAgent().state, { type: 'signOut' }, now);
  // on a call the machine only notes "offline next"; signing out ends the calls, so Offline it is
  const state = out.ok && out.state.status.name === 'offline' ? out.state : { ...initialAgentState(now, acwPolicy()) };
  commit(state);
  await r.reporter.flush(timeoutMs);
  stopRunning(r);
  forgetState(r.userId);
  resetAgent();
};

/** The agent chooses a state (kept for after the call while on a call). Ready runs the preflight first. */
export const requestState = async (target: AgentTarget): Promise<boolean> => {
  patchAgent({ refusal: null });
  const s = getAgent().state;
  if (target.name === 'ready' && s.status.name !== 'on_call' && s.telephony === 'up') {
    if (!(await check())) return false;
  }
  const ok = dispatch({ type: 'request', target }, true);
  if (ok && target.name === 'not_ready') {
    patchAgent({ lastReason: target.reason });
    keepState();
  }
  return ok;
};

/** "After-call work done". */
export const finishAfterCallWork = (): boolean => {
  patchAgent({ refusal: null });
  return dispatch({ type: 'acwDone' }, true);
};

/** The Ready / Not Ready hotkey. */
export const toggleReady = (): Promise<boolean> => {
  const a = getAgent();
  return requestState(toggleTarget(a.state, a.lastReason, a.reasons));
};

/** Runs the device check again (the "Check again" button). */
export const checkDevices = async (): Promise<void> => {
  patchAgent({ refusal: null });
  await check();
};

/** Forgets the last refusal shown. */
export const dismissRefusal = (): void => patchAgent({ refusal: null });
