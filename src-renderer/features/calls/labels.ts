/** Names of things on calls in the interface language (pure). */
import type { Call } from '../../../src-shared/calls';
import type { Language } from '../../i18n';
import { localName } from '../../ui/format';
import type { DeskQueue } from './desk';

/** A queue number with the desk's name for it, e.g. "咨询 8001"; the bare number when the desk does not name it. */
export const queueName = (number: string, queues: readonly DeskQueue[], lang: Language): string => {
  const q = queues.find((x) => x.number === number);
  return q ? `${localName(q, lang)} ${q.number}` : number;
};

/** What the call bar says of a call's route: its queue, else "Direct" (inbound) or "Outgoing". */
export const routeLabel = (call: Pick<Call, 'direction' | 'queue'>, queues: readonly DeskQueue[], lang: Language, words: { direct: string; outgoing: string }): string => {
  if (call.direction === 'outbound') return words.outgoing;
  return call.queue !== undefined ? queueName(call.queue, queues, lang) : words.direct;
};

const PHONE_ERROR_CODES = [
  'BAD_REQUEST',
  'NOT_CONFIGURED',
  'NO_CREDENTIALS',
  'NOT_REGISTERED',
  'NO_SUCH_CALL',
  'INVALID_MOVE',
  'PENDING',
  'BAD_TARGET',
  'BAD_DIGITS',
  'MEDIA_FAILED',
  'DEVICE_NOT_FOUND',
  'SIP_FAILED',
  'TRANSFER_FAILED',
  'INTERNAL',
] as const;
export type KnownPhoneError = (typeof PHONE_ERROR_CODES)[number];

/** A phone error code we have words for (else the generic "Phone error CODE."). */
export const knownPhoneError = (code: string): KnownPhoneError | null => PHONE_ERROR_CODES.find((c) => c === code) ?? null;
