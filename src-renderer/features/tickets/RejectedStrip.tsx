import { useTranslation } from 'react-i18next';
import { Section } from '../../ui/bits';
import type { Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { attemptText } from './describe';
import type { RejectionItem } from './RejectionCard';

type TicketRef = { id: string; number: number | null; subject: string };

type Props = {
  rejections: readonly (RejectionItem & { ticketId: string })[];
  tickets: readonly TicketRef[];
  names: Names;
  lang: Language;
  onOpen: (ticketId: string) => void;
};

/**
 * Every open rejection, above the list: a refused change stays reachable even when its
 * ticket is no longer on this workstation (it left the agent's scope).
 */
export const RejectedStrip = ({ rejections, tickets, names, lang, onOpen }: Props) => {
  const { t } = useTranslation();
  if (rejections.length === 0) return null;
  const label = (id: string): string => {
    const x = tickets.find((tk) => tk.id === id);
    if (!x) return t('rejection.goneTicket');
    return `${x.number === null ? `(${t('badge.pendingNumber')})` : `#${x.number}`} ${x.subject}`;
  };
  return (
    <Section id="rejected-strip-heading" title={t('rejection.listHeading', { count: rejections.length })} className="attention rejected-strip">
      <ul className="rejected-list">
        {rejections.map((r) => (
          <li key={r.id}>
            <button type="button" className="link" onClick={() => onOpen(r.ticketId)}>
              {label(r.ticketId)}
            </button>
            <span>{attemptText({ t, names, lang }, r.mutation)}</span>
            <span className="reason-code">
              {t(`errorCode.${r.error.code}`, { defaultValue: r.error.message })} (<code>{r.error.code}</code>)
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
};
