import { describe, expect, it } from 'vitest';
import { DEFAULT_TOUCHPOINTS, isKnownTouchpoint, parseTouchpoint } from './touchpoint';

describe('touchpoint codes', () => {
  it('splits channel, brand, business and its kind', () => {
    expect(parseTouchpoint('AB5002')).toEqual({ channel: 'A', brand: 'B', business: '5002', kind: '5' });
  });

  it('refuses codes not of the form channel + brand + 4 digits with kind 1–5', () => {
    for (const bad of ['', 'A4001', 'AA400', 'AA40011', 'aa4001', 'AA6001', 'AA0001']) expect(parseTouchpoint(bad)).toBeNull();
  });

  it('knows the hotline defaults and refuses codes outside the desk lists', () => {
    expect(isKnownTouchpoint('AA4001', DEFAULT_TOUCHPOINTS)).toBe(true);
    expect(isKnownTouchpoint('CE5001', DEFAULT_TOUCHPOINTS)).toBe(true);
    expect(isKnownTouchpoint('DA4001', DEFAULT_TOUCHPOINTS)).toBe(false);
    expect(isKnownTouchpoint('AA4999', DEFAULT_TOUCHPOINTS)).toBe(false);
  });
});
