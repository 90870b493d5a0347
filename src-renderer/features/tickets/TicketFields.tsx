import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVELS, priorityOf, DEFAULT_PRIORITY_MATRIX } from '../../../src-shared/ticket/priority';
import { TICKET_TYPES, type EditableField, type EditableFields } from '../../../src-shared/ticket/model';
import type { DeskSettings } from '../../../src-shared/sync/protocol';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import type { Language } from '../../i18n';
import { errorText, levelOptions, oneOf, typeOptions } from './choices';
import type { FieldErrors } from './form';
import { TouchpointPicker } from './TouchpointPicker';
import { PriorityBadge } from './badges';

export type FieldChange = <K extends EditableField>(k: K, v: EditableFields[K]) => void;

type Props = {
  idPrefix: string;
  values: EditableFields;
  errors: FieldErrors;
  onChange: FieldChange;
  settings: DeskSettings | null;
  lang: Language;
  /** Show only these fields (editing a rejected partial change). */
  only?: readonly EditableField[];
  /** Shown beside the caller fields: the info-collection phrase. */
  callerAside?: ReactNode;
  /** Title each group (classification, caller, problem) with a legend. */
  legends?: boolean;
  /** Shown right after the phone field (click-to-dial in the ticket detail). */
  phoneAction?: ReactNode;
};

type TextKey = 'callerName' | 'organisation' | 'phone' | 'email' | 'deviceModel' | 'deviceSerial' | 'subject';
const INPUT_TYPE: Partial<Record<TextKey, 'tel' | 'email'>> = { phone: 'tel', email: 'email' };
const CALLER: readonly TextKey[] = ['callerName', 'organisation', 'phone', 'email', 'deviceModel', 'deviceSerial'];
const AUTOCOMPLETE: Partial<Record<TextKey, string>> = { callerName: 'off', organisation: 'off', phone: 'off', email: 'off' };

/**
 * Every field an agent types or picks, grouped as the call goes: classification, caller
 * (beside the info-collection phrase), problem. Used by the capture form, the detail's
 * editor and the rejected-change editor.
 */
export const TicketFields = ({ idPrefix, values, errors, onChange, settings, lang, only, callerAside, legends = true, phoneAction }: Props) => {
  const { t } = useTranslation();
  const show = (k: EditableField) => !only || only.includes(k);
  const id = (k: string) => `${idPrefix}-${k}`;
  const err = (k: EditableField) => errorText(t, errors[k]);
  const priority = priorityOf(values.impact, values.urgency, settings?.priorityMatrix ?? DEFAULT_PRIORITY_MATRIX);

  const text = (k: TextKey) => {
    if (!show(k)) return false;
    const field = (
      <TextField
        key={k}
        id={id(k)}
        label={t(`field.${k}`)}
        value={values[k]}
        onChange={(v) => onChange(k, v)}
        type={INPUT_TYPE[k] ?? 'text'}
        autoComplete={AUTOCOMPLETE[k]}
        error={err(k)}
        required={k === 'subject'}
      />
    );
    return k === 'phone' && phoneAction ? (
      <div key={k} className="field-with-action">
        {field}
        {phoneAction}
      </div>
    ) : (
      field
    );
  };

  const classification = (['type', 'touchpoint', 'impact', 'urgency'] as const).some(show);
  const caller = CALLER.some(show);
  const problem = show('subject') || show('description');

  return (
    <div className="ticket-fields">
      {classification && (
        <fieldset className="field-group group-classification">
          {legends && <legend>{t('capture.classification')}</legend>}
          {show('type') && (
            <SelectField
              id={id('type')}
              label={t('field.type')}
              value={values.type}
              options={typeOptions(t)}
              onChange={(v) => {
                const x = oneOf(TICKET_TYPES, v);
                if (x) onChange('type', x);
              }}
              error={err('type')}
            />
          )}
          {show('touchpoint') && (
            <TouchpointPicker
              id={id('touchpoint')}
              value={values.touchpoint}
              onChange={(v) => onChange('touchpoint', v)}
              lists={settings?.touchpoints ?? null}
              lang={lang}
              error={err('touchpoint')}
            />
          )}
          {(show('impact') || show('urgency')) && (
            <div className="priority-row">
              {(['impact', 'urgency'] as const).filter(show).map((k) => (
                <SelectField
                  key={k}
                  id={id(k)}
                  label={t(`field.${k}`)}
                  value={values[k]}
                  options={levelOptions(t)}
                  onChange={(v) => {
                    const x = oneOf(LEVELS, v);
                    if (x) onChange(k, x);
                  }}
                  error={err(k)}
                />
              ))}
              <div className="field priority-live" aria-live="polite">
                <span className="label">{t('field.priority')}</span>
                <span data-testid="priority">
                  <PriorityBadge priority={priority} />
                </span>
              </div>
            </div>
          )}
        </fieldset>
      )}
      {caller && (
        <fieldset className={`field-group group-caller${callerAside ? ' with-aside' : ''}`}>
          {legends && <legend>{t('capture.caller')}</legend>}
          <div className="caller-fields">{CALLER.map(text)}</div>
          {callerAside}
        </fieldset>
      )}
      {problem && (
        <fieldset className="field-group group-problem">
          {legends && <legend>{t('capture.problem')}</legend>}
          {text('subject')}
          {show('description') && (
            <TextAreaField
              id={id('description')}
              label={t('field.description')}
              value={values.description}
              onChange={(v) => onChange('description', v)}
              error={err('description')}
              rows={4}
            />
          )}
        </fieldset>
      )}
    </div>
  );
};
