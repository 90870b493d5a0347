import type { TFunction } from 'i18next';
import type { Mutation } from '../../../src-shared/sync/mutations';
import { LEVELS } from '../../../src-shared/ticket/priority';
import { TICKET_TYPES } from '../../../src-shared/ticket/model';
import { TICKET_STATUSES } from '../../../src-shared/ticket/status';
import { assignmentLabel, type Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { oneOf } from './choices';

const FIELD_KEYS = [
  'type', 'touchpoint', 'impact', 'urgency', 'priority', 'callerName', 'organisation', 'phone', 'email', 'deviceModel',
  'deviceSerial', 'subject', 'description', 'status', 'escalationLevel', 'assignment', 'created', 'conflictResolved',
] as const;

/** A history or mutation field name in the interface language. */
export const fieldLabel = (t: TFunction, field: string): string => {
  const k = oneOf(FIELD_KEYS, field);
  return k ? t(`field.${k}`) : field;
};

const isAssignment = (v: unknown): v is { groupId: string | null; assigneeId: string | null } =>
  typeof v === 'object' && v !== null && 'groupId' in v && 'assigneeId' in v;

export type Describe = { t: TFunction; names: Names; lang: Language };

const words = (t: TFunction) => ({ unknownUser: t('common.unknownUser'), unknownGroup: t('common.unknownGroup'), unassigned: t('common.unassigned') });

/** A value from history (any field) as the agent reads it. */
export const valueText = ({ t, names, lang }: Describe, field: string, v: unknown): string => {
  if (v === null || v === undefined || v === '') return t('common.none');
  if (isAssignment(v)) return assignmentLabel(names, v.groupId, v.assigneeId, lang, words(t));
  if (typeof v === 'string') {
    if (field === 'status' || field === 'created') {
      const s = oneOf(TICKET_STATUSES, v);
      if (s) return t(`status.${s}`);
    }
    if (field === 'type') {
      const x = oneOf(TICKET_TYPES, v);
      if (x) return t(`ticketType.${x}`);
    }
    if (field === 'impact' || field === 'urgency') {
      const l = oneOf(LEVELS, v);
      if (l) return t(`level.${l}`);
    }
    return v;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
};

/** One line saying what a mutation tried to do ("Move to Resolved", "Change fields: Phone, E-mail"). */
export const attemptText = (d: Describe, m: Mutation): string => {
  const { t, names, lang } = d;
  switch (m.kind) {
    case 'createTicket':
      return t('rejection.kind.createTicket');
    case 'setFields':
      return t('rejection.kind.setFields', { fields: Object.keys(m.fields).map((f) => fieldLabel(t, f)).join(', ') });
    case 'addNote':
      return t('rejection.kind.addNote');
    case 'assign':
      return t('rejection.kind.assign', { assignment: assignmentLabel(names, m.groupId, m.assigneeId, lang, words(t)) });
    case 'changeStatus':
      return t('rejection.kind.changeStatus', { status: t(`status.${m.to}`) });
    case 'escalate':
      return t('rejection.kind.escalate', { level: String(m.level) });
    case 'resolveConflict':
      return t('rejection.kind.resolveConflict', { assignment: assignmentLabel(names, m.choice.groupId, m.choice.assigneeId, lang, words(t)) });
  }
};

/** Assignment label with the standard fallback words. */
export const assignmentText = ({ t, names, lang }: Describe, groupId: string | null, assigneeId: string | null): string =>
  assignmentLabel(names, groupId, assigneeId, lang, words(t));
