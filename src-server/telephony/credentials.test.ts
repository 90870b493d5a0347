import { describe, expect, it } from 'vitest';
import { ephemeralPassword, issueEphemeralCredential, verifyEphemeralCredential } from './credentials';

describe('ephemeral SIP credentials (Kamailio auth_ephemeral, username_format 1, HMAC-SHA1)', () => {
  it('matches an independently computed vector', () => {
    // printf '%s' '1700000000:alice' | openssl dgst -sha1 -hmac 's3cret' -binary | base64
    expect(ephemeralPassword('s3cret', '1700000000:alice')).toBe('TtElzSjT0GdnTQ9xdcRNxx96yQs=');
  });

  it('signs "<expiry>:<user>" for a UUID user and verifies until the expiry', () => {
    const user = '01a209ef-988f-7055-9a79-f8c8d3627fc9';
    const now = 1_700_000_000_250;
    const c = issueEphemeralCredential('k', user, 43_200, now);
    expect(c.username).toBe(`1700043200:${user}`);
    expect(verifyEphemeralCredential('k', c.username, c.password, now + 43_199_000)).toEqual({ ok: true, user, expiresAt: 1_700_043_200 });
    expect(verifyEphemeralCredential('k', c.username, c.password, now + 43_200_000)).toEqual({ ok: false, reason: 'expired' });
  });
});
