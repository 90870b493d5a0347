/** The auth feature's zustand store (the only one here): who is signed in, and how. */
import { create } from 'zustand';
import type { SessionUser } from '../../../src-shared/api';

/** `online`: the desk server confirmed the password; `offline`: unlocked locally during an outage. */
export type Session = { state: 'signed_out' } | { state: 'signed_in'; user: SessionUser; deskId: string; mode: 'online' | 'offline' };

export const SIGNED_OUT: Session = { state: 'signed_out' };

export const useSessionStore = create<{ session: Session }>()(() => ({ session: SIGNED_OUT }));

export const setSession = (session: Session): void => useSessionStore.setState({ session });
export const getSession = (): Session => useSessionStore.getState().session;
