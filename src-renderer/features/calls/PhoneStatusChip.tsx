import { useTranslation } from 'react-i18next';
import type { PhoneStatusView } from './status';

/**
 * The phone's status in a few words (registration, or why there is no phone), announced
 * politely when it changes; the retry countdown is shown but not announced every second.
 */
export const PhoneStatusChip = ({ status }: { status: PhoneStatusView }) => {
  const { t } = useTranslation();
  const text = t(`phone.status.${status.key}`);
  const why = status.reason ? t(`phone.downReason.${status.reason}`) : undefined;
  return (
    <span className={`phone-status tone-${status.tone}`} data-status={status.key} title={why}>
      <span className="phone-dot" aria-hidden="true" />
      <span role="status" aria-label={t('phone.statusName', { status: text })}>
        {text}
        {why && <span className="visually-hidden"> {why}</span>}
      </span>
      {status.seconds !== undefined && <span aria-hidden="true"> · {t('phone.status.retryIn', { seconds: String(status.seconds) })}</span>}
    </span>
  );
};
