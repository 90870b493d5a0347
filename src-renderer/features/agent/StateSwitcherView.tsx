import { useTranslation } from 'react-i18next';
import type { AgentState, AgentStatus, AgentTarget } from '../../../src-shared/agent';
import type { Language } from '../../i18n';
import { formatDuration, localName } from '../../ui/format';
import type { PresenceDelivery } from './presence';
import type { NotReadyReason } from './reasons';
import type { Refusal } from './store';
import type { ReadyBlock } from './wiring';

type Props = {
  state: AgentState;
  now: number;
  reasons: readonly NotReadyReason[];
  lang: Language;
  block: ReadyBlock | null;
  refusal: Refusal | null;
  checking: boolean;
  delivery: PresenceDelivery;
  onRequest: (target: AgentTarget) => void;
  onAcwDone: () => void;
  onCheckAgain: () => void;
  onDismiss: () => void;
};

const SYSTEM = ['signed_in', 'telephony_down', 'preflight_failed'] as const;
type SystemReason = (typeof SYSTEM)[number];
const systemReason = (r: string): SystemReason | undefined => SYSTEM.find((x) => x === r);

/**
 * The agent-state switcher: the state now (and for how long), a select to change it (kept
 * for after the call while on a call), "After-call work done", the state asked for next, and
 * why Ready cannot be chosen when it cannot.
 */
export const StateSwitcherView = ({ state, now, reasons, lang, block, refusal, checking, delivery, onRequest, onAcwDone, onCheckAgain, onDismiss }: Props) => {
  const { t } = useTranslation();
  const reasonName = (id: string): string => {
    const sys = systemReason(id);
    if (sys) return t(`agent.systemReason.${sys}`);
    const r = reasons.find((x) => x.id === id);
    return r ? localName(r, lang) : id;
  };
  const label = (s: AgentStatus | AgentTarget): string =>
    s.name === 'not_ready' ? t('agent.status.notReadyReason', { reason: reasonName(s.reason) }) : t(`agent.status.${s.name}`);
  const st = state.status;
  const duringCall = st.name === 'on_call' || st.name === 'after_call_work';
  const acwLeft = st.name === 'after_call_work' && st.until !== undefined ? st.until - now : undefined;
  const telephonyDown = st.name === 'not_ready' && st.reason === 'telephony_down';
  const why = telephonyDown
    ? t('agent.why.telephony_down')
    : block?.why === 'not_configured'
      ? t('agent.why.not_configured')
      : block?.why === 'telephony_down'
        ? t('agent.why.telephony_down_short')
        : block?.why === 'preflight'
          ? t('agent.why.preflight', { parts: block.failed.map((p) => t(`agent.part.${p}`)).join(lang === 'zh-CN' ? '、' : ' and ') })
          : null;
  const refusalText = refusal
    ? refusal.code === 'INVALID_MOVE' || refusal.code === 'CHECK_FAILED'
      ? t(`agent.refusal.${refusal.code}`, { message: refusal.message })
      : t(`agent.refusal.${refusal.code}`)
    : null;

  return (
    <div className="agent-state">
      <span className={`agent-chip status-${st.name}${telephonyDown ? ' is-down' : ''}`}>
        <span role="status" aria-label={t('agent.accessibleName', { state: label(st) })}>
          {label(st)}
        </span>
        <span className="agent-timer" aria-hidden="true">
          {acwLeft !== undefined ? t('agent.acwLeft', { time: formatDuration(acwLeft) }) : formatDuration(now - state.since)}
        </span>
      </span>
      <span className="agent-select">
        <label htmlFor="agent-state-select">{duringCall ? t('agent.afterCall') : t('agent.change')}</label>
        <select
          id="agent-state-select"
          value=""
          aria-describedby={why ? 'agent-why' : undefined}
          disabled={checking || st.name === 'offline'}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'ready') onRequest({ name: 'ready' });
            else if (v.startsWith('nr:')) onRequest({ name: 'not_ready', reason: v.slice(3) });
          }}
        >
          <option value="">{t('agent.choose')}</option>
          <option value="ready" disabled={block !== null}>
            {block ? t('agent.readyUnavailable') : t('agent.ready')}
          </option>
          {reasons.map((r) => (
            <option key={r.id} value={`nr:${r.id}`}>
              {t('agent.status.notReadyReason', { reason: localName(r, lang) })}
            </option>
          ))}
        </select>
      </span>
      {st.name === 'after_call_work' && (
        <button type="button" className="primary" onClick={onAcwDone}>
          {t('agent.acwDone')}
        </button>
      )}
      {duringCall && state.requested && <span className="agent-next">{t('agent.next', { state: label(state.requested) })}</span>}
      {checking && (
        <span className="bar-note muted" role="status">
          {t('agent.checking')}
        </span>
      )}
      {why && !checking && (
        <p id="agent-why" className={`bar-note agent-why${telephonyDown ? ' tone-bad' : ''}`}>
          {why}
          {block?.why === 'preflight' && (
            <>
              {' '}
              <button type="button" className="link" onClick={onCheckAgain}>
                {t('agent.checkAgain')}
              </button>
            </>
          )}
        </p>
      )}
      {refusalText && (
        <div role="alert" className="bar-note agent-refusal">
          {refusalText}{' '}
          <button type="button" className="link" onClick={onDismiss}>
            {t('phone.dismiss')}
          </button>
        </div>
      )}
      {delivery.state === 'retrying' && (
        <span className="presence-note" title={t('agent.presence.retrying')}>
          {t('agent.presence.notReported')}
        </span>
      )}
      {delivery.state === 'refused' && <span className="bar-note presence-note tone-bad">{t('agent.presence.refused', { message: delivery.message })}</span>}
    </div>
  );
};
