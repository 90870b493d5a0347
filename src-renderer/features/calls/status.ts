/**
 * What the phone status chip says, from the desk's telephony status and the engine's
 * registration. Pure (the i18n key and its tone), so the wording is decided in one place.
 */
import type { Registration } from '../../../src-shared/calls';
import type { TelephonyStatus } from './store';

export type PhoneStatusKey =
  | 'off'
  | 'loading'
  | 'not_configured'
  | 'unreachable'
  | 'invalid'
  | 'engine_unavailable'
  | 'stopped'
  | 'connecting'
  | 'registering'
  | 'registered'
  | 'down';

export type PhoneStatusView = {
  key: PhoneStatusKey;
  tone: 'ok' | 'busy' | 'warn' | 'bad' | 'neutral';
  /** down: seconds until the next attempt, when one is planned. */
  seconds?: number;
  /** down: why (an i18n key under phone.downReason). */
  reason?: 'transport' | 'rejected' | 'credentials';
};

/** The chip: the engine's registration once the desk's config is in, else why there is none. */
export function phoneStatusOf(t: TelephonyStatus, r: Registration, now: number): PhoneStatusView {
  // a window reconnecting to a running engine: the registration is the truth
  if (t.kind !== 'configured' && r.status !== 'stopped' && t.kind !== 'off' && t.kind !== 'engine_unavailable') return fromRegistration(r, now);
  switch (t.kind) {
    case 'off':
      return { key: 'off', tone: 'neutral' };
    case 'loading':
      return { key: 'loading', tone: 'busy' };
    case 'not_configured':
      return { key: 'not_configured', tone: 'neutral' };
    case 'unreachable':
      return { key: 'unreachable', tone: 'warn' };
    case 'invalid':
      return { key: 'invalid', tone: 'bad' };
    case 'engine_unavailable':
      return { key: 'engine_unavailable', tone: 'bad' };
    case 'configured':
      return fromRegistration(r, now);
  }
}

function fromRegistration(r: Registration, now: number): PhoneStatusView {
  switch (r.status) {
    case 'stopped':
      return { key: 'stopped', tone: 'neutral' };
    case 'connecting':
      return { key: 'connecting', tone: 'busy' };
    case 'registering':
      return { key: 'registering', tone: 'busy' };
    case 'registered':
      return { key: 'registered', tone: 'ok' };
    case 'down': {
      if (r.retryInMs === undefined) return { key: 'down', tone: 'bad', reason: r.reason };
      const seconds = Math.max(0, Math.ceil((r.since + r.retryInMs - now) / 1000));
      return seconds > 0 ? { key: 'down', tone: 'bad', seconds, reason: r.reason } : { key: 'down', tone: 'bad', reason: r.reason };
    }
  }
}
