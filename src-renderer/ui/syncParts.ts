import type { SyncStatus } from '../../src-shared/sync/status';

/** One piece of the sync indicator's text: the connection, then each non-zero count. */
export type SyncPart =
  | { key: 'online' | 'offline' | 'syncing' | 'signed_out'; tone: 'ok' | 'warn' | 'busy' | 'bad' }
  | { key: 'waiting' | 'conflicts' | 'rejected'; count: number; tone: 'warn' | 'bad' };

const CONNECTION_TONE = { online: 'ok', offline: 'warn', syncing: 'busy', signed_out: 'bad' } as const;

/** What the indicator says, in order. It never hides a count that is not zero. */
export const syncParts = (s: SyncStatus): SyncPart[] => {
  const parts: SyncPart[] = [{ key: s.connection, tone: CONNECTION_TONE[s.connection] }];
  if (s.waiting > 0) parts.push({ key: 'waiting', count: s.waiting, tone: 'warn' });
  if (s.conflicts > 0) parts.push({ key: 'conflicts', count: s.conflicts, tone: 'bad' });
  if (s.rejected > 0) parts.push({ key: 'rejected', count: s.rejected, tone: 'bad' });
  return parts;
};
