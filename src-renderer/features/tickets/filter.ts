import { isOpenStatus } from '../../../src-shared/ticket/status';
import type { Ticket } from '../../../src-shared/ticket/model';
import type { ListFilter } from './store';

const haystack = (t: Ticket): string =>
  [t.number === null ? '' : String(t.number), t.subject, t.callerName, t.organisation, t.phone, t.email, t.touchpoint, t.deviceSerial]
    .join('\n')
    .toLowerCase();

/** The tickets the list shows under `f`, most recently updated first. */
export const filterTickets = <T extends Ticket>(tickets: readonly T[], f: ListFilter): T[] => {
  const words = f.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return tickets
    .filter((t) => (f.scope === 'all' || isOpenStatus(t.status)) && words.every((w) => haystack(t).includes(w)))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
};
