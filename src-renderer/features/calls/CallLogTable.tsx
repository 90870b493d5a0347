import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallOutcome } from '../../../src-shared/calls';
import type { Language } from '../../i18n';
import { Badge, type Tone } from '../../ui/bits';
import { formatDateTime, formatDuration, formatTimeOfDay } from '../../ui/format';
import type { DeskQueue } from './desk';
import { queueName } from './labels';
import { wasCutOff, type CallLogEntry } from './log';

/** Whether an ISO time falls on the same local day as `day` (then the log shows only the time). */
const sameDay = (iso: string, day: Date): boolean => {
  const d = new Date(iso);
  return d.getFullYear() === day.getFullYear() && d.getMonth() === day.getMonth() && d.getDate() === day.getDate();
};

/** A transfer target as the agent knows it: a colleague's name, else the number (user part of a SIP URI). */
const userOf = (target: string, whoOf: (n: string) => string | undefined): string => {
  const user = target.replace(/^sips?:/, '').replace(/@.*$/, '');
  return whoOf(user) ?? user;
};

const OUTCOME_TONE: Record<CallOutcome, Tone> = {
  answered: 'ok',
  missed: 'bad',
  answered_elsewhere: 'neutral',
  declined: 'warn',
  abandoned: 'warn',
  unanswered: 'warn',
  transferred: 'info',
  failed: 'bad',
};

type Props = {
  entries: readonly CallLogEntry[];
  queues: readonly DeskQueue[];
  lang: Language;
  /** The call-back button next to a row's number. */
  renderCall: (number: string, who: string | undefined) => ReactNode;
  /** A colleague's name for a number that is their SIP user. */
  whoOf: (number: string) => string | undefined;
};

/** Every call on this workstation, newest first: direction, number, queue, ring/answer/end times, talk time, outcome. */
export const CallLogTable = ({ entries, queues, lang, renderCall, whoOf }: Props) => {
  const { t } = useTranslation();
  if (entries.length === 0) return <p className="empty">{t('callLog.empty')}</p>;
  const today = new Date();
  return (
    <div className="table-wrap">
      <table className="grid call-log" aria-label={t('callLog.tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('callLog.col.direction')}</th>
            <th scope="col">{t('callLog.col.number')}</th>
            <th scope="col">{t('callLog.col.queue')}</th>
            <th scope="col">{t('callLog.col.ringAt')}</th>
            <th scope="col">{t('callLog.col.answerAt')}</th>
            <th scope="col">{t('callLog.col.endAt')}</th>
            <th scope="col">{t('callLog.col.duration')}</th>
            <th scope="col">{t('callLog.col.outcome')}</th>
            <th scope="col">{t('callLog.col.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} data-outcome={e.outcome}>
              <td className="col-direction">
                <span aria-hidden="true">{e.direction === 'inbound' ? '↘ ' : '↗ '}</span>
                {t(e.direction === 'inbound' ? 'callLog.inbound' : 'callLog.outbound')}
              </td>
              <th scope="row" className="col-number">
                <span className="log-number">{whoOf(e.number) ?? e.number}</span>
                {e.displayName && !whoOf(e.number) && <span className="muted"> {e.displayName}</span>} {renderCall(e.number, whoOf(e.number))}
              </th>
              <td className="col-queue">{e.queue !== undefined ? queueName(e.queue, queues, lang) : t('common.none')}</td>
              <td className="col-time">{sameDay(e.ringAt, today) ? formatTimeOfDay(e.ringAt, lang) : formatDateTime(e.ringAt, lang)}</td>
              <td className="col-time">{e.answerAt ? formatTimeOfDay(e.answerAt, lang) : t('common.none')}</td>
              <td className="col-time">{formatTimeOfDay(e.endAt, lang)}</td>
              <td className="col-duration">{e.answerAt ? formatDuration(e.talkSeconds * 1000) : t('common.none')}</td>
              <td className="col-outcome">
                <Badge tone={wasCutOff(e) ? 'warn' : OUTCOME_TONE[e.outcome]}>{t(`callLog.outcome.${e.outcome}`)}</Badge>
                {wasCutOff(e) && <span className="cut-off">{t('callLog.cutOff')}</span>}
                {e.transferTarget && <span className="muted transfer-to">{t('callLog.transferredTo', { target: userOf(e.transferTarget, whoOf) })}</span>}
              </td>
              <td className="col-notes">
                {e.source === 'other_phone' && <Badge tone="neutral">{t('callLog.otherPhone')}</Badge>}
                {e.notes && <span className="note"> {e.notes}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
