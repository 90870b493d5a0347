import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseTone, readWav } from './audio/tone';
import type { Baresip } from './baresip/baresip';
import { start, type Lab } from './lab';
import { sleep } from './proc';
import { runSipp, scenario } from './sipp/sipp';

let lab: Lab;
let a: Baresip;
let b: Baresip;

beforeAll(async () => {
  lab = await start({ page: false });
  [a, b] = await Promise.all([
    lab.addPhone({ name: 'alice', toneHz: 440, answer: 'manual' }),
    lab.addPhone({ name: 'bob', toneHz: 880, answer: 'auto' }),
  ]);
});
afterAll(async () => {
  await lab?.stop();
});

const heard = (p: Baresip, hz: number) => {
  const rec = p.recordings('dec').at(-1);
  if (!rec) throw new Error(`${p.options.name} recorded nothing`);
  return analyseTone(readWav(rec), hz);
};

describe('plain SIP phones through Kamailio', () => {
  it('baresip A (440 Hz) calls registered baresip B (880 Hz): each hears the other', async () => {
    const fromA = a.events.length;
    const fromB = b.events.length;
    await a.dial(lab.uri('bob'));
    await a.waitFor('CALL_ESTABLISHED', 10_000, fromA);
    await b.waitFor('CALL_ESTABLISHED', 10_000, fromB);
    await sleep(2000);
    await a.hangup();
    await b.waitFor('CALL_CLOSED', 10_000, fromB);
    await a.waitFor('CALL_CLOSED', 10_000, fromA);
    const bHeard = heard(b, 440);
    const aHeard = heard(a, 880);
    expect(bHeard.secondsWithTone, JSON.stringify(bHeard)).toBeGreaterThanOrEqual(1);
    expect(aHeard.secondsWithTone, JSON.stringify(aHeard)).toBeGreaterThanOrEqual(1);
    // and not their own tone
    expect(heard(b, 880).framesWithTone).toBe(0);
    expect(heard(a, 440).framesWithTone).toBe(0);
  });
});

describe('DTMF', () => {
  it('e: sipp calls baresip through Kamailio and sends digits by SIP INFO; baresip reports them', async () => {
    const from = b.events.length;
    const res = await runSipp(lab, scenario('dtmf-info'), 'bob', { d1: '1', d2: '5', d3: '9', d4: '#' });
    expect(res.exitCode, res.output.slice(-2000)).toBe(0);
    await b.waitFor('CALL_CLOSED', 10_000, from);
    const digits = b.events
      .slice(from)
      .filter((e) => e.type === 'CALL_DTMF_START')
      .map((e) => e.param)
      .join('');
    expect(digits).toBe('159#');
  });
});
