import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../src-shared/ticket/model';
import { formatDateTime } from '../../ui/format';
import { userLabel, type Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { PriorityBadge, StatusBadge, SyncBadges } from './badges';

type Props = { ticket: Ticket & { pending: number; rejected: number }; names: Names; lang: Language; onBack: () => void };

/** The ticket's number (or that it is pending), subject, badges and who created it when. */
export const DetailHeader = ({ ticket, names, lang, onBack }: Props) => {
  const { t } = useTranslation();
  const words = { unknownUser: t('common.unknownUser'), unknownGroup: t('common.unknownGroup'), unassigned: t('common.unassigned') };
  return (
    <div className="detail-head-wrap">
      <button type="button" className="link back" onClick={onBack}>
        ← {t('common.back')}
      </button>
      <div className="detail-head">
        <h1>{ticket.number === null ? t('detail.headingPending') : t('detail.heading', { number: `#${ticket.number}` })}</h1>
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        <SyncBadges pending={ticket.pending} rejected={ticket.rejected} />
      </div>
      <p className="subject-line">{ticket.subject}</p>
      <p className="meta muted">
        {t('detail.meta', { when: formatDateTime(ticket.createdAt, lang), who: userLabel(names, ticket.createdBy, words) })} · {ticket.touchpoint} ·{' '}
        {t(`ticketType.${ticket.type}`)}
      </p>
    </div>
  );
};
