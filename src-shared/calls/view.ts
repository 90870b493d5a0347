/**
 * What a window shows of the phone, folded from the engine's events: start
 * from the `phone:snapshot` answer, then apply every pushed event. Pure, so a
 * UI store and a test fold the same way.
 */
import type { PhoneEventMessage, PhoneSnapshot } from './protocol';

const MAX_RECORDS = 100;

/** The snapshot after one event (unchanged for events that carry no state). */
export function applyPhoneEvent(view: PhoneSnapshot, msg: PhoneEventMessage): PhoneSnapshot {
  switch (msg.event) {
    case 'phone:registration':
      return { ...view, registration: (msg as PhoneEventMessage<'phone:registration'>).payload };
    case 'phone:devices':
      return { ...view, devices: (msg as PhoneEventMessage<'phone:devices'>).payload.choice };
    case 'call:created':
    case 'call:changed': {
      const call = (msg as PhoneEventMessage<'call:changed'>).payload;
      const others = view.calls.filter((c) => c.id !== call.id);
      return { ...view, calls: [...others, call].sort((a, b) => a.startedAt - b.startedAt) };
    }
    case 'call:ended': {
      const call = (msg as PhoneEventMessage<'call:ended'>).payload;
      return { ...view, calls: view.calls.filter((c) => c.id !== call.id) };
    }
    case 'call:record': {
      const rec = (msg as PhoneEventMessage<'call:record'>).payload;
      if (view.records.some((r) => r.id === rec.id)) return view;
      return { ...view, records: [...view.records, rec].slice(-MAX_RECORDS) };
    }
    default:
      return view;
  }
}
