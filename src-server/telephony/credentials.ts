/**
 * Ephemeral SIP credentials, as Kamailio's `auth_ephemeral` module checks them
 * (username_format 1, sha_algorithm 0 — the module's defaults, after
 * draft-uberti-rtcweb-turn-rest):
 *
 *   username = "<expiry unix time, seconds>:<user>"
 *   password = base64(HMAC-SHA1(secret, username))
 *
 * The desk server shares `secret` with the SIP server and issues these to a
 * signed-in agent; nothing is stored per user on the SIP server. Pure: the
 * clock is a parameter. `lab/credentials.ts` re-exports this module (the lab
 * signs its own fixtures' credentials the same way).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the desk server hands to a softphone. */
export type EphemeralCredential = {
  /** `<expiry>:<user>`: the SIP digest username (`authorizationUsername` in sip.js). */
  username: string;
  /** base64(HMAC-SHA1(secret, username)): the digest password. */
  password: string;
  /** Seconds the credential stays valid from `nowMs`. */
  ttl: number;
  /** Unix time (seconds) after which the SIP server refuses it. */
  expiresAt: number;
};

/** base64(HMAC-SHA1(secret, username)) — the password for a given username. */
export function ephemeralPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username, 'utf8').digest('base64');
}

/**
 * Issues a credential for `user` valid `ttlSeconds` from `nowMs`.
 * `user` is the SIP user part (the To/From user of the agent's AOR); it must not
 * contain ':' (the separator) and must not be empty.
 */
export function issueEphemeralCredential(secret: string, user: string, ttlSeconds: number, nowMs: number): EphemeralCredential {
  if (secret.length === 0) throw new Error('ephemeral credentials: empty secret');
  if (user.length === 0 || user.includes(':')) throw new Error(`ephemeral credentials: bad user ${JSON.stringify(user)}`);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new Error(`ephemeral credentials: bad ttl ${ttlSeconds}`);
  const expiresAt = Math.floor(nowMs / 1000) + ttlSeconds;
  const username = `${expiresAt}:${user}`;
  return { username, password: ephemeralPassword(secret, username), ttl: ttlSeconds, expiresAt };
}

/** Why a credential was refused by {@link verifyEphemeralCredential}. */
export type EphemeralRefusal = 'malformed' | 'expired' | 'bad-signature';

/**
 * Checks a credential the way the SIP server does (useful for the desk server's
 * own endpoints and for tests): well-formed, not expired at `nowMs`, signed with `secret`.
 */
export function verifyEphemeralCredential(
  secret: string,
  username: string,
  password: string,
  nowMs: number,
): { ok: true; user: string; expiresAt: number } | { ok: false; reason: EphemeralRefusal } {
  const sep = username.indexOf(':');
  if (sep <= 0) return { ok: false, reason: 'malformed' };
  const stamp = username.slice(0, sep);
  const user = username.slice(sep + 1);
  if (!/^\d+$/.test(stamp) || user.length === 0) return { ok: false, reason: 'malformed' };
  const expiresAt = Number(stamp);
  if (expiresAt * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  const want = Buffer.from(ephemeralPassword(secret, username));
  const got = Buffer.from(password);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, reason: 'bad-signature' };
  return { ok: true, user, expiresAt };
}
