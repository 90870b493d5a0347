/**
 * Node side of a browser party: one Debian Chromium per party (the fake
 * capture file is per process), the lab phone page, and typed calls into its
 * `window.labPhone`. Flags from LAB.md; `--allow-loopback-in-peer-connection`
 * is mandatory on loopback (without it a call is Established with no sound).
 */
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { makeToneWav } from '../audio/tone';
import type { Lab } from '../lab';
import type { CallInfo, CallTimes, LabPhoneApi, PhoneStartOptions, RegisterResult } from './phone';
import type { ToneReading } from './tone-detector';

export const CHROMIUM_BIN = process.env.FIRSTLINE_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumArgs = (toneWav: string): string[] => [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${toneWav}`,
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

type W = { labPhone: LabPhoneApi };

/** One browser party: a Chromium whose microphone plays `toneHz`, with one lab phone page. */
export class BrowserParty {
  private constructor(
    readonly name: string,
    readonly toneHz: number,
    readonly browser: Browser,
    readonly page: Page,
  ) {}

  /** `probe`: inject the page probe (probe/main.ts) as well, for timings (bench:call). */
  static async launch(lab: Lab, name: string, toneHz: number, o: { probe?: boolean } = {}): Promise<BrowserParty> {
    if (!lab.pageUrl) throw new Error('the lab was started without its phone page');
    const wav = makeToneWav(join(lab.runDir, `tone-${name}-${toneHz}.wav`), toneHz, { seconds: 10 });
    const browser = await chromium.launch({ executablePath: CHROMIUM_BIN, args: chromiumArgs(wav) });
    const page = await browser.newPage();
    if (o.probe) await page.addInitScript({ content: await (await import('./probe-build')).probeScript() });
    await page.goto(lab.pageUrl);
    await page.waitForFunction(() => 'labPhone' in window);
    return new BrowserParty(name, toneHz, browser, page);
  }

  /**
   * Registers `user` over WebSocket with the given credential (default: a fresh valid one).
   * `mode`: answer every call at once in the page, and/or time when a tone is first heard (bench:call).
   */
  register(lab: Lab, user: string, cred = lab.credential(user), mode: Pick<PhoneStartOptions, 'autoAnswer' | 'listenHz'> = {}): Promise<RegisterResult> {
    const o: PhoneStartOptions = { wsUrl: lab.wsUrl, aor: lab.uri(user), username: cred.username, password: cred.password, ...mode };
    return this.page.evaluate((opts) => (window as unknown as W).labPhone.start(opts), o);
  }

  /** One registration attempt with a throw-away UserAgent in this page (for refused credentials). */
  tryRegister(lab: Lab, user: string, username: string, password: string): Promise<RegisterResult> {
    const o: PhoneStartOptions = { wsUrl: lab.wsUrl, aor: lab.uri(user), username, password };
    return this.page.evaluate((opts) => (window as unknown as W).labPhone.tryRegister(opts), o);
  }

  calls(): Promise<CallInfo[]> {
    return this.page.evaluate(() => (window as unknown as W).labPhone.calls());
  }

  /** Waits for an incoming call not seen before (ids in `seen`) and returns it. */
  async waitIncoming(seen: ReadonlySet<string> = new Set(), timeoutMs = 10_000): Promise<CallInfo> {
    const handle = await this.page.waitForFunction(
      (ids) => (window as unknown as W).labPhone.calls().find((c) => c.direction === 'in' && !ids.includes(c.id)),
      [...seen],
      { timeout: timeoutMs, polling: 10 },
    );
    return (await handle.jsonValue()) as CallInfo;
  }

  answer(id: string): Promise<void> {
    return this.page.evaluate((i) => (window as unknown as W).labPhone.answer(i), id);
  }
  hangup(id: string): Promise<void> {
    return this.page.evaluate((i) => (window as unknown as W).labPhone.hangup(i), id);
  }
  dial(target: string): Promise<string> {
    return this.page.evaluate((t) => (window as unknown as W).labPhone.dial(t), target);
  }
  /** Resolves with a reading once the call's remote audio holds `hz`, or null after `timeoutMs`. */
  hearsTone(id: string, hz: number, timeoutMs = 5000): Promise<ToneReading | null> {
    return this.page.evaluate(([i, f, t]) => (window as unknown as W).labPhone.hearsTone(i, f, t), [id, hz, timeoutMs] as const);
  }
  /** Waits until the call is in `state` (sip.js SessionState: Establishing, Established, Terminated…). */
  async waitState(id: string, state: string, timeoutMs = 10_000): Promise<CallInfo> {
    const handle = await this.page.waitForFunction(
      ([i, s]) => (window as unknown as W).labPhone.calls().find((c) => c.id === i && c.state === s),
      [id, state] as const,
      { timeout: timeoutMs, polling: 10 },
    );
    return (await handle.jsonValue()) as CallInfo;
  }

  /** Waits until the call `id` has every one of `keys` in its `times` (polled every `pollMs`); returns the call. */
  async waitTimes(id: string, keys: ReadonlyArray<keyof CallTimes>, timeoutMs = 10_000, pollMs = 20): Promise<CallInfo> {
    const handle = await this.page.waitForFunction(
      ([i, ks]) => {
        const c = (window as unknown as W).labPhone.calls().find((x) => x.id === i);
        return c && ks.every((k) => c.times[k] !== undefined) ? c : undefined;
      },
      [id, keys] as const,
      { timeout: timeoutMs, polling: pollMs },
    );
    return (await handle.jsonValue()) as CallInfo;
  }

  /** The incoming call with this SIP Call-ID, once it is here. */
  async waitIncomingCallId(callId: string, timeoutMs = 10_000): Promise<CallInfo> {
    const handle = await this.page.waitForFunction((c) => (window as unknown as W).labPhone.calls().find((x) => x.direction === 'in' && x.callId === c), callId, { timeout: timeoutMs, polling: 20 });
    return (await handle.jsonValue()) as CallInfo;
  }

  async close(): Promise<void> {
    await this.page.evaluate(() => (window as unknown as W).labPhone.stop()).catch(() => undefined);
    await this.browser.close();
  }
}
