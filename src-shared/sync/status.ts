/**
 * What the sync indicator shows. It must always say the truth:
 * - `offline`: the desk server cannot be reached (`waiting` mutations are kept locally);
 * - `syncing`: a push or pull is under way;
 * - `online`: reachable and nothing waiting;
 * - `signed_out`: the server refused our token; the outbox waits for a new sign-in.
 * `rejected` and `conflicts` are shown whatever the connection.
 */
export type SyncStatus = {
  connection: 'online' | 'offline' | 'syncing' | 'signed_out';
  waiting: number;
  rejected: number;
  conflicts: number;
  lastSyncedAt: string | null;
};

export const INITIAL_SYNC_STATUS: SyncStatus = { connection: 'offline', waiting: 0, rejected: 0, conflicts: 0, lastSyncedAt: null };
