import { useTranslation } from 'react-i18next';
import type { PhoneStatusView } from './status';

/**
 * The telephony status in a few words ("Telephony: ready", or why there is none), announced
 * politely when it changes; the retry countdown is shown but not announced every second.
 */
export const PhoneStatusChip = ({ status }: { status: PhoneStatusView }) => {
  const { t } = useTranslation();
  const why = status.reason ? t(`phone.downReason.${status.reason}`) : undefined;
  const text = t('phone.statusName', { status: t(`phone.status.${status.key}`) });
  return (
    <span className={`phone-status tone-${status.tone}`} data-status={status.key} title={why}>
      <span className="phone-dot" aria-hidden="true" />
      <span role="status" aria-label={why ? `${text} ${why}` : text}>
        {text}
      </span>
      {status.seconds !== undefined && <span aria-hidden="true"> · {t('phone.status.retryIn', { seconds: String(status.seconds) })}</span>}
    </span>
  );
};
