import { describe, expect, it } from 'vitest';
import { ephemeralPassword, issueEphemeralCredential, verifyEphemeralCredential } from './credentials';

describe('ephemeral SIP credentials (auth_ephemeral format)', () => {
  it('matches an independently computed HMAC-SHA1 vector', () => {
    // printf '%s' '1700000000:alice' | openssl dgst -sha1 -hmac 's3cret' -binary | base64
    expect(ephemeralPassword('s3cret', '1700000000:alice')).toBe('TtElzSjT0GdnTQ9xdcRNxx96yQs=');
  });

  it('puts the expiry first and the user second', () => {
    const c = issueEphemeralCredential('s3cret', 'alice', 600, 1_700_000_000_500);
    expect(c).toEqual({ username: '1700000600:alice', password: ephemeralPassword('s3cret', '1700000600:alice'), ttl: 600, expiresAt: 1_700_000_600 });
  });

  it('verifies its own credentials until they expire', () => {
    const now = 1_700_000_000_000;
    const c = issueEphemeralCredential('k', 'bob', 60, now);
    expect(verifyEphemeralCredential('k', c.username, c.password, now + 59_000)).toEqual({ ok: true, user: 'bob', expiresAt: c.expiresAt });
    expect(verifyEphemeralCredential('k', c.username, c.password, now + 60_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses another secret, a changed user and malformed names', () => {
    const now = 1_700_000_000_000;
    const c = issueEphemeralCredential('k', 'bob', 60, now);
    expect(verifyEphemeralCredential('other', c.username, c.password, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyEphemeralCredential('k', c.username.replace('bob', 'eve'), c.password, now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyEphemeralCredential('k', 'bob', c.password, now)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyEphemeralCredential('k', 'x1:bob', c.password, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects bad inputs when issuing', () => {
    expect(() => issueEphemeralCredential('', 'a', 60, 0)).toThrow();
    expect(() => issueEphemeralCredential('k', 'a:b', 60, 0)).toThrow();
    expect(() => issueEphemeralCredential('k', 'a', 0, 0)).toThrow();
  });
});
