import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallDirection } from '../../../src-shared/calls';
import { Notice } from '../../ui/bits';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { manualEntry, toLocalDateTime, type CallLogEntry, type ManualCallErrors, type ManualCallInput } from './log';

type Props = { onAdd: (entry: CallLogEntry) => void };

const blank = (): ManualCallInput => ({ number: '', direction: 'inbound', start: toLocalDateTime(Date.now()), minutes: '', notes: '' });

/** "Log a call taken on another phone": for telephony outages, so every call is still recorded. */
export const ManualCallForm = ({ onAdd }: Props) => {
  const { t } = useTranslation();
  const [input, setInput] = useState<ManualCallInput>(blank);
  const [errors, setErrors] = useState<ManualCallErrors>({});
  const [added, setAdded] = useState(false);
  const set = <K extends keyof ManualCallInput>(k: K, v: ManualCallInput[K]) => {
    setInput((i) => ({ ...i, [k]: v }));
    setAdded(false);
  };
  const message = (k: keyof ManualCallErrors): string | undefined => {
    switch (errors[k]) {
      case undefined:
        return undefined;
      case 'required':
        return t('validation.required');
      case 'phoneChars':
        return t('validation.phoneChars');
      case 'future':
        return t('callLog.manual.future');
      case 'tooLong':
        return t('validation.tooLong', { max: '2000' });
      case 'invalid':
        return t('validation.invalid');
    }
  };
  return (
    <form
      className="manual-call"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const r = manualEntry(input, Date.now());
        if (!r.ok) {
          setErrors(r.errors);
          setAdded(false);
          return;
        }
        onAdd(r.entry);
        setErrors({});
        setInput(blank());
        setAdded(true);
      }}
    >
      <p className="muted">{t('callLog.manual.intro')}</p>
      <div className="manual-call-fields">
        <TextField id="manual-number" label={t('callLog.manual.number')} type="tel" value={input.number} onChange={(v) => set('number', v)} error={message('number')} required autoComplete="off" />
        <SelectField
          id="manual-direction"
          label={t('callLog.manual.direction')}
          value={input.direction}
          onChange={(v) => set('direction', (v === 'outbound' ? 'outbound' : 'inbound') satisfies CallDirection)}
          options={[
            { value: 'inbound', label: t('callLog.inbound') },
            { value: 'outbound', label: t('callLog.outbound') },
          ]}
        />
        <TextField id="manual-start" className="wide" label={t('callLog.manual.start')} type="datetime-local" value={input.start} onChange={(v) => set('start', v)} error={message('start')} required />
        <TextField id="manual-minutes" label={t('callLog.manual.minutes')} type="number" min="0" step="1" value={input.minutes} onChange={(v) => set('minutes', v)} error={message('minutes')} />
      </div>
      <TextAreaField id="manual-notes" label={t('callLog.manual.notes')} value={input.notes} onChange={(v) => set('notes', v)} error={message('notes')} rows={2} />
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('callLog.manual.submit')}
        </button>
      </div>
      {added && <Notice>{t('callLog.manual.added')}</Notice>}
    </form>
  );
};
