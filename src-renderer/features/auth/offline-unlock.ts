/**
 * Offline sign-in (DESIGN §2): after one online sign-in, the same password unlocks this
 * workstation during an outage. The password goes through PBKDF2-SHA256 (WebCrypto, a
 * random salt, 600,000 iterations by default) into an AES-GCM key; the server's answer
 * (token, expiry, user, desk) is kept encrypted under that key, bound to the work number.
 * A wrong password fails to decrypt: there is no separate hash to compare.
 */
import type { SignInResponse } from '../../../src-shared/api';
import { err, ok, type Result } from '../../../src-shared/result';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; never below 200,000. */
export const PBKDF2_ITERATIONS = 600_000;
const MIN_ITERATIONS = 200_000;

/** What is stored per work number (all binary fields base64). */
export type OfflineRecord = {
  v: 1;
  workNumber: string;
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  iv: string;
  ciphertext: string;
  savedAt: string;
};

/** The part of Web Storage used here (localStorage in the product, a Map in tests). */
export type KeyValueStorage = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

const enc = new TextEncoder();
const dec = new TextDecoder();

const toB64 = (b: Uint8Array): string => btoa(String.fromCharCode(...b));
const fromB64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

const deriveKey = async (password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> => {
  const material = await crypto.subtle.importKey('raw', enc.encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
};

/** Encrypts the sign-in answer under a key derived from the password (fresh salt and IV each time). */
export const sealOffline = async (
  workNumber: string,
  password: string,
  signIn: SignInResponse,
  iterations = PBKDF2_ITERATIONS,
): Promise<OfflineRecord> => {
  const rounds = Math.max(iterations, MIN_ITERATIONS);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(password, salt, rounds);
  const plain = enc.encode(JSON.stringify(signIn));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(workNumber) }, key, plain);
  return {
    v: 1,
    workNumber,
    kdf: 'PBKDF2-SHA256',
    iterations: rounds,
    salt: toB64(salt),
    iv: toB64(iv),
    ciphertext: toB64(new Uint8Array(ct)),
    savedAt: new Date().toISOString(),
  };
};

const WRONG = err('BAD_CREDENTIALS', 'Wrong password: it does not match the one last used to sign in on this workstation.');

/** Decrypts a record with the password; a wrong password answers BAD_CREDENTIALS. */
export const openOffline = async (record: OfflineRecord, password: string): Promise<Result<SignInResponse>> => {
  let plain: ArrayBuffer;
  try {
    const key = await deriveKey(password, fromB64(record.salt), record.iterations);
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromB64(record.iv), additionalData: enc.encode(record.workNumber) }, key, fromB64(record.ciphertext));
  } catch {
    return WRONG;
  }
  try {
    return ok(JSON.parse(dec.decode(plain)) as SignInResponse);
  } catch {
    return err('INTERNAL', 'The offline sign-in record on this workstation is damaged; sign in online once to renew it.');
  }
};

const keyOf = (workNumber: string): string => `firstline.offline.${workNumber}`;

const isRecord = (v: unknown): v is OfflineRecord =>
  typeof v === 'object' &&
  v !== null &&
  'v' in v &&
  v.v === 1 &&
  ['workNumber', 'salt', 'iv', 'ciphertext'].every((k) => typeof (v as Record<string, unknown>)[k] === 'string') &&
  'iterations' in v &&
  typeof v.iterations === 'number';

/** Stores the record for its work number (replacing an older one). */
export const saveOfflineRecord = (storage: KeyValueStorage, record: OfflineRecord): void =>
  storage.setItem(keyOf(record.workNumber), JSON.stringify(record));

/** The record for a work number, or null when this workstation has none (or it is unreadable). */
export const loadOfflineRecord = (storage: KeyValueStorage, workNumber: string): OfflineRecord | null => {
  try {
    const raw = storage.getItem(keyOf(workNumber));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isRecord(parsed) && parsed.workNumber === workNumber ? parsed : null;
  } catch {
    return null;
  }
};

/** Forgets the offline sign-in of a work number (e.g. the account was disabled). */
export const forgetOfflineRecord = (storage: KeyValueStorage, workNumber: string): void => storage.removeItem(keyOf(workNumber));
