import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../src-shared/calls';
import { useLanguage } from '../../i18n/useLanguage';
import { useNow } from '../../ui/useNow';
import { useSession } from '../auth';
import { useDirectory } from '../sync';
import type { CallAction } from './actions';
import { CallCard } from './CallCard';
import { knownPhoneError, routeLabel } from './labels';
import { PhoneStatusChip } from './PhoneStatusChip';
import * as phone from './phone';
import { phoneStatusOf } from './status';
import { requestAnswerFocus, setPhoneError, usePhoneStore } from './store';
import { colleagueOf, domainOf, transferTargets } from './targets';

const run = (call: Call, a: CallAction): Promise<{ ok: boolean } | undefined> => {
  switch (a) {
    case 'answer':
      return phone.answer(call.id);
    case 'decline':
      return phone.decline(call.id);
    case 'hold':
      return phone.hold(call.id);
    case 'resume':
      return phone.resume(call.id);
    case 'mute':
      return phone.setMuted(call.id, true);
    case 'unmute':
      return phone.setMuted(call.id, false);
    case 'completeTransfer':
      return phone.completeTransfer(call.id);
    case 'returnToCaller':
      return phone.returnToCaller(call.id);
    case 'hangup':
      return phone.hangup(call.id);
    case 'transfer':
    case 'keypad':
      return Promise.resolve(undefined);
  }
};

/**
 * The call bar (always in the shell): the phone's status, then every call with its own
 * buttons; a ringing call is announced; a failed action is shown until dismissed.
 */
export const CallBar = () => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const telephony = usePhoneStore((s) => s.telephony);
  const view = usePhoneStore((s) => s.view);
  const queues = usePhoneStore((s) => s.queues);
  const digits = usePhoneStore((s) => s.dtmf);
  const focusAnswer = usePhoneStore((s) => s.focusAnswer);
  const error = usePhoneStore((s) => s.error);
  const aor = usePhoneStore((s) => s.aor);
  const directory = useDirectory();
  const session = useSession();
  const me = session.state === 'signed_in' ? session.user.id : null;
  const users = directory?.users;
  const groups = directory?.groups;
  const targets = useMemo(
    () => transferTargets({ users: users ?? [], groups: groups ?? [], queues, me, domain: domainOf(aor), lang, roleName: (r) => t(`phone.role.${r}`) }),
    [users, groups, queues, me, aor, lang, t],
  );
  const whoOf = (c: Call): string | undefined => colleagueOf(c.remote.number, users ?? []);
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  // Answer clicked: shown as connecting at once (the phone reports an answer once its audio is connected)
  const [answerClicked, setAnswerClicked] = useState<readonly string[]>([]);
  const calls = view.calls;
  const shown = (c: Call): Call => (c.state.name === 'ringing' && answerClicked.includes(c.id) ? { ...c, state: { name: 'answering' } } : c);
  const ticking = calls.length > 0 || view.registration.status === 'down';
  const now = useNow(ticking);
  const status = phoneStatusOf(telephony, view.registration, now);
  const words = { direct: t('phone.direct'), outgoing: t('phone.outgoing') };
  const answered = useCallback(() => requestAnswerFocus(null), []);
  const ringing = calls.filter((c) => shown(c).state.name === 'ringing');
  const known = error ? knownPhoneError(error.code) : null;

  const act = (call: Call, a: CallAction) => {
    setBusy((b) => ({ ...b, [call.id]: true }));
    setPhoneError(null);
    if (a === 'answer') setAnswerClicked((ids) => [...ids.filter((id) => calls.some((c) => c.id === id)), call.id]);
    void run(call, a)
      .then((r) => {
        if (a === 'answer' && r?.ok === false) setAnswerClicked((ids) => ids.filter((id) => id !== call.id));
      })
      .finally(() => setBusy(({ [call.id]: _done, ...rest }) => rest));
  };
  const transfer = (call: Call, target: string, mode: 'blind' | 'consult') => {
    setBusy((b) => ({ ...b, [call.id]: true }));
    setPhoneError(null);
    void (mode === 'blind' ? phone.transfer(call.id, target) : phone.consult(call.id, target)).finally(() => setBusy(({ [call.id]: _done, ...rest }) => rest));
  };

  return (
    <div className="call-bar">
      <PhoneStatusChip status={status} />
      {calls.length > 0 && (
        <ul className="call-list" aria-label={t('phone.callsLabel')}>
          {calls.map((c) => {
            const waitingFor = c.consultFor ? calls.find((x) => x.id === c.consultFor) : undefined;
            return (
              <li key={c.id}>
                <CallCard
                  call={shown(c)}
                  now={now}
                  {...(whoOf(c) ? { who: whoOf(c) } : {})}
                  targets={targets}
                  queueLabel={routeLabel(c, queues, lang, words)}
                  {...(waitingFor ? { consultForNumber: whoOf(waitingFor) ?? waitingFor.remote.number } : {})}
                  digits={digits[c.id] ?? ''}
                  focusAnswer={focusAnswer === c.id}
                  busy={!!busy[c.id]}
                  onAnswerFocused={answered}
                  onAction={(a) => act(c, a)}
                  onTransfer={(target, mode) => transfer(c, target, mode)}
                  onDigit={(d) => void phone.sendDigits(c.id, d)}
                />
              </li>
            );
          })}
        </ul>
      )}
      <div className="visually-hidden" aria-live="assertive">
        {ringing.map((c) => (
          <p key={c.id}>{t('phone.ringingAnnounce', { number: whoOf(c) ?? (c.remote.number || c.remote.uri), queue: routeLabel(c, queues, lang, words) })}</p>
        ))}
      </div>
      {error && (
        <div role="alert" className="call-error">
          <span>{known ? t(`phone.errors.${known}`) : t('phone.errors.other', { code: error.code })}</span>
          <span className="muted call-error-detail">{error.message}</span>
          <button type="button" className="link" onClick={() => setPhoneError(null)}>
            {t('phone.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
};
