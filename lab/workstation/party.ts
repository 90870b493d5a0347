/**
 * Node side of a workstation party: the real Firstline web page, served by the desk server,
 * in its own Debian Chromium (its fake microphone plays `toneHz`), with the lab's probe
 * injected before the app loads (../browser/probe/main.ts). Everything the agent does goes through the
 * UI, found by role and accessible name (src-renderer/README.md); the probe only watches.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { makeToneWav } from '../audio/tone';
import { CHROMIUM_BIN, chromiumArgs } from '../browser/agent';
import type { Lab } from '../lab';
import { probeScript } from '../browser/probe-build';
import { PageProbe } from '../browser/probe-client';
import type { ProbeHeard } from '../browser/probe/main';

export class WorkstationParty {
  /** What the page probe saw (INVITEs, the ringing UI, tones, …). */
  readonly probe: PageProbe;

  private constructor(
    readonly name: string,
    readonly toneHz: number,
    readonly browser: Browser,
    readonly page: Page,
  ) {
    this.probe = new PageProbe(page);
  }

  /** Launches Chromium with a `toneHz` microphone, the probe ready for every page; {@link open} loads the workstation. */
  static async launch(lab: Lab, name: string, toneHz: number): Promise<WorkstationParty> {
    const wav = makeToneWav(join(lab.runDir, `tone-${name}-${toneHz}.wav`), toneHz, { seconds: 10 });
    const [browser, script] = await Promise.all([chromium.launch({ executablePath: CHROMIUM_BIN, args: chromiumArgs(wav) }), probeScript()]);
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    await context.addInitScript({ content: script });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${name}] page error: ${e.message}`));
    return new WorkstationParty(name, toneHz, browser, page);
  }

  /** Opens the workstation page the desk server serves at `deskUrl`. */
  async open(deskUrl: string): Promise<void> {
    await this.page.goto(deskUrl);
  }

  /** Signs in through the sign-in screen and waits until the phone is registered (`Telephony: ready`). */
  async signIn(workNumber: string, password: string): Promise<void> {
    const p = this.page;
    await p.getByLabel('Work number').fill(workNumber);
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('status', { name: 'Telephony: ready' }).waitFor({ timeout: 30_000 });
  }

  /** Picks a state in the phone bar's switcher (`Ready`, `Not Ready — Meal`, …). */
  async chooseState(label: string): Promise<void> {
    await this.page.getByLabel(/^(Change state|After this call)$/).selectOption({ label });
  }

  /** Waits for the agent state the phone bar shows (`Ready`, `After-call work`, …). */
  async waitAgentState(state: string, timeoutMs = 15_000): Promise<void> {
    await this.page.getByRole('status', { name: `Agent state: ${state}` }).waitFor({ timeout: timeoutMs });
  }

  /** The call bar's card of a call from `number`. */
  call(number: string): Locator {
    return this.page.getByRole('article', { name: `Call from ${number}` });
  }

  answerButton(number: string): Locator {
    return this.call(number).getByRole('button', { name: `Answer call from ${number}` });
  }

  async answer(number: string): Promise<void> {
    await this.answerButton(number).click();
  }

  async hangUp(number: string): Promise<void> {
    await this.call(number).getByRole('button', { name: 'Hang up', exact: true }).click();
  }

  /** Ends after-call work from the phone bar (the agent goes back to the state before the call). */
  async afterCallWorkDone(): Promise<void> {
    await this.page.getByRole('button', { name: 'After-call work done' }).click();
  }

  /** Opens the Calls screen and returns its call log table. */
  async openCallLog(): Promise<Locator> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls', exact: true }).click();
    const table = this.page.getByRole('table', { name: 'Call log' });
    await table.waitFor();
    return table;
  }

  /** Resolves with a reading once the remote audio the page plays holds `hz`, or null after `timeoutMs`. */
  hearsTone(hz: number, timeoutMs = 5000): Promise<ProbeHeard | null> {
    return this.probe.hearsTone(hz, timeoutMs);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
