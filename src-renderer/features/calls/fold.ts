/**
 * A window's view of the phone: the engine's `phone:snapshot`, then every pushed event folded
 * with `applyPhoneEvent` (src-shared/calls/view.ts). Pure.
 *
 * Events can arrive before the snapshot's answer (the port is ordered: they are older than
 * the snapshot, or raced it by a microtask). They are applied only where that cannot move
 * the view backwards: a registration newer than the snapshot's, a call that ended, a record,
 * a call the snapshot does not know yet.
 */
import { applyPhoneEvent, callRecordOf, isConnected, moveCall, type Call, type CallRecord, type PhoneEventMessage, type PhoneSnapshot } from '../../../src-shared/calls';

/** Before any snapshot: stopped, no calls. */
export const EMPTY_VIEW: PhoneSnapshot = { registration: { status: 'stopped', since: 0 }, calls: [], devices: {}, records: [] };

/** The snapshot with the events that arrived before its answer. */
export function viewAfterSnapshot(snapshot: PhoneSnapshot, early: readonly PhoneEventMessage[]): PhoneSnapshot {
  const known = new Set(snapshot.calls.map((c) => c.id));
  let view = snapshot;
  for (const msg of early) {
    switch (msg.event) {
      case 'phone:registration': {
        const r = (msg as PhoneEventMessage<'phone:registration'>).payload;
        if (r.since > view.registration.since) view = applyPhoneEvent(view, msg);
        break;
      }
      case 'call:created':
      case 'call:changed': {
        const c = (msg as PhoneEventMessage<'call:changed'>).payload;
        if (!known.has(c.id)) view = applyPhoneEvent(view, msg);
        break;
      }
      case 'call:ended':
        known.add((msg as PhoneEventMessage<'call:ended'>).payload.id);
        view = applyPhoneEvent(view, msg);
        break;
      default:
        view = applyPhoneEvent(view, msg);
    }
  }
  return view;
}

/** The connected calls of `view` that have a confirmed dialog (the only ones a BYE can end). */
export const connectedCalls = (view: PhoneSnapshot): Call[] => view.calls.filter((c) => c.dialog && isConnected(c.state));

/**
 * The engine died (its window's or frame's process crashed or hung; the host starts a new one):
 * its registration and its calls went with it. The view says so at once, registration down and
 * no calls, and every call that was live ends as `failed`, with the record the dead engine can
 * no longer give (the call log keeps every call, one cut off too). The connected ones are answered
 * too (`cut`): their far ends still hold them, and the next engine ends their dialogs.
 */
export function viewAfterEngineLost(view: PhoneSnapshot, now: number): { view: PhoneSnapshot; records: CallRecord[]; cut: Call[] } {
  const records = view.calls.flatMap((c) => {
    const ended = moveCall(c, { type: 'end', reason: 'failed' }, now);
    const record = ended ? callRecordOf(ended) : undefined;
    return record ? [record] : [];
  });
  // the far ends of the connected calls still hold them: the next engine ends them (engine/dialogs.ts)
  return { view: { ...view, calls: [], registration: { status: 'down', since: now, reason: 'transport', attempt: 0 } }, records, cut: connectedCalls(view) };
}
