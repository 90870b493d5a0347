import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call } from '../../../src-shared/calls';
import { Badge } from '../../ui/bits';
import { formatDuration } from '../../ui/format';
import { callActions, timerStart, type CallAction } from './actions';
import { Keypad, TransferForm } from './CallPanels';
import type { TransferGroups } from './targets';

type Props = {
  call: Call;
  now: number;
  /** Who the other party is when we know better than the number (a colleague: "Name (工号)"). */
  who?: string;
  targets: TransferGroups;
  /** "咨询 (8001)", "Direct", "Outgoing". */
  queueLabel: string;
  /** For a consult call: the number of the caller waiting for it. */
  consultForNumber?: string;
  digits: string;
  focusAnswer: boolean;
  busy: boolean;
  onAnswerFocused: () => void;
  onAction: (action: CallAction) => void;
  onTransfer: (target: string, mode: 'blind' | 'consult') => void;
  onDigit: (digit: string) => void;
};

type Panel = 'transfer' | 'keypad' | null;

/** One call in the call bar: who, which queue, its state and timer, and the buttons its state allows. */
export const CallCard = ({ call, now, who, targets, queueLabel, consultForNumber, digits, focusAnswer, busy, onAnswerFocused, onAction, onTransfer, onDigit }: Props) => {
  const { t } = useTranslation();
  const [panel, setPanel] = useState<Panel>(null);
  const answerRef = useRef<HTMLButtonElement>(null);
  const panelButton = useRef<Record<'transfer' | 'keypad', HTMLButtonElement | null>>({ transfer: null, keypad: null });
  const actions = callActions(call);
  const open: Panel = panel && actions.includes(panel) ? panel : null;
  const number = who ?? (call.remote.number || call.remote.uri);
  const inbound = call.direction === 'inbound';
  const state = call.state.name;

  useEffect(() => {
    if (focusAnswer && answerRef.current) {
      answerRef.current.focus();
      onAnswerFocused();
    }
  }, [focusAnswer, onAnswerFocused]);

  const close = (p: 'transfer' | 'keypad') => {
    setPanel(null);
    panelButton.current[p]?.focus();
  };

  const button = (a: CallAction) => {
    switch (a) {
      case 'answer':
        return (
          <button key={a} ref={answerRef} type="button" className="primary answer" disabled={busy} aria-label={t('phone.answerNamed', { number })} onClick={() => onAction(a)}>
            {t('phone.answer')}
          </button>
        );
      case 'decline':
        return (
          <button key={a} type="button" className="danger" disabled={busy} aria-label={t('phone.declineNamed', { number })} onClick={() => onAction(a)}>
            {t('phone.decline')}
          </button>
        );
      case 'transfer':
      case 'keypad':
        return (
          <button
            key={a}
            ref={(el) => {
              panelButton.current[a] = el;
            }}
            type="button"
            aria-expanded={open === a}
            disabled={busy && open !== a}
            onClick={() => setPanel(open === a ? null : a)}
          >
            {t(`phone.${a}`)}
          </button>
        );
      case 'hangup':
        return (
          <button key={a} type="button" className="danger hangup" disabled={busy} onClick={() => onAction(a)}>
            {t('phone.hangup')}
          </button>
        );
      case 'completeTransfer':
        return (
          <button key={a} type="button" className="primary" disabled={busy} onClick={() => onAction(a)}>
            {t('phone.completeTransfer')}
          </button>
        );
      default:
        return (
          <button key={a} type="button" disabled={busy} onClick={() => onAction(a)}>
            {t(`phone.${a}`)}
          </button>
        );
    }
  };

  return (
    <article className={`call-card state-${state}${call.consultFor ? ' consult-leg' : ''}`} aria-label={t(inbound ? 'phone.callFrom' : 'phone.callTo', { number })}>
      <div className="call-main">
        <span className="call-dir" aria-hidden="true">
          {inbound ? '↘' : '↗'}
        </span>
        <span className="call-who">
          <strong className="call-number">{number}</strong>
          {call.remote.displayName && !who && <span className="call-name">{call.remote.displayName}</span>}
        </span>
        <Badge tone={inbound && call.queue ? 'info' : 'neutral'}>{consultForNumber ? t('phone.consultFor', { number: consultForNumber }) : queueLabel}</Badge>
        <span className="call-state">
          {t(`phone.state.${state}`)}
          {call.muted && (
            <>
              {' '}
              <Badge tone="warn">{t('phone.muted')}</Badge>
            </>
          )}
        </span>
        <span className="call-timer" role="timer" aria-label={t('phone.duration', { time: formatDuration(now - timerStart(call)) })}>
          {formatDuration(now - timerStart(call))}
        </span>
        <span className="call-actions">{actions.map(button)}</span>
      </div>
      {open === 'transfer' && <TransferForm callId={call.id} targets={targets} onTransfer={(target, mode) => { setPanel(null); onTransfer(target, mode); }} onClose={() => close('transfer')} />}
      {open === 'keypad' && <Keypad digits={digits} onDigit={onDigit} onClose={() => close('keypad')} />}
    </article>
  );
};
