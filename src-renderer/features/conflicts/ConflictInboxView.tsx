import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/bits';
import type { Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { ConflictCard, type ConflictRow } from './ConflictCard';

type Choice = { groupId: string | null; assigneeId: string | null };

type Props = {
  conflicts: readonly ConflictRow[] | undefined;
  names: Names;
  lang: Language;
  busy: boolean;
  failure: string | null;
  onKeep: (conflictId: string, choice: Choice) => void;
  onOpenTicket: (ticketId: string) => void;
};

/** The conflict inbox: open conflicts to decide, then the resolved ones. */
export const ConflictInboxView = ({ conflicts, names, lang, busy, failure, onKeep, onOpenTicket }: Props) => {
  const { t } = useTranslation();
  const open = conflicts?.filter((c) => c.status === 'open') ?? [];
  const resolved = conflicts?.filter((c) => c.status !== 'open') ?? [];
  const list = (items: readonly ConflictRow[]) => (
    <ul className="conflict-list">
      {items.map((c) => (
        <ConflictCard key={c.id} conflict={c} names={names} lang={lang} busy={busy} onKeep={(choice) => onKeep(c.id, choice)} onOpenTicket={onOpenTicket} />
      ))}
    </ul>
  );
  return (
    <div className="screen conflicts">
      <div className="screen-head">
        <h1>{t('conflicts.heading')}</h1>
      </div>
      <p className="muted">{t('conflicts.intro')}</p>
      {failure && <ErrorAlert>{t('detail.actionFailed', { message: failure })}</ErrorAlert>}
      {conflicts === undefined ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <section aria-labelledby="conflicts-open" className="conflict-group">
            <h2 id="conflicts-open" className="group-title">
              {t('conflicts.openHeading')} ({open.length})
            </h2>
            {open.length === 0 ? <p className="empty">{t('conflicts.noneOpen')}</p> : list(open)}
          </section>
          <section aria-labelledby="conflicts-resolved" className="conflict-group">
            <h2 id="conflicts-resolved" className="group-title">
              {t('conflicts.resolvedHeading')} ({resolved.length})
            </h2>
            {resolved.length === 0 ? <p className="muted">{t('conflicts.noneResolved')}</p> : list(resolved)}
          </section>
        </>
      )}
    </div>
  );
};
