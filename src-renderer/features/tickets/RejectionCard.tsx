import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../src-shared/result';
import type { Mutation } from '../../../src-shared/sync/mutations';
import type { EditableFields } from '../../../src-shared/ticket/model';
import type { DeskSettings } from '../../../src-shared/sync/protocol';
import { TICKET_STATUSES } from '../../../src-shared/ticket/status';
import { SelectField, TextAreaField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import type { Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { AssignmentFields } from './AssignmentFields';
import { isStatus } from './choices';
import { attemptText } from './describe';
import { editableKeys, type FieldErrors } from './form';
import type { RejectionEdit } from './rejectionEdit';
import { TicketFields } from './TicketFields';

/** A refused mutation as this screen needs it (structurally the sync feature's Rejection). */
export type RejectionItem = { id: string; mutation: Mutation; error: AppError; rejectedAt: string };

type Props = {
  rejection: RejectionItem;
  edit: RejectionEdit;
  errors: FieldErrors;
  /** The ticket's current fields, to show around a partial edit. */
  base: EditableFields;
  settings: DeskSettings | null;
  names: Names;
  lang: Language;
  busy: boolean;
  onEdit: (e: RejectionEdit) => void;
  onResubmit: () => void;
  onDiscard: () => void;
};

const EditForm = ({ rejection, edit, errors, base, settings, names, lang, onEdit }: Props) => {
  const { t } = useTranslation();
  const p = `rej-${rejection.id}`;
  switch (edit.kind) {
    case 'createTicket':
      return (
        <>
          <TicketFields
            idPrefix={p}
            values={edit.fields}
            errors={errors}
            onChange={(k, v) => onEdit({ ...edit, fields: { ...edit.fields, [k]: v } })}
            settings={settings}
            lang={lang}
          />
          <AssignmentFields idPrefix={p} value={edit} onChange={(a) => onEdit({ ...edit, ...a })} names={names} lang={lang} />
        </>
      );
    case 'setFields': {
      const keys = editableKeys(edit.fields);
      return (
        <TicketFields
          idPrefix={p}
          values={{ ...base, ...edit.fields }}
          errors={errors}
          onChange={(k, v) => onEdit({ ...edit, fields: { ...edit.fields, [k]: v } })}
          settings={settings}
          lang={lang}
          only={keys}
          legends={false}
        />
      );
    }
    case 'addNote':
      return <TextAreaField id={`${p}-body`} label={t('rejection.noteBody')} value={edit.body} onChange={(body) => onEdit({ ...edit, body })} rows={3} />;
    case 'assign':
      return <AssignmentFields idPrefix={p} value={edit} onChange={(a) => onEdit({ ...edit, ...a })} names={names} lang={lang} />;
    case 'resolveConflict':
      return <AssignmentFields idPrefix={p} value={edit.choice} onChange={(choice) => onEdit({ ...edit, choice })} names={names} lang={lang} />;
    case 'changeStatus':
      return (
        <SelectField
          id={`${p}-to`}
          label={t('rejection.statusTo')}
          value={edit.to}
          options={TICKET_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={(v) => {
            if (isStatus(v)) onEdit({ ...edit, to: v });
          }}
        />
      );
    case 'escalate':
      return (
        <SelectField
          id={`${p}-level`}
          label={t('rejection.escalationLevel')}
          value={String(edit.level)}
          options={[0, 1, 2, 3].map((l) => ({ value: String(l), label: String(l) }))}
          onChange={(v) => onEdit({ ...edit, level: Number(v) })}
        />
      );
  }
};

/**
 * One refused change: what was attempted, the server's reason (message and code), and an
 * editable copy of what the agent sent, with Resubmit and Discard.
 */
export const RejectionCard = (props: Props) => {
  const { t } = useTranslation();
  const { rejection, lang, names, busy, onResubmit, onDiscard } = props;
  const headingId = `rej-${rejection.id}-heading`;
  const code = rejection.error.code;
  return (
    <article className="rejection" aria-labelledby={headingId}>
      <h3 id={headingId}>{attemptText({ t, names, lang }, rejection.mutation)}</h3>
      <p className="muted">
        <time dateTime={rejection.mutation.at}>{t('rejection.at', { when: formatDateTime(rejection.mutation.at, lang) })}</time>
      </p>
      <dl>
        <dt>{t('rejection.reason')}</dt>
        <dd>
          <div>{t(`errorCode.${code}`, { defaultValue: t('errorCode.other', { code }) })}</div>
          <div className="reason-code">
            {rejection.error.message} (<code>{code}</code>)
          </div>
        </dd>
      </dl>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onResubmit();
        }}
        noValidate
        className="rejection-form"
      >
        <EditForm {...props} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('rejection.resubmit')}
          </button>
          <button type="button" className="danger" onClick={onDiscard} disabled={busy}>
            {t('rejection.discard')}
          </button>
        </div>
      </form>
    </article>
  );
};
