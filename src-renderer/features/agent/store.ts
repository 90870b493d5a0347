/**
 * The agent feature's zustand store (the only one here): the agent state (src-shared/agent,
 * moved only by `agentStep` in agent.ts), the desk's Not Ready reasons, the last refusal or
 * failed check to explain, the detailed preflight, and how presence reporting fares. The
 * state is kept in sessionStorage per agent, so a window reload keeps Ready / Not Ready.
 */
import { create } from 'zustand';
import { initialAgentState, type AgentRefusal, type AgentState } from '../../../src-shared/agent';
import type { Preflight } from '../../../src-shared/calls';
import type { PresenceDelivery } from './presence';
import { DEFAULT_REASONS, type NotReadyReason } from './reasons';

/** Why the last request was not done: the machine's refusal, or the preflight could not run. */
export type Refusal = { code: AgentRefusal | 'CHECK_FAILED'; message: string };

type AgentUi = {
  userId: string | null;
  state: AgentState;
  reasons: readonly NotReadyReason[];
  lastReason: string | null;
  refusal: Refusal | null;
  preflight: Preflight | null;
  checking: boolean;
  delivery: PresenceDelivery;
};

const initial = (): AgentUi => ({
  userId: null,
  state: initialAgentState(Date.now()),
  reasons: DEFAULT_REASONS,
  lastReason: null,
  refusal: null,
  preflight: null,
  checking: false,
  delivery: { state: 'idle' },
});

export const useAgentStore = create<AgentUi>()(() => initial());

const get = () => useAgentStore.getState();

export const getAgent = (): AgentUi => get();
export const patchAgent = (p: Partial<AgentUi>): void => useAgentStore.setState(p);
export const resetAgent = (): void => useAgentStore.setState(initial());

const key = (userId: string): string => `firstline.agent.${userId}`;

/** The agent's state from before a reload of this window (same browser session), if any. */
export const restoredState = (userId: string): { state: AgentState; lastReason: string | null } | null => {
  try {
    const raw = sessionStorage.getItem(key(userId));
    if (!raw) return null;
    const v = JSON.parse(raw) as { state?: AgentState; lastReason?: string | null };
    if (!v.state || typeof v.state.since !== 'number' || typeof v.state.status?.name !== 'string') return null;
    return { state: v.state, lastReason: v.lastReason ?? null };
  } catch {
    return null;
  }
};

export const keepState = (): void => {
  const s = get();
  if (!s.userId) return;
  try {
    sessionStorage.setItem(key(s.userId), JSON.stringify({ state: s.state, lastReason: s.lastReason }));
  } catch {
    // storage blocked: a reload starts Not Ready
  }
};

export const forgetState = (userId: string): void => {
  try {
    sessionStorage.removeItem(key(userId));
  } catch {
    // nothing kept
  }
};
