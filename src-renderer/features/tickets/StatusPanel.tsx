import { useTranslation } from 'react-i18next';
import { nextStatuses, type TicketStatus } from '../../../src-shared/ticket/status';
import { Section } from '../../ui/bits';
import { StatusBadge } from './badges';

type Props = { status: TicketStatus; onMove: (to: TicketStatus) => void; busy: boolean };

/** The current status and one button per legal next status (shared state machine). */
export const StatusPanel = ({ status, onMove, busy }: Props) => {
  const { t } = useTranslation();
  const moves = nextStatuses(status);
  return (
    <Section id="status-heading" title={t('detail.statusHeading')}>
      <p>
        <span className="visually-hidden">{t('detail.currentStatus', { status: t(`status.${status}`) })}</span>
        <span aria-hidden="true">
          <StatusBadge status={status} />
        </span>
      </p>
      {moves.length === 0 ? (
        <p className="muted">{t('detail.noMoves')}</p>
      ) : (
        <div className="status-buttons">
          {moves.map((to) => (
            <button key={to} type="button" onClick={() => onMove(to)} disabled={busy}>
              {t('detail.moveTo', { status: t(`status.${to}`) })}
            </button>
          ))}
        </div>
      )}
    </Section>
  );
};
