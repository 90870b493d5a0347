import { useState } from 'react';
import { useTranslation } from 'react-i18next';

type Props = { disabled: boolean; busy: boolean; onDial: (number: string) => Promise<boolean> };

/** The dial box: a number and Call (Enter dials). The number stays when the call could not be made. */
export const DialForm = ({ disabled, busy, onDial }: Props) => {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  return (
    <form
      className="dial-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (!number.trim()) return;
        void onDial(number).then((ok) => ok && setNumber(''));
      }}
    >
      <label htmlFor="dial-number" className="visually-hidden">
        {t('phone.dialLabel')}
      </label>
      <input id="dial-number" type="tel" inputMode="tel" value={number} onChange={(e) => setNumber(e.target.value)} placeholder={t('phone.dialPlaceholder')} autoComplete="off" />
      <button type="submit" className="primary" disabled={disabled || busy || !number.trim()}>
        {t('phone.dialButton')}
      </button>
    </form>
  );
};
