import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../src-shared/ticket/model';
import { Section } from '../../ui/bits';
import { formatDateTime } from '../../ui/format';
import type { Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { assignmentText } from './describe';

type Props = { conflicts: readonly Conflict[]; names: Names; lang: Language; onOpenInbox: () => void };

/** Open conflicts on this ticket, each with both sides and a way to the conflict inbox. */
export const TicketConflicts = ({ conflicts, names, lang, onOpenInbox }: Props) => {
  const { t } = useTranslation();
  const d = { t, names, lang };
  if (conflicts.length === 0) return null;
  return (
    <Section id="ticket-conflicts-heading" title={t('detail.conflictsHeading')} className="attention">
      <ul className="conflict-list">
        {conflicts.map((c) => (
          <li key={c.id}>
            <ul>
              {c.sides.map((s, i) => (
                <li key={i}>
                  {i === 0 ? t('conflicts.sideEarlier') : t('conflicts.sideLater')}:{' '}
                  {assignmentText(d, s.groupId, s.assigneeId)} ({formatDateTime(s.at, lang)})
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" className="link" onClick={onOpenInbox}>
          {t('detail.resolveConflict')}
        </button>
      </p>
    </Section>
  );
};
