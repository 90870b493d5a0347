/**
 * Node side of an engine party: one Debian Chromium (its fake microphone
 * plays `toneHz`) with the engine lab page, driven through `window.engineLab`:
 * typed requests over the engine's real message protocol, waits on the events
 * it pushed, and tone checks on each call's remote audio.
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Call, PhoneConfig, PhoneRequestArgs, PhoneRequestChannel, PhoneRequestValues, PhoneResult, Registration, CallRecord } from '../../src-shared/calls';
import { makeToneWav } from '../audio/tone';
import { CHROMIUM_BIN, chromiumArgs } from '../browser/agent';
import type { ToneReading } from '../browser/tone-detector';
import { QUEUES, type Lab } from '../lab';
import type { EngineLabApi, LabEvent } from './page/main';

type W = { engineLab: EngineLabApi };

export class EngineParty {
  private constructor(
    readonly name: string,
    readonly toneHz: number,
    readonly browser: Browser,
    readonly page: Page,
  ) {}

  /** Launches Chromium with a `toneHz` microphone and opens the engine page at `pageUrl`. */
  static async launch(lab: Lab, pageUrl: string, name: string, toneHz: number): Promise<EngineParty> {
    const wav = makeToneWav(join(lab.runDir, `tone-${name}-${toneHz}.wav`), toneHz, { seconds: 10 });
    const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: chromiumArgs(wav) });
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error(`[${name}] page error: ${e.message}`));
    await page.goto(pageUrl);
    await page.waitForFunction(() => 'engineLab' in window);
    return new EngineParty(name, toneHz, browser, page);
  }

  /** One request over the engine's port, answered with its `PhoneResult`. */
  request<C extends PhoneRequestChannel>(channel: C, ...args: PhoneRequestArgs<C>): Promise<PhoneResult<PhoneRequestValues[C]>> {
    return this.page.evaluate(([c, a]) => (window as unknown as W).engineLab.request(c, a), [channel, args[0]] as const) as Promise<PhoneResult<PhoneRequestValues[C]>>;
  }

  /** Like {@link request}, but throws on an error result. */
  async ok<C extends PhoneRequestChannel>(channel: C, ...args: PhoneRequestArgs<C>): Promise<PhoneRequestValues[C]> {
    const r = await this.request(channel, ...args);
    if (!r.ok) throw new Error(`${this.name} ${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }

  private configured: PhoneConfig | undefined;

  /** The configuration {@link start} gave the engine. */
  config(): PhoneConfig {
    if (!this.configured) throw new Error(`${this.name} was not started`);
    return this.configured;
  }

  /** Configures the engine for `user` on the lab (no ICE servers: loopback) and registers it. */
  async start(lab: Lab, user: string, extra: Partial<PhoneConfig> = {}): Promise<void> {
    const cred = lab.credential(user);
    this.configured = { wsUrl: lab.wsUrl, aor: lab.uri(user), iceServers: [], queues: [QUEUES.general, QUEUES.consultation], iceGatheringTimeoutMs: 500, ...extra };
    await this.ok('phone:configure', this.configured);
    await this.ok('phone:setCredentials', { username: cred.username, password: cred.password, expiresAt: cred.expiresAt });
    const from = await this.mark();
    await this.ok('phone:start');
    await this.waitEvent('phone:registration', { status: 'registered' }, from);
  }

  /** The index of the next event: pass it as `from` to wait only for what happens after now. */
  async mark(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as W).engineLab.events().length);
  }

  events(from = 0): Promise<LabEvent[]> {
    return this.page.evaluate((f) => (window as unknown as W).engineLab.events(f), from);
  }

  /** Waits for an event named `event` (at index ≥ `from`) whose payload contains `match`. */
  async waitEvent(event: string, match: unknown, from = 0, timeoutMs = 10_000): Promise<LabEvent> {
    try {
      const h = await this.page.waitForFunction(([e, m, f]) => (window as unknown as W).engineLab.find(e, m, f), [event, match, from] as const, { timeout: timeoutMs, polling: 10 });
      return (await h.jsonValue()) as LabEvent;
    } catch (err) {
      const seen = (await this.events(from)).map((e) => `${e.event} ${JSON.stringify(e.payload).slice(0, 160)}`);
      throw new Error(`${this.name}: no ${event} ${JSON.stringify(match)} within ${timeoutMs} ms; saw:\n  ${seen.join('\n  ')}\n${String(err).split('\n')[0]}`);
    }
  }

  /** Waits for a call event (`call:created` / `call:changed` / `call:ended`) matching `match`; returns the call. */
  async waitCall(match: Record<string, unknown>, from = 0, event = 'call:changed', timeoutMs = 10_000): Promise<Call> {
    return (await this.waitEvent(event, match, from, timeoutMs)).payload as Call;
  }

  /** A new inbound call that rings here (after `from`). */
  waitRinging(from: number, timeoutMs = 10_000): Promise<Call> {
    return this.waitCall({ direction: 'inbound', state: { name: 'ringing' } }, from, 'call:created', timeoutMs);
  }

  async waitRecord(callId: string, from = 0, timeoutMs = 10_000): Promise<CallRecord> {
    return (await this.waitEvent('call:record', { id: callId }, from, timeoutMs)).payload as CallRecord;
  }

  async registrations(from = 0): Promise<Registration[]> {
    return (await this.events(from)).filter((e) => e.event === 'phone:registration').map((e) => e.payload as Registration);
  }

  async liveCalls(): Promise<Call[]> {
    return (await this.ok('phone:snapshot')).calls;
  }

  /** Resolves with a reading once the call's remote audio holds `hz`, or null after `timeoutMs`. */
  hearsTone(callId: string, hz: number, timeoutMs = 5000): Promise<ToneReading | null> {
    return this.page.evaluate(([c, f, t]) => (window as unknown as W).engineLab.hearsTone(c, f, t), [callId, hz, timeoutMs] as const);
  }

  /** Share of 10 ms polls over `ms` in which the call's remote audio held `hz`. */
  toneShare(callId: string, hz: number, ms: number): Promise<number> {
    return this.page.evaluate(([c, f, t]) => (window as unknown as W).engineLab.toneShare(c, f, t), [callId, hz, ms] as const);
  }

  log(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as W).engineLab.log());
  }

  async close(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as W).engineLab.close()).catch(() => undefined);
    await this.browser.close();
  }
}
