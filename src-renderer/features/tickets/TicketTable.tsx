import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../src-shared/ticket/model';
import { formatDateTime } from '../../ui/format';
import { assignmentLabel, type Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { PriorityBadge, StatusBadge, SyncBadges, TicketNumber } from './badges';

/** A ticket with this workstation's sync marks (structurally the sync feature's TicketView). */
export type TicketRow = Ticket & { pending: number; rejected: number };

type Props = { rows: readonly TicketRow[]; names: Names; lang: Language; onOpen: (id: string) => void };

/**
 * The ticket table. A row opens the ticket on click, Enter or Space; the subject is also a
 * button (out of the tab order, the row itself is the stop) so it can be found by name.
 */
export const TicketTable = ({ rows, names, lang, onOpen }: Props) => {
  const { t } = useTranslation();
  const words = { unknownUser: t('common.unknownUser'), unknownGroup: t('common.unknownGroup'), unassigned: t('common.unassigned') };
  const onKey = (id: string) => (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(id);
    }
  };
  return (
    <table className="grid ticket-table" aria-label={t('list.tableLabel')}>
      <thead>
        <tr>
          <th scope="col" className="col-number">{t('field.number')}</th>
          <th scope="col">{t('field.subject')}</th>
          <th scope="col">{t('field.type')}</th>
          <th scope="col">{t('field.priority')}</th>
          <th scope="col">{t('field.status')}</th>
          <th scope="col">{t('field.groupAssignee')}</th>
          <th scope="col">{t('field.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} tabIndex={0} className="clickable" onClick={() => onOpen(r.id)} onKeyDown={onKey(r.id)} data-ticket-id={r.id}>
            <td className="col-number">
              <TicketNumber number={r.number} />
            </td>
            <td className="col-subject">
              <button type="button" className="link" tabIndex={-1} onClick={(e) => {
                  e.stopPropagation();
                  onOpen(r.id);
                }}>
                {r.subject}
              </button>
              <SyncBadges pending={r.pending} rejected={r.rejected} />
            </td>
            <td>{t(`ticketType.${r.type}`)}</td>
            <td>
              <PriorityBadge priority={r.priority} />
            </td>
            <td>
              <StatusBadge status={r.status} />
            </td>
            <td className="col-assignment">{assignmentLabel(names, r.groupId, r.assigneeId, lang, words)}</td>
            <td className="col-updated">
              <time dateTime={r.updatedAt}>{formatDateTime(r.updatedAt, lang)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

