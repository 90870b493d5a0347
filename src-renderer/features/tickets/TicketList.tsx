import { useDirectory, useRejections, useTickets } from '../sync';
import { useLanguage } from '../../i18n/useLanguage';
import { filterTickets } from './filter';
import { useTicketsUi } from './store';
import { RejectedStrip } from './RejectedStrip';
import { TicketListView } from './TicketListView';

type Props = { onOpen: (ticketId: string) => void };

/** The ticket list screen: every cached ticket (with its sync marks), filtered. */
export const TicketList = ({ onOpen }: Props) => {
  const lang = useLanguage();
  const tickets = useTickets();
  const directory = useDirectory();
  const filter = useTicketsUi((s) => s.filter);
  const setFilter = useTicketsUi((s) => s.setFilter);
  const rejections = useRejections();
  const names = { users: directory?.users ?? [], groups: directory?.groups ?? [] };
  return (
    <TicketListView
      aside={<RejectedStrip rejections={rejections ?? []} tickets={tickets ?? []} names={names} lang={lang} onOpen={onOpen} />}
      rows={tickets === undefined ? undefined : filterTickets(tickets, filter)}
      total={tickets?.length ?? 0}
      filter={filter}
      onFilter={setFilter}
      names={names}
      lang={lang}
      onOpen={onOpen}
    />
  );
};
