/**
 * Passwords: salted scrypt (N = 2^15, r = 8, p = 1), compared in constant time.
 * Tokens: 32 random bytes, handed to the client once, stored only as their sha256.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LEN = 32;

const scrypt = (password: string, salt: Buffer, keyLen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, keyLen, { ...options, maxmem: 256 * options.N! * options.r! }, (e, key) => (e ? reject(e) : resolve(key)));
  });

export type PasswordHash = { hash: string; salt: string };

/** A new salted hash of `password` (`scrypt$N$r$p$<base64>` and a base64 salt). */
export const hashPassword = async (password: string): Promise<PasswordHash> => {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LEN, PARAMS);
  return { hash: `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${key.toString('base64')}`, salt: salt.toString('base64') };
};

/** Whether `password` matches the stored hash (constant-time compare; parameters read from the hash). */
export const verifyPassword = async (password: string, stored: PasswordHash): Promise<boolean> => {
  const [alg, n, r, p, b64] = stored.hash.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !b64) return false;
  const expected = Buffer.from(b64, 'base64');
  const key = await scrypt(password, Buffer.from(stored.salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
};

let dummy: Promise<PasswordHash> | undefined;
/** Spends the time of one verification, so an unknown work number answers as slowly as a wrong password. */
export const burnVerification = async (password: string): Promise<void> => {
  dummy ??= hashPassword('firstline-dummy-password');
  await verifyPassword(password, await dummy);
};

/** A new bearer token (43 url-safe characters). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** How a token is stored and looked up. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
