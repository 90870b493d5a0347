/**
 * The sync feature's zustand store (the only one in this feature): the status the indicator
 * shows, and the workstation (cache + engine + commands) of the signed-in agent.
 */
import { create } from 'zustand';
import { INITIAL_SYNC_STATUS, type SyncStatus } from '../../../src-shared/sync/status';
import type { Workstation } from './workstation';

type SyncState = {
  status: SyncStatus;
  workstation: Workstation | null;
};

export const useSyncStore = create<SyncState>()(() => ({ status: INITIAL_SYNC_STATUS, workstation: null }));

export const setSyncStatus = (status: SyncStatus): void => useSyncStore.setState({ status });
export const setWorkstation = (workstation: Workstation | null): void =>
  useSyncStore.setState(workstation ? { workstation } : { workstation: null, status: INITIAL_SYNC_STATUS });
export const getWorkstation = (): Workstation | null => useSyncStore.getState().workstation;
export const getSyncStatus = (): SyncStatus => useSyncStore.getState().status;
