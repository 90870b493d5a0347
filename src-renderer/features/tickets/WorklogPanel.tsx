import { useTranslation } from 'react-i18next';
import type { WorklogEntry } from '../../../src-shared/ticket/model';
import { Badge, Section } from '../../ui/bits';
import { TextAreaField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { userLabel, type Names } from '../../ui/names';
import type { Language } from '../../i18n';

export type WorklogItem = WorklogEntry & { pending: boolean };

type Props = {
  entries: readonly WorklogItem[];
  names: Names;
  lang: Language;
  draft: string;
  onDraft: (body: string) => void;
  onAdd: () => void;
  busy: boolean;
};

/** The append-only worklog, oldest first; notes not yet synced are marked. */
export const WorklogPanel = ({ entries, names, lang, draft, onDraft, onAdd, busy }: Props) => {
  const { t } = useTranslation();
  const words = { unknownUser: t('common.unknownUser'), unknownGroup: t('common.unknownGroup'), unassigned: t('common.unassigned') };
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return (
    <Section id="worklog-heading" title={t('detail.worklogHeading')}>
      {sorted.length === 0 ? (
        <p className="muted">{t('detail.noNotes')}</p>
      ) : (
        <ul className="worklog" aria-labelledby="worklog-heading">
          {sorted.map((n) => (
            <li key={n.id} className={n.pending ? 'pending' : undefined}>
              <div className="note-meta">
                <strong>{userLabel(names, n.authorId, words)}</strong>
                <time dateTime={n.at}>{formatDateTime(n.at, lang)}</time>
                {n.pending && <Badge tone="warn">{t('badge.waiting')}</Badge>}
              </div>
              <div className="note-body">{n.body}</div>
            </li>
          ))}
        </ul>
      )}
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) onAdd();
        }}
      >
        <TextAreaField id="note-body" label={t('detail.noteLabel')} value={draft} onChange={onDraft} rows={3} className="grow-full" />
        <button type="submit" disabled={busy || draft.trim() === ''}>
          {t('detail.addNote')}
        </button>
      </form>
    </Section>
  );
};
