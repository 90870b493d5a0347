/**
 * The parties of bench:call, all on the lab (inside its loopback-only namespace):
 * - ours: the Firstline workstation page from the real desk server, agent 1001 signed in
 *   through the UI and Ready (the desk server puts the seat into queue 8000 in Kamailio);
 * - the peer: the lab's bare sip.js page (lab/browser/phone.ts) registered as `peer`, Ready
 *   for queue 8001 (the desk serves 8000 only in this run, so the two never fork together);
 * - the caller: another bare sip.js page, which times its INVITE and the tone it hears.
 * Each in its own Chromium: the fake microphone is per process (ours and the peer 660 Hz,
 * the caller 550 Hz).
 */
import { BrowserParty } from '../../lab/browser/agent';
import { PageProbe } from '../../lab/browser/probe-client';
import { startDeskServer, type DeskServer } from '../../lab/desk/server';
import { start, type Lab } from '../../lab/lab';
import { waitFor } from '../../lab/proc';
import { WorkstationParty } from '../../lab/workstation/party';

export const OURS_QUEUE = '8000';
export const PEER_QUEUE = '8001';
export const CALLER_HZ = 550;
export const AGENT_HZ = 660;

export type Rig = {
  lab: Lab;
  desk: DeskServer;
  ours: WorkstationParty;
  peer: BrowserParty;
  /** The page probe in the peer's page too (INVITE arrival, microphone, 200 OK: the same diagnostics as ours). */
  peerProbe: PageProbe;
  caller: BrowserParty;
  /** Waits until Kamailio's Ready set holds the workstation's seat for {@link OURS_QUEUE} (the desk server's doing). */
  oursInQueue: () => Promise<void>;
  close: () => Promise<void>;
};

/** Starts the lab, the desk server and the three browsers; resolves once everyone is registered and Ready. */
export async function startRig(say: (line: string) => void): Promise<Rig> {
  const lab = await start();
  const parts: { desk?: DeskServer; ours?: WorkstationParty; peer?: BrowserParty; caller?: BrowserParty } = {};
  const close = async (): Promise<void> => {
    await Promise.allSettled([parts.ours?.close(), parts.peer?.close(), parts.caller?.close()]);
    await parts.desk?.stop();
    await lab.stop();
  };
  try {
    say('bench:call: starting the desk server (fresh database) and three browsers…');
    const queues = [{ number: OURS_QUEUE, name: 'General', nameZh: '综合', roles: ['agent', 'expert'] }];
    const [desk, ours, peer, caller] = await Promise.all([
      startDeskServer(lab, { queues, ...(process.env.BENCH_CALL_WEB_DIR ? { staticDir: process.env.BENCH_CALL_WEB_DIR } : {}) }).then((d) => (parts.desk = d)),
      WorkstationParty.launch(lab, 'ours', AGENT_HZ).then((p) => (parts.ours = p)),
      BrowserParty.launch(lab, 'peer', AGENT_HZ, { probe: true }).then((p) => (parts.peer = p)),
      BrowserParty.launch(lab, 'caller', CALLER_HZ).then((p) => (parts.caller = p)),
    ]);
    await ours.open(desk.url);
    await ours.signIn('1001', 'agent1001');
    const { userId } = await desk.signIn('1001', 'agent1001');
    const key = `${OURS_QUEUE}:${userId}`;
    const oursInQueue = () => waitFor(`the desk to put 1001 into queue ${OURS_QUEUE}`, async () => (await lab.readyList()).includes(key), 15_000, 20).then(() => undefined);
    await ours.chooseState('Ready');
    await ours.waitAgentState('Ready');
    await oursInQueue();
    await ours.probe.autoAnswer(true);
    await ours.probe.listen(CALLER_HZ);
    for (const [party, user, mode] of [
      [peer, 'peer', { autoAnswer: true, listenHz: CALLER_HZ }],
      [caller, 'caller', { listenHz: AGENT_HZ }],
    ] as const) {
      const r = await party.register(lab, user, lab.credential(user), mode);
      if (!r.ok) throw new Error(`${user} did not register: ${r.status ?? ''} ${r.reason ?? ''}`);
    }
    await lab.addReady(PEER_QUEUE, 'peer');
    return { lab, desk, ours, peer, peerProbe: new PageProbe(peer.page), caller, oursInQueue, close };
  } catch (err) {
    await close();
    throw err;
  }
}
