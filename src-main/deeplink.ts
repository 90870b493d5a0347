/**
 * tel:/sip: links handed to us by the OS — through argv on Windows and Linux
 * (first launch and `second-instance`), through `open-url` on macOS — reduced
 * to a `DialRequest`, or null for anything that is not plainly dialable.
 * Any web page can fire such a link, so the result is only ever *proposed* to
 * the agent; nothing here dials.
 */
import type { DialRequest } from '../src-shared/host/contract';

const MAX_URL = 512;
const MAX_DIGITS = 32;

const decode = (s: string): string | null => {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
};

// Any C0 control character or DEL makes a link junk.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/** `tel:` (RFC 3966): a global (`+…`) or local number; visual separators and parameters (`;ext=`, `;phone-context=`) dropped. */
const parseTel = (rest: string): DialRequest | null => {
  const decoded = decode(rest.replace(/^\/\//, ''));
  if (decoded === null) return null;
  const number = (decoded.split(';')[0] ?? '').replace(/[\s\-.()/]/g, '');
  return new RegExp(`^\\+?[0-9*#]{1,${MAX_DIGITS}}$`).test(number) ? { scheme: 'tel', number } : null;
};

const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,#]{1,64}$/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const SIP_HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9A-Fa-f:.]{2,45}\\])(?::(\\d{1,5}))?$`);

/** `sip:user@host[:port]` (RFC 3261); URI parameters and headers dropped, passwords refused. */
const parseSip = (rest: string): DialRequest | null => {
  const body = rest.replace(/^\/\//, '').split('?')[0] ?? '';
  const at = body.indexOf('@');
  if (at <= 0) return null;
  const userPart = body.slice(0, at).split(';')[0] ?? '';
  if (userPart.includes(':')) return null;
  const user = decode(userPart);
  const host = (body.slice(at + 1).split(';')[0] ?? '').toLowerCase();
  if (user === null || !SIP_USER.test(user)) return null;
  const hostMatch = SIP_HOST.exec(host);
  if (!hostMatch) return null;
  const port = hostMatch[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return null;
  return { scheme: 'sip', uri: `sip:${user.replace(/#/g, '%23')}@${host}`, user, host };
};

/** Parses one tel:/sip: URL; null for junk (other schemes, letters in numbers, control characters, oversize). */
export const parseDialUrl = (raw: string): DialRequest | null => {
  if (typeof raw !== 'string' || raw.length > MAX_URL) return null;
  const match = /^(tel|sip):(.*)$/is.exec(raw.trim());
  if (!match?.[1] || match[2] === undefined) return null;
  const rest = match[2];
  if (CONTROL.test(rest) || CONTROL.test(decode(rest) ?? '')) return null;
  return match[1].toLowerCase() === 'tel' ? parseTel(rest) : parseSip(rest);
};

/** The first tel:/sip: argument on a command line (Windows/Linux protocol launch), parsed. */
export const dialFromArgv = (argv: readonly string[]): DialRequest | null => {
  const link = argv.find((arg) => /^(tel|sip):/i.test(arg));
  return link === undefined ? null : parseDialUrl(link);
};
