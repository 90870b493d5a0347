import { describe, expect, it } from 'vitest';
import { phoneStatusOf } from './status';

describe('the phone status chip', () => {
  const stopped = { status: 'stopped' as const, since: 0 };

  it('says why there is no phone before the engine registers', () => {
    expect(phoneStatusOf({ kind: 'not_configured' }, stopped, 0)).toEqual({ key: 'not_configured', tone: 'neutral' });
    expect(phoneStatusOf({ kind: 'unreachable', reason: 'x' }, stopped, 0).key).toBe('unreachable');
    expect(phoneStatusOf({ kind: 'loading' }, stopped, 0).key).toBe('loading');
  });

  it('follows the registration once configured', () => {
    expect(phoneStatusOf({ kind: 'configured' }, { status: 'registered', since: 1 }, 0)).toEqual({ key: 'registered', tone: 'ok' });
    expect(phoneStatusOf({ kind: 'configured' }, { status: 'connecting', since: 1, attempt: 0 }, 0).key).toBe('connecting');
  });

  it('counts down to the next attempt while telephony is down', () => {
    const down = { status: 'down' as const, since: 10_000, reason: 'transport' as const, retryInMs: 4000, attempt: 2 };
    expect(phoneStatusOf({ kind: 'configured' }, down, 11_200)).toEqual({ key: 'down', tone: 'bad', seconds: 3, reason: 'transport' });
    expect(phoneStatusOf({ kind: 'configured' }, down, 15_000)).toEqual({ key: 'down', tone: 'bad', reason: 'transport' });
  });

  it('shows a running engine’s registration while the desk is asked again (a window reload)', () => {
    expect(phoneStatusOf({ kind: 'loading' }, { status: 'registered', since: 1 }, 0).key).toBe('registered');
  });
});
