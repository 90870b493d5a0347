/**
 * Node side of the page probe (probe/main.ts) in any page it was injected into: the
 * workstation (lab/workstation/party.ts) or a bare lab phone page launched with `probe: true`.
 *
 * The probe runs in every frame. In the workstation the phone engine has a frame of its own
 * (`/engine.html`, src-renderer/host/engine-frame.ts): what the engine does (SIP on its
 * WebSocket, the microphone, peer connections, the remote audio) is read there; the ringing
 * card and its Answer button in the page's main frame. Where no engine frame is (a bare phone
 * page, or a workstation whose page runs the engine itself) everything is in the main frame.
 */
import type { Frame, Page } from 'playwright-core';
import type { ProbeAnswer, ProbeConnection, ProbeHeard, ProbeInvite, ProbeMic, ProbeRinging, ProbeTone, WorkstationProbe } from './probe/main';

type W = { workstationLab: WorkstationProbe };

const isEngineFrame = (f: Frame): boolean => {
  try {
    return new URL(f.url()).pathname === '/engine.html';
  } catch {
    return false;
  }
};

export class PageProbe {
  constructor(readonly page: Page) {}

  /** The frame the phone engine runs in: its own frame where there is one, else the page. */
  engineFrame(): Frame {
    return this.page.frames().find(isEngineFrame) ?? this.page.mainFrame();
  }

  /** Initial INVITEs the page received on a WebSocket (from index `from`). */
  invites(from = 0): Promise<ProbeInvite[]> {
    return this.engineFrame().evaluate((f) => (window as unknown as W).workstationLab.invites(f), from);
  }

  /** Final answers to INVITEs the page sent (its 200 OKs). */
  answers(from = 0): Promise<ProbeAnswer[]> {
    return this.engineFrame().evaluate((f) => (window as unknown as W).workstationLab.answers(f), from);
  }

  /** `getUserMedia` calls. */
  mics(from = 0): Promise<ProbeMic[]> {
    return this.engineFrame().evaluate((f) => (window as unknown as W).workstationLab.mics(f), from);
  }

  /** `Call from …` cards with an Answer button, as they entered the DOM. */
  ringing(from = 0): Promise<ProbeRinging[]> {
    return this.page.evaluate((f) => (window as unknown as W).workstationLab.ringing(f), from);
  }

  /** Peer connections made (with their offer/answer steps and ICE gathering). */
  connections(from = 0): Promise<ProbeConnection[]> {
    return this.engineFrame().evaluate((f) => (window as unknown as W).workstationLab.connections(f), from);
  }

  /** Tones heard on remote streams since {@link listen}. */
  tones(from = 0): Promise<ProbeTone[]> {
    return this.engineFrame().evaluate((f) => (window as unknown as W).workstationLab.tones(f), from);
  }

  /** Waits until at least one tone was heard at index ≥ `from`; returns it. */
  async waitTone(from: number, timeoutMs = 10_000): Promise<ProbeTone> {
    const h = await this.engineFrame().waitForFunction((f) => (window as unknown as W).workstationLab.tones(f)[0], from, { timeout: timeoutMs, polling: 20 });
    return (await h.jsonValue()) as ProbeTone;
  }

  /** Resolves with a reading once the newest remote audio the page plays holds `hz`, or null after `timeoutMs`. */
  hearsTone(hz: number, timeoutMs = 5000): Promise<ProbeHeard | null> {
    return this.engineFrame().evaluate(([f, t]) => (window as unknown as W).workstationLab.hearsTone(f, t), [hz, timeoutMs] as const);
  }

  /** Share of 10 ms polls over `ms` in which the page's newest remote audio held `hz`. */
  toneShare(hz: number, ms: number): Promise<number> {
    return this.engineFrame().evaluate(([f, t]) => (window as unknown as W).workstationLab.toneShare(f, t), [hz, ms] as const);
  }

  /** Listens for `hz` on every remote stream played from now on (detections in {@link tones}). */
  listen(hz: number | null): Promise<void> {
    return this.engineFrame().evaluate((f) => (window as unknown as W).workstationLab.watchTone(f), hz);
  }

  /** Clicks the Answer button of every call that starts ringing, the moment it shows. */
  autoAnswer(on: boolean): Promise<void> {
    return this.page.evaluate((o) => (window as unknown as W).workstationLab.setAutoAnswer(o), on);
  }
}
