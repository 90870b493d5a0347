import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dial } from './phone';
import { usePhoneStore } from './store';

type Props = {
  /** What to dial: a number, or a SIP address. */
  number: string;
  /** Who it is, for the button's name ("Call 李雷 (2001)"); the number by default. */
  name?: string;
  className?: string;
};

/**
 * Click-to-dial: a small "Call" button for a phone number anywhere in the app (a ticket's
 * caller, the call log). Named "Call 13800138000"; disabled while the phone is not registered
 * or the number is empty.
 */
export const CallButton = ({ number, name, className }: Props) => {
  const { t } = useTranslation();
  const registered = usePhoneStore((s) => s.view.registration.status === 'registered');
  const [busy, setBusy] = useState(false);
  const target = number.trim();
  return (
    <button
      type="button"
      className={`call-button${className ? ` ${className}` : ''}`}
      disabled={!registered || busy || !target}
      aria-label={t('phone.callNumber', { number: name ?? target })}
      onClick={() => {
        setBusy(true);
        void dial(target).finally(() => setBusy(false));
      }}
    >
      {t('phone.dialButton')}
    </button>
  );
};
