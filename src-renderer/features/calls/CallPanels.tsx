import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isDtmfDigit } from './log';
import type { TransferGroups } from './targets';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

type TransferProps = {
  callId: string;
  targets: TransferGroups;
  onTransfer: (target: string, mode: 'blind' | 'consult') => void;
  onClose: () => void;
};

/**
 * Where to transfer a call: a colleague (expert agents first), an L2 contact, a queue, or any
 * number typed; straight away (blind) or after talking to the target first (consult). Escape closes.
 */
export const TransferForm = ({ callId, targets, onTransfer, onClose }: TransferProps) => {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [picked, setPicked] = useState('');
  const id = `transfer-${callId}`;
  const target = (picked || number).trim();
  const go = (mode: 'blind' | 'consult') => {
    if (target) onTransfer(target, mode);
  };
  const any = targets.colleagues.length + targets.contacts.length + targets.queues.length > 0;
  return (
    <form
      className="call-panel transfer-form"
      onSubmit={(e) => {
        e.preventDefault();
        go('blind');
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      {any && (
        <>
          <label htmlFor={`${id}-pick`}>{t('phone.transferPick')}</label>
          <select id={`${id}-pick`} value={picked} onChange={(e) => setPicked(e.target.value)}>
            <option value="">{t('phone.transferOther')}</option>
            {(['colleagues', 'contacts', 'queues'] as const).map(
              (k) =>
                targets[k].length > 0 && (
                  <optgroup key={k} label={t(`phone.transferGroup.${k}`)}>
                    {targets[k].map((x) => (
                      <option key={x.value} value={x.value}>
                        {x.label}
                      </option>
                    ))}
                  </optgroup>
                ),
            )}
          </select>
        </>
      )}
      {!picked && (
        <>
          <label htmlFor={id}>{t('phone.transferTo')}</label>
          <input id={id} type="tel" value={number} onChange={(e) => setNumber(e.target.value)} autoComplete="off" aria-describedby={`${id}-hint`} autoFocus />
        </>
      )}
      <button type="submit" className="primary" disabled={!target}>
        {t('phone.transferNow')}
      </button>
      <button type="button" disabled={!target} onClick={() => go('consult')}>
        {t('phone.consultFirst')}
      </button>
      <button type="button" onClick={onClose}>
        {t('phone.cancel')}
      </button>
      <span id={`${id}-hint`} className="field-hint">
        {t('phone.transferHint')}
      </span>
    </form>
  );
};

type KeypadProps = { digits: string; onDigit: (digit: string) => void; onClose: () => void };

/** The DTMF keypad of a call: buttons, or digits typed while it has the keyboard. Escape closes. */
export const Keypad = ({ digits, onDigit, onClose }: KeypadProps) => {
  const { t } = useTranslation();
  return (
    <div
      className="call-panel keypad-panel"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        } else if (!e.ctrlKey && !e.altKey && !e.metaKey && isDtmfDigit(e.key)) {
          e.preventDefault();
          onDigit(e.key.toUpperCase());
        }
      }}
    >
      <div role="group" aria-label={t('phone.keypadDigits')} className="keypad">
        {DIGITS.map((d, i) => (
          <button key={d} type="button" onClick={() => onDigit(d)} autoFocus={i === 0}>
            {d}
          </button>
        ))}
      </div>
      <output className="keypad-sent" aria-live="polite">
        {digits ? t('phone.digitsSent', { digits }) : ''}
      </output>
    </div>
  );
};
