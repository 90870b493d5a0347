/** The tickets feature: list, capture form, detail (worklog, history, rejected changes). */
export { TicketList } from './TicketList';
export { CaptureForm } from './CaptureForm';
export { TicketDetail } from './TicketDetail';
export type { SuggestionContext } from './suggestions';
import { useTicketsUi } from './store';

/** Forgets every unsaved draft (call on sign-out: the next person must not see them). */
export const resetTicketDrafts = (): void => useTicketsUi.getState().resetAll();
