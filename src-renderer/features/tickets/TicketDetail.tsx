import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditableField, EditableFields } from '../../../src-shared/ticket/model';
import type { TicketStatus } from '../../../src-shared/ticket/status';
import type { Result } from '../../../src-shared/result';
import { addNote, assign, changeStatus, discardRejection, resubmitRejection, setFields, useDirectory, useTicket } from '../sync';
import { attempt } from '../../ui/attempt';
import { ErrorAlert, Notice, Script } from '../../ui/bits';
import { useLanguage } from '../../i18n/useLanguage';
import { AssignPanel } from './AssignPanel';
import { DetailHeader } from './DetailHeader';
import { DetailsEditor } from './DetailsEditor';
import { changedFields, emptyFields, hasErrors, validateFields } from './form';
import { HistoryPanel } from './HistoryPanel';
import { RejectionsPanel } from './RejectionsPanel';
import { StatusPanel } from './StatusPanel';
import { useTicketsUi } from './store';
import { TicketConflicts } from './TicketConflicts';
import { WorklogPanel } from './WorklogPanel';
import type { SuggestionContext } from './suggestions';

type Props = {
  ticketId: string;
  onBack: () => void;
  onOpenConflicts: () => void;
  /** Shown next to the caller's phone field (the shell passes click-to-dial). */
  renderPhoneAction?: (phone: string) => ReactNode;
  /** Shown beside the ticket (the shell passes knowledge suggestions for what the ticket is about). */
  renderSuggestions?: (ctx: SuggestionContext) => ReactNode;
};

const EMPTY = {};

/** The ticket detail screen: reads the ticket and the directory from the cache and wires the commands. */
export const TicketDetail = ({ ticketId, onBack, onOpenConflicts, renderPhoneAction, renderSuggestions }: Props) => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const data = useTicket(ticketId);
  const directory = useDirectory();
  const draft = useTicketsUi((s) => s.edits[ticketId] ?? EMPTY);
  const note = useTicketsUi((s) => s.notes[ticketId] ?? '');
  const rejectionDrafts = useTicketsUi((s) => s.rejectionEdits);
  const ui = useTicketsUi.getState;
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (data === undefined) return <p className="muted">{t('app.loading')}</p>;
  const { ticket } = data;
  const names = { users: directory?.users ?? [], groups: directory?.groups ?? [] };
  const settings = directory?.settings ?? null;
  const rejections = (
    <RejectionsPanel
      rejections={data.rejections}
      drafts={rejectionDrafts}
      base={ticket ?? emptyFields()}
      settings={settings}
      names={names}
      lang={lang}
      onDraft={(id, e) => ui().setRejectionEdit(id, e)}
      onDone={(id) => ui().clearRejectionEdit(id)}
      resubmit={resubmitRejection}
      discard={discardRejection}
    />
  );
  if (!ticket)
    return (
      <div className="screen">
        <button type="button" className="link back" onClick={onBack}>
          ← {t('common.back')}
        </button>
        <h1>{data.rejections.length > 0 ? t('rejection.goneHeading') : t('common.notFound')}</h1>
        {data.rejections.length > 0 && <p className="muted">{t('rejection.goneIntro')}</p>}
        {rejections}
      </div>
    );

  const values: EditableFields = { ...ticket, ...draft };
  const changed = changedFields(ticket, draft);
  const errors = validateFields(changed, settings?.touchpoints ?? null, true);

  const run = async (action: () => Promise<Result<unknown>>, done?: () => void, savedText?: string) => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    const r = await attempt(action);
    setBusy(false);
    if (!r.ok) {
      setFailure(r.error.message);
      return;
    }
    done?.();
    if (savedText) setNotice(savedText);
  };

  const onChange = <K extends EditableField>(k: K, v: EditableFields[K]) => ui().setEdit(ticketId, k, v);
  const save = () => {
    if (hasErrors(errors)) {
      setFailure(t('validation.summary'));
      return;
    }
    if (Object.keys(changed).length === 0) {
      ui().clearEdits(ticketId);
      return;
    }
    void run(() => setFields(ticketId, changed), () => ui().clearEdits(ticketId), t('detail.saved'));
  };

  return (
    <div className="screen ticket-detail">
      <DetailHeader ticket={ticket} names={names} lang={lang} onBack={onBack} />
      {failure && <ErrorAlert>{t('detail.actionFailed', { message: failure })}</ErrorAlert>}
      {notice && <Notice>{notice}</Notice>}
      <div className="detail-grid">
        <div className="detail-main">
          {rejections}
          <TicketConflicts conflicts={data.conflicts.filter((c) => c.status === 'open')} names={names} lang={lang} onOpenInbox={onOpenConflicts} />
          <DetailsEditor
            values={values}
            errors={errors}
            dirty={Object.keys(changed).length > 0}
            busy={busy}
            settings={settings}
            lang={lang}
            onChange={onChange}
            onSave={save}
            onUndo={() => ui().clearEdits(ticketId)}
            phoneAction={renderPhoneAction?.(values.phone)}
          />
          <HistoryPanel entries={data.history} names={names} lang={lang} />
        </div>
        <div className="detail-side">
          <StatusPanel status={ticket.status} busy={busy} onMove={(to: TicketStatus) => void run(() => changeStatus(ticketId, to))} />
          <AssignPanel
            key={`${ticket.groupId}:${ticket.assigneeId}`}
            current={{ groupId: ticket.groupId, assigneeId: ticket.assigneeId }}
            names={names}
            lang={lang}
            busy={busy}
            disabled={ticket.status === 'closed' || ticket.status === 'cancelled'}
            onAssign={(a) => void run(() => assign(ticketId, a.groupId, a.assigneeId))}
          />
          <WorklogPanel
            entries={data.worklog}
            names={names}
            lang={lang}
            draft={note}
            onDraft={(body) => ui().setNote(ticketId, body)}
            onAdd={() => void run(() => addNote(ticketId, note), () => ui().setNote(ticketId, ''))}
            busy={busy}
          />
          <Script label={t('scripts.closingLabel')}>{t('scripts.closing', { name: ticket.callerName || t('scripts.callerFallback') })}</Script>
          {renderSuggestions?.({ text: `${values.subject}\n${values.description}`, touchpoint: values.touchpoint, ticket: { id: ticket.id, subject: values.subject } })}
        </div>
      </div>
    </div>
  );
};
