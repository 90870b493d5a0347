import { describe, expect, it } from 'vitest';
import { UUID_RE } from '../../src-shared/ids';
import { fastId } from './ids';

describe('fastId', () => {
  it('makes distinct, valid version-7 UUIDs carrying the time, across pool refills', () => {
    const at = Date.UTC(2026, 11, 2, 8, 30, 0, 123);
    const ids = Array.from({ length: 3000 }, () => fastId(at));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) {
      expect(id).toMatch(UUID_RE);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    }
  });
});
