import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../src-shared/ticket/priority';
import { isOpenStatus, type TicketStatus } from '../../../src-shared/ticket/status';
import { Badge } from '../../ui/bits';

/** "#12", or a "pending" badge until the server has given the ticket its number. */
export const TicketNumber = ({ number }: { number: number | null }) => {
  const { t } = useTranslation();
  return number === null ? <Badge tone="info">{t('badge.pendingNumber')}</Badge> : <span className="ticket-number">#{number}</span>;
};

export const PriorityBadge = ({ priority }: { priority: Priority }) => (
  <Badge tone={priority === 'P1' ? 'bad' : priority === 'P2' ? 'warn' : 'neutral'}>{priority}</Badge>
);

export const StatusBadge = ({ status }: { status: TicketStatus }) => {
  const { t } = useTranslation();
  return <Badge tone={isOpenStatus(status) ? 'info' : 'ok'}>{t(`status.${status}`)}</Badge>;
};

/** "waiting to sync" while mutations are unsent, "rejected" while a refused change waits for the agent. */
export const SyncBadges = ({ pending, rejected }: { pending: number; rejected: number }) => {
  const { t } = useTranslation();
  return (
    <>
      {pending > 0 && <Badge tone="warn">{t('badge.waiting')}</Badge>}
      {rejected > 0 && <Badge tone="bad">{t('badge.rejected')}</Badge>}
    </>
  );
};
