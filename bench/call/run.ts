/**
 * `npm run bench:call` (inside the lab's loopback-only namespace, scripts/lab-netns.sh): in
 * one run, calls answered by the Firstline workstation and calls answered by a bare sip.js
 * page, interleaved (ABBA) so that load drifts hit both, each timed from the caller's INVITE
 * to the moment both tones are detected; and, for ours, INVITE arrival → the ringing UI with
 * the caller's number and its Answer button. Prints figures, never asserts; the last line is
 * one JSON object. Targets: ratio ours / bare ≤ 1.15 (medians), ringing UI p95 ≤ 50 ms.
 *   --calls N (default 20 each)   --warmup N (default 2 each, not counted)
 */
import { cpus, loadavg, release } from 'node:os';
import { parseArgs } from 'node:util';
import { pageSkew, type Skew } from '../../lab/browser/clock';
import { sleep } from '../../lab/proc';
import { oursCall, peerCall, type CallSample } from './calls';
import { AGENT_HZ, CALLER_HZ, startRig, type Rig } from './rig';
import { ratio, stats } from './stats';

const DEADLINE_MS = 6 * 60_000;
const SETTLE_MS = 2000;
const TARGET_RATIO = 1.15;
const TARGET_RINGING_P95_MS = 50;
const CHROMIUM = '/usr/bin/chromium';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '20' }, warmup: { type: 'string', default: '2' } } });
const CALLS = Math.max(1, Math.min(200, Number(values.calls) || 20));
const WARMUP = Math.max(0, Math.min(20, Number(values.warmup) || 0));

const load = (): number[] => loadavg().map((v) => Math.round(v * 100) / 100);
type Figure = Exclude<keyof CallSample, 'phases'>;
const pick = (xs: CallSample[], k: Figure): number[] => xs.flatMap((x) => (x[k] === undefined ? [] : [x[k]]));
type Phase = keyof CallSample['phases'];
const PHASES: Phase[] = ['inviteArrives', 'ringingUi', 'answerClicked', 'micAsked', 'micOpen', 'pcMade', 'offerSet', 'answerMade', 'answerSet', 'gathered', 'okSent', 'iceConnected', 'connected'];
/** Median of each phase (ms from the INVITE), where the callee has it. */
const phaseMedians = (xs: CallSample[]): Partial<Record<Phase, number>> =>
  Object.fromEntries(
    PHASES.flatMap((k) => {
      const v = xs.flatMap((x) => (x.phases[k] === undefined ? [] : [x.phases[k]]));
      return v.length ? [[k, stats(v).median]] : [];
    }),
  );

const samples = { ours: [] as CallSample[], peer: [] as CallSample[] };
const errors: string[] = [];
const loadAtStart = load();
let chromiumVersion = '?';
let skews: Record<string, Skew> = {};

function result(complete: boolean): Record<string, unknown> {
  const o = samples.ours;
  const p = samples.peer;
  const oursBoth = stats(pick(o, 'bothTones'));
  const peerBoth = stats(pick(p, 'bothTones'));
  const ringing = stats(pick(o, 'ringingUi'));
  const r = ratio(oursBoth.median, peerBoth.median);
  return {
    bench: 'call',
    unit: 'ms',
    complete,
    calls: { ours: o.length, peer: p.length, warmupEach: WARMUP, order: 'ABBA interleaved' },
    ours: {
      what: 'Firstline workstation (web page from the desk server, agent 1001 Ready via the desk, answered by clicking its Answer button as soon as it shows)',
      inviteToBothTones: oursBoth,
      inviteToCallerHears: stats(pick(o, 'callerHears')),
      inviteToAgentHears: stats(pick(o, 'calleeHears')),
      phases: phaseMedians(o),
      ringingUi: { what: 'INVITE on the page\'s WebSocket → "Call from …" card with its Answer button in the DOM', ...ringing },
      ringingUiPainted: { what: 'the same → the next animation frame', ...stats(pick(o, 'ringingPaint')) },
    },
    peer: {
      what: 'bare sip.js 0.21 page (lab/browser/phone.ts): accept() in onInvite',
      inviteToBothTones: peerBoth,
      inviteToCallerHears: stats(pick(p, 'callerHears')),
      inviteToPeerHears: stats(pick(p, 'calleeHears')),
      phases: phaseMedians(p),
    },
    ratioMedian: r,
    ratioP95: ratio(oursBoth.p95, peerBoth.p95),
    targets: { ratioMedianMax: TARGET_RATIO, ratioMet: r <= TARGET_RATIO, ringingUiP95MaxMs: TARGET_RINGING_P95_MS, ringingUiMet: ringing.p95 <= TARGET_RINGING_P95_MS },
    errors,
    env: {
      browser: `Chromium ${chromiumVersion} (${CHROMIUM}, headless, one process per party, fake audio capture)`,
      node: process.version,
      os: `${process.platform} ${release()}`,
      cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
      loadavgStart: loadAtStart,
      loadavgEnd: load(),
      network: 'loopback-only network namespace; Kamailio 5.6 (WebSocket), the caller is a bare sip.js page (WebRTC both ends, no rtpengine), ICE host candidates only',
      tones: `caller ${CALLER_HZ} Hz, callee ${AGENT_HZ} Hz; detected by AnalyserNode (fftSize 8192, 10 ms polls, 3 in a row) on the remote stream in each page`,
      clocks: { what: 'performance.timeOrigin + performance.now() in each page; each page minus this process, ms (lab/browser/clock.ts)', ...skews },
    },
  };
}

