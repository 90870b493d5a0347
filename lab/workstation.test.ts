/**
 * The real workstation end to end: the desk server (src-server/cli.ts, a child process) with
 * telephony pointed at the lab, serving the web build; two agents sign in through the UI in
 * their own Chromium (1001 at 660 Hz, 1002 at 770 Hz); the desk server, not the test, puts
 * the Ready one into Kamailio's queue; a baresip phone (550 Hz) calls queue 8000.
 * Assertions on what a user notices: who rings, the audio both ways, the call log (on the
 * workstation and on the desk server, with the ticket captured during the call linked to it).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyseTone, readWav } from './audio/tone';
import type { Baresip } from './baresip/baresip';
import { startDeskServer, type DeskServer } from './desk/server';
import { QUEUES, start, type Lab } from './lab';
import { sleep, waitFor } from './proc';
import { WorkstationParty } from './workstation/party';

const CALLER = '13800138000';
const CALLER_HZ = 550;
let lab: Lab;
let desk: DeskServer;
let agent: WorkstationParty; // 1001, 660 Hz, Ready
let other: WorkstationParty; // 1002, 770 Hz, stays Not Ready
let caller: Baresip;
const ids: Record<string, string> = {};

/** Waits until Kamailio's Ready set for queue 8000 holds `workNumber` (or does not). */
const waitInQueue = (workNumber: string, inQueue = true) =>
  waitFor(`${workNumber} ${inQueue ? 'in' : 'out of'} queue ${QUEUES.general}`, async () => (await lab.readyList()).includes(`${QUEUES.general}:${ids[workNumber]}`) === inQueue, 10_000, 100);

beforeAll(async () => {
  lab = await start({ page: false });
  // the desk server takes longest to start (a fresh database, demo data): browsers and the phone meanwhile
  [desk, agent, other, caller] = await Promise.all([
    startDeskServer(lab),
    WorkstationParty.launch(lab, 'agent1001', 660),
    WorkstationParty.launch(lab, 'agent1002', 770),
    lab.addPhone({ name: CALLER, toneHz: CALLER_HZ, answer: 'manual' }),
  ]);
  await Promise.all([agent.open(desk.url), other.open(desk.url)]);
  await Promise.all([agent.signIn('1001', 'agent1001'), other.signIn('1002', 'agent1002')]);
  const supervisor = await desk.signIn('9001', 'super9001');
  const floor = await desk.get<{ agents: Array<{ userId: string; workNumber: string }> }>(supervisor.token, '/api/presence');
  for (const a of floor.agents) ids[a.workNumber] = a.userId;
  await agent.chooseState('Ready');
  await agent.waitAgentState('Ready');
  await waitInQueue('1001');
}, 240_000);

afterAll(async () => {
  await Promise.allSettled([agent?.close(), other?.close()]);
  await desk?.stop();
  await lab?.stop();
});

/** A failed case must not leave a call behind for the next one. */
afterEach(async () => {
  const last = caller?.events.filter((e) => e.class === 'call').at(-1);
  if (last && last.type !== 'CALL_CLOSED') await caller.hangup().catch(() => undefined);
});

/** The caller calls queue 8000 and the agent answers in the UI: answers where the caller's events of this call start. */
const callAnswered = async (): Promise<number> => {
  const from = caller.events.length;
  await caller.dial(lab.uri(QUEUES.general));
  await agent.answer(CALLER);
  await caller.waitFor('CALL_ESTABLISHED', 10_000, from);
  await agent.waitAgentState('On call');
  return from;
};

