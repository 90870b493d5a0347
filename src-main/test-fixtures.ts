/** Fixtures for src-main's unit tests (not imported by product code). */
import type { Mutation } from '../src-shared/sync/mutations';
import { setLogSinks } from './log';

export const APP_ORIGIN = 'http://127.0.0.1:4780';
export const APP_URL = `${APP_ORIGIN}/`;

const CLIENT = '0190a0a0-0000-7000-8000-000000000001';
const TICKET = '0190a0a0-0000-7000-8000-000000000002';

/** A valid `addNote` mutation with sequence number `seq` (its id derives from seq). */
export const note = (seq: number, body = `note ${seq}`): Mutation => ({
  id: `0190a0a0-0000-7000-8000-${seq.toString(16).padStart(12, '0')}`,
  clientId: CLIENT,
  seq,
  at: '2025-03-01T08:00:00.000Z',
  ticketId: TICKET,
  kind: 'addNote',
  noteId: `0190a0a0-0000-7000-9000-${seq.toString(16).padStart(12, '0')}`,
  body,
});

/** Sends log lines to an array instead of stderr, for the file that calls it; returns the array. */
export const captureLogs = (): string[] => {
  const lines: string[] = [];
  setLogSinks([(line) => void lines.push(line)]);
  return lines;
};
