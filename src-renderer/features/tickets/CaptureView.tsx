import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskSettings } from '../../../src-shared/sync/protocol';
import { ErrorAlert, Script } from '../../ui/bits';
import type { Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { AssignmentFields, type Assignment } from './AssignmentFields';
import type { FieldErrors } from './form';
import type { CaptureDraft } from './store';
import { TicketFields, type FieldChange } from './TicketFields';

type Props = {
  draft: CaptureDraft;
  errors: FieldErrors;
  /** The form was refused by validation (the summary alert shows). */
  invalid: boolean;
  saveError: string | null;
  saving: boolean;
  deskName: string;
  settings: DeskSettings | null;
  names: Names;
  lang: Language;
  onField: FieldChange;
  onAssignment: (a: Assignment) => void;
  onSubmit: () => void;
  onClear: () => void;
};

/**
 * The capture form as the call goes: the greeting to read, classification, the caller's
 * details beside the info-collection phrase, the problem, and optional assignment.
 */
export const CaptureView = (p: Props) => {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onSubmit();
  };
  return (
    <form
      className="screen capture"
      onSubmit={submit}
      noValidate
      aria-labelledby="capture-heading"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          p.onSubmit();
        }
      }}
    >
      <div className="screen-head">
        <h1 id="capture-heading">{t('capture.heading')}</h1>
      </div>
      <div className="greeting">
        <Script label={t('scripts.greetingLabel')}>{t('scripts.greeting', { desk: p.deskName })}</Script>
      </div>
      {p.invalid && <ErrorAlert>{t('validation.summary')}</ErrorAlert>}
      {p.saveError && <ErrorAlert>{t('capture.saveFailed', { message: p.saveError })}</ErrorAlert>}
      <div className="section">
        <TicketFields
          idPrefix="new"
          values={p.draft.fields}
          errors={p.errors}
          onChange={p.onField}
          settings={p.settings}
          lang={p.lang}
          callerAside={<Script label={t('scripts.collectLabel')}>{t('scripts.collect')}</Script>}
        />
        <fieldset className="field-group group-routing-wrap">
          <legend>{t('capture.routing')}</legend>
          <AssignmentFields
            idPrefix="new"
            value={{ groupId: p.draft.groupId, assigneeId: p.draft.assigneeId }}
            onChange={p.onAssignment}
            names={p.names}
            lang={p.lang}
          />
        </fieldset>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={p.saving}>
          {p.saving ? t('capture.saving') : t('capture.save')}
        </button>
        <button type="button" onClick={p.onClear} disabled={p.saving}>
          {t('capture.clear')}
        </button>
        <span className="muted hint">Ctrl+Enter</span>
      </div>
    </form>
  );
};
