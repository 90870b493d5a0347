import { useTranslation } from 'react-i18next';
import type { Conflict, ConflictSide } from '../../../src-shared/ticket/model';
import { Badge } from '../../ui/bits';
import { formatDateTime } from '../../ui/format';
import { assignmentLabel, userLabel, type Names } from '../../ui/names';
import type { Language } from '../../i18n';

type Choice = { groupId: string | null; assigneeId: string | null };

/** A conflict as the inbox shows it (structurally the sync feature's ConflictItem). */
export type ConflictRow = Conflict & {
  pendingResolution: Choice | null;
  ticket: { id: string; number: number | null; subject: string } | undefined;
};

type Props = {
  conflict: ConflictRow;
  names: Names;
  lang: Language;
  busy: boolean;
  onKeep: (choice: Choice) => void;
  onOpenTicket: (ticketId: string) => void;
};

/** "#12 Printer jam", or the subject alone while the number is pending. */
const ticketLabel = (c: ConflictRow, pending: string): string => {
  if (!c.ticket) return c.ticketId.slice(0, 8);
  return `${c.ticket.number === null ? `(${pending})` : `#${c.ticket.number}`} ${c.ticket.subject}`;
};

/**
 * One conflicting reassignment: the ticket, both sides (who assigned it to whom, when), and
 * a "Keep …" button per side while it is open; who decided what once resolved.
 */
export const ConflictCard = ({ conflict: c, names, lang, busy, onKeep, onOpenTicket }: Props) => {
  const { t } = useTranslation();
  const words = { unknownUser: t('common.unknownUser'), unknownGroup: t('common.unknownGroup'), unassigned: t('common.unassigned') };
  const label = ticketLabel(c, t('badge.pendingNumber'));
  const assignment = (a: Choice) => assignmentLabel(names, a.groupId, a.assigneeId, lang, words);
  const headingId = `conflict-${c.id}`;
  const open = c.status === 'open';
  const side = (s: ConflictSide, i: number) => (
    <div key={i} className="conflict-side">
      <h3>{i === 0 ? t('conflicts.sideEarlier') : open ? t('conflicts.sideLater') : t('conflicts.sideLaterResolved')}</h3>
      <p>
        {t('conflicts.sideText', { who: userLabel(names, s.userId, words), assignment: assignment(s), when: formatDateTime(s.at, lang) })}
      </p>
      {open && c.pendingResolution === null && (
        <button type="button" onClick={() => onKeep({ groupId: s.groupId, assigneeId: s.assigneeId })} disabled={busy}>
          {t('conflicts.keep', { assignment: assignment(s) })}
        </button>
      )}
    </div>
  );
  return (
    <li>
      <article className={`conflict${open ? ' open' : ''}`} aria-labelledby={headingId}>
        <div className="conflict-head">
          <h2 id={headingId}>{t('conflicts.ticket', { label })}</h2>
          <button type="button" className="link" onClick={() => onOpenTicket(c.ticketId)} aria-label={t('conflicts.openTicket', { label })}>
            {t('conflicts.openTicketShort')}
          </button>
          {open && c.pendingResolution !== null && <Badge tone="warn">{t('badge.waiting')}</Badge>}
        </div>
        <div className="conflict-sides">{c.sides.map(side)}</div>
        {open && c.pendingResolution !== null && <p className="muted">{t('conflicts.waiting')} {t('conflicts.keep', { assignment: assignment(c.pendingResolution) })}</p>}
        {!open && c.resolution && (
          <p className="muted">{t('conflicts.resolvedBy', { who: userLabel(names, c.resolvedBy, words), assignment: assignment(c.resolution) })}</p>
        )}
      </article>
    </li>
  );
};
