import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_MATRIX, LEVELS, priorityOf, type PriorityMatrix } from './priority';

describe('priority from impact × urgency', () => {
  it('gives P1 for high impact and high urgency, P4 for low and low', () => {
    expect(priorityOf('high', 'high')).toBe('P1');
    expect(priorityOf('low', 'low')).toBe('P4');
  });

  it('never lowers priority when impact or urgency rises', () => {
    const rank = (p: string) => Number(p.slice(1));
    for (const i of LEVELS)
      for (let u = 1; u < LEVELS.length; u++) {
        expect(rank(priorityOf(i, LEVELS[u - 1]!))).toBeLessThanOrEqual(rank(priorityOf(i, LEVELS[u]!)));
        expect(rank(priorityOf(LEVELS[u - 1]!, i))).toBeLessThanOrEqual(rank(priorityOf(LEVELS[u]!, i)));
      }
  });

  it('uses the desk matrix when one is given', () => {
    const desk: PriorityMatrix = { ...DEFAULT_PRIORITY_MATRIX, low: { high: 'P2', medium: 'P3', low: 'P4' } };
    expect(priorityOf('low', 'high', desk)).toBe('P2');
    expect(priorityOf('low', 'high')).toBe('P3');
  });
});
