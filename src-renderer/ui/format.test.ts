import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('formatDuration', () => {
  it('reads like a clock', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(7_400)).toBe('0:07');
    expect(formatDuration(59_999)).toBe('0:59');
    expect(formatDuration(60_000)).toBe('1:00');
    expect(formatDuration(12 * 60_000 + 30_000)).toBe('12:30');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('never goes below zero (a clock a little ahead of the engine)', () => {
    expect(formatDuration(-1500)).toBe('0:00');
  });
});
