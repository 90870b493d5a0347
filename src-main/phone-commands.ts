/**
 * What a global shortcut means for the phone right now: which engine request,
 * on which call. Pure: decided from main's {@link PhoneState}; the engine still
 * checks every move against its call-state machine.
 *
 * - answer: the oldest call ringing here;
 * - hang up: the current call (see `currentCall`: never a held caller, never a ringing call);
 * - mute: toggles mute on the current call;
 * - ready/not ready: not the engine's to decide (the agent state, its desk
 *   reasons and presence live in the UI): handed to the UI pages instead.
 */
import type { HotkeyAction } from '../src-shared/host/contract';
import type { PhoneRequestChannel } from '../src-shared/calls/protocol';
import { currentCall, ringingCalls, type PhoneState } from './phone-state';

/** An engine request to send, or an action for the UI pages, or nothing to do (and why). */
export type HotkeyCommand =
  | { to: 'engine'; channel: Extract<PhoneRequestChannel, 'call:answer' | 'call:hangup'>; arg: { callId: string } }
  | { to: 'engine'; channel: 'call:mute'; arg: { callId: string; muted: boolean } }
  | { to: 'ui'; action: HotkeyAction }
  | { to: 'none'; why: string };

export const commandFor = (action: HotkeyAction, state: PhoneState): HotkeyCommand => {
  switch (action) {
    case 'answer': {
      const call = ringingCalls(state)[0];
      return call ? { to: 'engine', channel: 'call:answer', arg: { callId: call.id } } : { to: 'none', why: 'no call is ringing' };
    }
    case 'hangup': {
      const call = currentCall(state);
      return call ? { to: 'engine', channel: 'call:hangup', arg: { callId: call.id } } : { to: 'none', why: 'no current call' };
    }
    case 'mute': {
      const call = currentCall(state);
      return call ? { to: 'engine', channel: 'call:mute', arg: { callId: call.id, muted: !call.muted } } : { to: 'none', why: 'no current call' };
    }
    case 'ready-toggle':
      return { to: 'ui', action };
  }
};
