import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseTone, makeToneWav, readWav } from './tone';

const dir = mkdtempSync(join(tmpdir(), 'firstline-tone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tone files and the Goertzel detector', () => {
  it('finds the tone sox wrote and not its neighbours', () => {
    const wav = readWav(makeToneWav(join(dir, '660.wav'), 660, { seconds: 2 }));
    expect(wav.sampleRate).toBe(48_000);
    expect(wav.channels).toBe(1);
    expect(wav.samples.length).toBe(96_000);
    const hit = analyseTone(wav, 660);
    expect(hit.framesWithTone).toBe(hit.frames);
    expect(hit.peakDbfs).toBeGreaterThan(-7);
    expect(hit.peakDbfs).toBeLessThan(-5); // vol 0.5 = -6 dBFS
    expect(analyseTone(wav, 440).framesWithTone).toBe(0);
    expect(analyseTone(wav, 880).framesWithTone).toBe(0);
  });

  it('handles 8 kHz recordings like baresip G.711 dumps', () => {
    const wav = readWav(makeToneWav(join(dir, '440-8k.wav'), 440, { seconds: 1, rate: 8000, volume: 0.1 }));
    expect(analyseTone(wav, 440).secondsWithTone).toBeCloseTo(1, 5);
    expect(analyseTone(wav, 660).framesWithTone).toBe(0);
  });

  it('does not find a tone in silence', () => {
    const wav = readWav(makeToneWav(join(dir, 'quiet.wav'), 440, { seconds: 1, volume: 0 }));
    expect(analyseTone(wav, 440).framesWithTone).toBe(0);
  });
});