const line = (name: string, s: ReturnType<typeof stats>): string => `${name.padEnd(46)} median ${String(s.median).padStart(6)} ms  p95 ${String(s.p95).padStart(6)} ms  min ${s.min}  max ${s.max}  (n ${s.n})`;

function report(complete: boolean): void {
  type Side = Record<string, ReturnType<typeof stats>> & { phases: unknown };
  const r = result(complete) as { ours: Side; peer: Side; ratioMedian: number; targets: Record<string, unknown> };
  console.log(line('ours: INVITE → both tones', r.ours.inviteToBothTones!));
  console.log(line('peer: INVITE → both tones', r.peer.inviteToBothTones!));
  console.log(line('ours: INVITE → caller hears / agent hears', r.ours.inviteToCallerHears!) + ` / ${r.ours.inviteToAgentHears!.median} ms`);
  console.log(line('peer: INVITE → caller hears / peer hears', r.peer.inviteToCallerHears!) + ` / ${r.peer.inviteToPeerHears!.median} ms`);
  console.log(line('ours: INVITE arrival → ringing UI', r.ours.ringingUi!));
  console.log(line('ours: INVITE arrival → ringing UI painted', r.ours.ringingUiPainted!));
  console.log(`where the time goes (medians, ms from the INVITE): ours ${JSON.stringify(r.ours.phases)}`);
  console.log(`                                               peer ${JSON.stringify(r.peer.phases)}`);
  console.log(`ratio ours / peer (medians): ${r.ratioMedian}   targets: ${JSON.stringify(r.targets)}   load ${load().join(' ')}`);
  console.log(JSON.stringify(result(complete)));
}

async function measure(rig: Rig, n: number, keep: boolean): Promise<void> {
  for (let i = 0; i < n; i++) {
    // ABBA: ours first in even pairs, the peer first in odd ones
    const order = i % 2 === 0 ? (['ours', 'peer'] as const) : (['peer', 'ours'] as const);
    for (const kind of order) {
      try {
        const s = kind === 'ours' ? await oursCall(rig) : await peerCall(rig);
        if (keep) samples[kind].push(s);
      } catch (e) {
        errors.push(`${kind} call ${i + 1}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        console.error(`bench:call: ${errors.at(-1)}`);
      }
      await sleep(SETTLE_MS);
    }
    if (keep && (i + 1) % 5 === 0) console.log(`bench:call: ${i + 1}/${n} pairs, load ${load().join(' ')}`);
  }
}

async function main(): Promise<void> {
  const started: { rig?: Rig } = {};
  const deadline = setTimeout(() => {
    console.error(`bench:call did not finish within ${DEADLINE_MS / 1000} s: printing what was measured`);
    report(false);
    // the namespace runner (scripts/lab-netns.sh) kills whatever is left once we exit
    void (started.rig?.close() ?? Promise.resolve()).finally(() => process.exit(2));
    setTimeout(() => process.exit(2), 10_000).unref();
  }, DEADLINE_MS);
  deadline.unref();
  const rig = await startRig((s) => console.log(s));
  started.rig = rig;
  chromiumVersion = rig.caller.browser.version();
  skews = { ours: await pageSkew(rig.ours.page), peer: await pageSkew(rig.peer.page), caller: await pageSkew(rig.caller.page) };
  try {
    console.log(`bench:call: ${WARMUP} warm-up calls each, then ${CALLS} each, interleaved`);
    await measure(rig, WARMUP, false);
    await measure(rig, CALLS, true);
  } finally {
    clearTimeout(deadline);
    await rig.close();
  }
  report(true);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