/** From now on, every agent state the phone bar of `party` shows (read them with {@link agentStates}). */
const watchAgentStates = (party: WorkstationParty) =>
  party.page.evaluate(() => {
    const w = window as unknown as { agentStates: string[] };
    const read = () => document.querySelector('[role="status"][aria-label^="Agent state:"]')?.getAttribute('aria-label');
    w.agentStates = [read() ?? '?'];
    new MutationObserver(() => {
      const v = read();
      if (v && w.agentStates.at(-1) !== v) w.agentStates.push(v);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  });
const agentStates = (party: WorkstationParty) => party.page.evaluate(() => (window as unknown as { agentStates: string[] }).agentStates);

/**
 * The engine frame's main thread never comes back. (A crash of the frame's process, CDP's
 * Page.crash, is what this stands for; Playwright counts the crash of any frame as the page's
 * and stops driving it, so the tests hang the frame instead. The page sees the same: its pings
 * go unanswered.)
 */
const hangEngineFrame = (party: WorkstationParty) => {
  const frame = party.probe.engineFrame();
  expect(frame, 'the engine runs in a frame of its own').not.toBe(party.page.mainFrame());
  void frame
    .evaluate(() => {
      for (;;) {
        // hung
      }
    })
    .catch(() => undefined);
  return frame;
};

describe('the workstation in the lab', () => {
  it('queue 8000: only the Ready agent rings; answered in the UI, each side hears the other; hung up in the UI; the call log has it', async () => {
    expect(await lab.isRegistered(ids['1002'] ?? '?'), 'the Not Ready agent is registered all the same').toBe(true);
    expect((await lab.readyList()).filter((k) => k.endsWith(`:${ids['1002']}`)), 'the desk left the Not Ready agent out of the queues').toEqual([]);
    const [otherInvites, otherRinging] = [(await other.probe.invites()).length, (await other.probe.ringing()).length];
    const from = caller.events.length;
    await caller.dial(lab.uri(QUEUES.general));

    await agent.answerButton(CALLER).waitFor({ timeout: 10_000 });
    await sleep(300); // a fork reaches every branch at once: the other agent would ring by now
    expect(await other.probe.invites(otherInvites), 'no INVITE reached the Not Ready agent').toEqual([]);
    expect(await other.probe.ringing(otherRinging)).toEqual([]);
    expect(await other.call(CALLER).count()).toBe(0);

    await agent.answer(CALLER);
    await agent.call(CALLER).getByRole('button', { name: 'Hang up', exact: true }).waitFor();
    await caller.waitFor('CALL_ESTABLISHED', 10_000, from);
    await agent.waitAgentState('On call');
    const heard = await agent.hearsTone(CALLER_HZ, 5000);
    expect(heard, 'the agent hears the caller').not.toBeNull();
    expect(heard?.playing, 'on the audio element the workstation plays').toBe(true);
    // the engine that took the call runs in a frame of its own from the desk's other loopback
    // name (another site: its own renderer process), not in the UI's page
    const engineFrame = agent.probe.engineFrame();
    expect(engineFrame, 'the phone engine has a frame of its own').not.toBe(agent.page.mainFrame());
    expect(new URL(engineFrame.url()).hostname).not.toBe(new URL(agent.page.url()).hostname);
    expect((await agent.probe.invites()).length, 'the INVITE reached the engine frame').toBeGreaterThan(0);

    // During the call the agent captures a ticket: it is linked to this call.
    const p = agent.page;
    await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New ticket' }).click();
    await p.getByLabel('Subject').fill('来电：打印机脱机');
    await p.getByRole('button', { name: 'Save ticket' }).click();
    await p.getByRole('heading', { name: /^Ticket/ }).waitFor();
    const ticketId = decodeURIComponent(new URL(p.url()).hash.replace(/^#\/tickets\//, ''));
    await sleep(1500); // still talking: the caller's recording must hold the agent's tone for a while
    await agent.hangUp(CALLER);
    await caller.waitFor('CALL_CLOSED', 10_000, from);
    await agent.call(CALLER).waitFor({ state: 'detached' });

    const rec = caller.recordings('dec').at(-1);
    if (!rec) throw new Error('the caller recorded nothing');
    const back = analyseTone(readWav(rec), agent.toneHz);
    expect(back.secondsWithTone, `the caller hears the agent ${JSON.stringify(back)}`).toBeGreaterThanOrEqual(1);
    expect(analyseTone(readWav(rec), other.toneHz).framesWithTone, 'and not the other agent').toBe(0);

    const log = await agent.openCallLog();
    await log.getByRole('row').filter({ hasText: CALLER }).filter({ hasText: 'Answered' }).waitFor();
    await agent.waitAgentState('After-call work');
    await agent.afterCallWorkDone();
    await agent.waitAgentState('Ready');

    // The call record and its link to the ticket reached the desk server, once.
    const me = await desk.signIn('1001', 'agent1001');
    await waitFor('the call on the desk server', async () => {
      const { calls } = await desk.get<{ calls: { number: string; outcome: string; ticketIds: string[]; sipCallId: string | null; queue: string | null }[] }>(me.token, '/api/calls');
      const mine = calls.filter((c) => c.number === CALLER);
      return mine.length === 1 && mine[0]!.outcome === 'answered' && mine[0]!.ticketIds.join() === ticketId && !!mine[0]!.sipCallId && mine[0]!.queue === QUEUES.general;
    }, 15_000, 250);
  });

  it('the caller hangs up while it rings: the call log shows a missed call', async () => {
    await waitInQueue('1001'); // the desk put the seat back after the call
    const from = caller.events.length;
    await caller.dial(lab.uri(QUEUES.general));
    await agent.answerButton(CALLER).waitFor({ timeout: 10_000 });
    await sleep(500);
    await caller.hangup();
    await caller.waitFor('CALL_CLOSED', 10_000, from);
    await agent.call(CALLER).waitFor({ state: 'detached' });
    const log = await agent.openCallLog();
    await log.getByRole('row').filter({ hasText: CALLER }).filter({ hasText: 'Missed' }).waitFor();
    await agent.waitAgentState('Ready'); // a missed call is no call taken: still Ready
    const sup = await desk.signIn('9001', 'super9001');
    await waitFor('the missed call on the desk server', async () => {
      const { calls } = await desk.get<{ calls: { number: string; outcome: string; user: { workNumber: string } }[] }>(sup.token, '/api/calls?workNumber=1001');
      return calls.filter((c) => c.number === CALLER).map((c) => c.outcome).sort().join() === 'answered,missed';
    }, 15_000, 250);
  });

  it('the engine frame stops answering (its process hung or died): the page starts a new engine by itself, the agent is Not Ready "telephony down" until it registers, then Ready, and the next call is answered with audio', async () => {
    await waitInQueue('1001');
    await watchAgentStates(agent);
    const dead = hangEngineFrame(agent);
    await waitFor('the agent back to Ready after the restart', async () => {
      const seen = await agentStates(agent);
      return seen.length >= 3 && seen.at(-1) === 'Agent state: Ready';
    }, 25_000, 100);
    expect(await agentStates(agent), 'Not Ready "telephony down" from the moment the page found the engine gone until the new one registered').toEqual([
      'Agent state: Ready',
      'Agent state: Not Ready — telephony down',
      'Agent state: Ready',
    ]);
    const engine = agent.probe.engineFrame();
    expect(engine, 'a new engine frame').not.toBe(dead);
    expect(engine).not.toBe(agent.page.mainFrame());
    await waitInQueue('1001');

    const from = caller.events.length;
    await caller.dial(lab.uri(QUEUES.general));
    await agent.answer(CALLER);
    await caller.waitFor('CALL_ESTABLISHED', 10_000, from);
    expect(await agent.hearsTone(CALLER_HZ, 5000), 'the agent hears the caller through the new engine').not.toBeNull();
    await sleep(1500);
    await agent.hangUp(CALLER);
    await caller.waitFor('CALL_CLOSED', 10_000, from);
    const rec = caller.recordings('dec').at(-1);
    if (!rec) throw new Error('the caller recorded nothing');
    const back = analyseTone(readWav(rec), agent.toneHz);
    expect(back.secondsWithTone, `the caller hears the agent ${JSON.stringify(back)}`).toBeGreaterThanOrEqual(1);
    await agent.waitAgentState('After-call work');
    await agent.afterCallWorkDone();
  });

  it('the engine frame stops answering during a call: the call card goes, the call log keeps the call (answered, cut off), the new engine ends the caller\'s side, the agent is in after-call work, then Ready', async () => {
    await waitInQueue('1001');
    const me = await desk.signIn('1001', 'agent1001');
    const answeredOnDesk = async () =>
      (await desk.get<{ calls: { number: string; outcome: string; endReason: string | null }[] }>(me.token, '/api/calls')).calls.filter(
        (c) => c.number === CALLER && c.outcome === 'answered' && c.endReason === 'failed',
      ).length;
    const deskBefore = await answeredOnDesk();
    const log = await agent.openCallLog();
    // the row says the call was answered and then cut off (not a normal hang-up)
    const answeredRows = () => log.getByRole('row').filter({ hasText: CALLER }).filter({ hasText: 'Answered' }).filter({ hasText: 'Cut off' }).count();
    const rowsBefore = await answeredRows();

    const from = await callAnswered();
    await watchAgentStates(agent);
    hangEngineFrame(agent);

    await agent.call(CALLER).waitFor({ state: 'detached', timeout: 15_000 });
    await waitFor('the cut-off call in the call log', async () => (await answeredRows()) === rowsBefore + 1, 5000, 100);
    await waitFor('the cut-off call on the desk server', async () => (await answeredOnDesk()) === deskBefore + 1, 15_000, 250);
    await agent.waitAgentState('After-call work');
    expect(await agentStates(agent)).toEqual(['Agent state: On call', 'Agent state: After-call work']);
    // the dead engine could not hang up; the new one sends the call's BYE once it is connected,
    // so the caller is not left in silence
    const closed = await caller.waitFor('CALL_CLOSED', 20_000, from);
    expect(closed.param).toBe('Connection reset by peer'); // baresip's word for the BYE it received
    await agent.afterCallWorkDone();
    await agent.waitAgentState('Ready', 20_000);
    await waitInQueue('1001');
  });

  it('the agent reloads the page during a call: the browser asks first; reloaded anyway, the call log keeps the call and the new engine ends the caller\'s side', async () => {
    await waitInQueue('1001');
    const rows = async () => (await agent.openCallLog()).getByRole('row').filter({ hasText: CALLER }).filter({ hasText: 'Cut off' }).count();
    const rowsBefore = await rows();
    const me = await desk.signIn('1001', 'agent1001');
    const cutOnDesk = async () =>
      (await desk.get<{ calls: { endAt: string; endReason: string | null }[] }>(me.token, `/api/calls?number=${CALLER}`)).calls.filter((c) => c.endReason === 'failed');
    const deskBefore = (await cutOnDesk()).length;
    const from = await callAnswered();

    // the engine and the call live in this page: leaving it asks first
    const asked = new Promise<string>((resolve) =>
      agent.page.once('dialog', (d) => {
        resolve(d.type());
        void d.accept();
      }),
    );
    const leftAt = Date.now();
    await agent.page.evaluate(() => location.reload()).catch(() => undefined);
    expect(await asked).toBe('beforeunload');
    // still signed in after the reload; a new engine registers and ends the call the old one held
    await agent.page.getByRole('status', { name: 'Telephony: ready' }).waitFor({ timeout: 30_000 });
    const closed = await caller.waitFor('CALL_CLOSED', 20_000, from);
    expect(closed.param).toBe('Connection reset by peer');
    await waitFor('the cut-off call in the call log', async () => (await rows()) === rowsBefore + 1, 10_000, 250);
    // on the desk too; it ended when the page went away, not when the new page had started (the reload is no talk time)
    await waitFor('the cut-off call on the desk server', async () => (await cutOnDesk()).length === deskBefore + 1, 15_000, 250);
    const [last] = await cutOnDesk();
    // (before the new page had even made its engine: the engine frame's document is newer than the call's end)
    const frame = agent.probe.engineFrame();
    expect(frame, 'the new engine runs in a frame of its own').not.toBe(agent.page.mainFrame());
    const engineFrom = await frame.evaluate(() => performance.timeOrigin);
    expect(Date.parse(last!.endAt), `ended ${last?.endAt}, the new engine's frame from ${new Date(engineFrom).toISOString()}`).toBeLessThan(engineFrom);
    expect(Date.parse(last!.endAt)).toBeGreaterThanOrEqual(leftAt);
  });
});
