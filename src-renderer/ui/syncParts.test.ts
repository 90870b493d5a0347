import { describe, expect, it } from 'vitest';
import { INITIAL_SYNC_STATUS } from '../../src-shared/sync/status';
import { syncParts } from './syncParts';

describe('syncParts', () => {
  it('shows only the connection when nothing waits', () => {
    expect(syncParts({ ...INITIAL_SYNC_STATUS, connection: 'online' }).map((p) => p.key)).toEqual(['online']);
  });

  it('shows every non-zero count after the connection', () => {
    const parts = syncParts({ connection: 'offline', waiting: 3, conflicts: 1, rejected: 2, lastSyncedAt: null });
    expect(parts).toEqual([
      { key: 'offline', tone: 'warn' },
      { key: 'waiting', count: 3, tone: 'warn' },
      { key: 'conflicts', count: 1, tone: 'bad' },
      { key: 'rejected', count: 2, tone: 'bad' },
    ]);
  });

  it('says syncing while a push or pull runs', () => {
    expect(syncParts({ ...INITIAL_SYNC_STATUS, connection: 'syncing', waiting: 1 }).map((p) => p.key)).toEqual(['syncing', 'waiting']);
  });
});
