import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditableFields } from '../../../src-shared/ticket/model';
import type { DeskSettings } from '../../../src-shared/sync/protocol';
import { Section } from '../../ui/bits';
import type { Language } from '../../i18n';
import type { FieldErrors } from './form';
import { TicketFields, type FieldChange } from './TicketFields';

type Props = {
  values: EditableFields;
  errors: FieldErrors;
  dirty: boolean;
  busy: boolean;
  settings: DeskSettings | null;
  lang: Language;
  onChange: FieldChange;
  onSave: () => void;
  onUndo: () => void;
  /** Next to the phone field (click-to-dial). */
  phoneAction?: ReactNode;
};

/** Every field of the ticket, editable in place; "Save changes" sends only what the agent changed. */
export const DetailsEditor = ({ values, errors, dirty, busy, settings, lang, onChange, onSave, onUndo, phoneAction }: Props) => {
  const { t } = useTranslation();
  return (
    <Section id="details-heading" title={t('detail.details')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave();
        }}
        noValidate
        className="details-form"
      >
        <TicketFields idPrefix="edit" values={values} errors={errors} onChange={onChange} settings={settings} lang={lang} phoneAction={phoneAction} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !dirty}>
            {t('detail.saveChanges')}
          </button>
          {dirty && (
            <>
              <button type="button" onClick={onUndo} disabled={busy}>
                {t('detail.discardChanges')}
              </button>
              <span className="muted">{t('detail.unsaved')}</span>
            </>
          )}
        </div>
      </form>
    </Section>
  );
};
