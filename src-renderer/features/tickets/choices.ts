import type { TFunction } from 'i18next';
import { LEVELS, type Level } from '../../../src-shared/ticket/priority';
import { TICKET_TYPES, type TicketType } from '../../../src-shared/ticket/model';
import { TICKET_STATUSES, type TicketStatus } from '../../../src-shared/ticket/status';
import type { Option } from '../../ui/fields';
import type { FieldError } from './form';

/** `v` when it is one of `list`, else undefined (narrows a select's string without a cast). */
export const oneOf = <T extends string>(list: readonly T[], v: string): T | undefined => list.find((x) => x === v);

export const typeOptions = (t: TFunction): Option[] => TICKET_TYPES.map((v: TicketType) => ({ value: v, label: t(`ticketType.${v}`) }));
export const levelOptions = (t: TFunction): Option[] => LEVELS.map((v: Level) => ({ value: v, label: t(`level.${v}`) }));
export const statusLabel = (t: TFunction, s: TicketStatus): string => t(`status.${s}`);
export const isStatus = (v: string): v is TicketStatus => oneOf(TICKET_STATUSES, v) !== undefined;

/** The agent-language message for a validation problem. */
export const errorText = (t: TFunction, e: FieldError | undefined): string | undefined =>
  e === undefined ? undefined : e.key === 'tooLong' ? t('validation.tooLong', { max: String(e.max ?? 0) }) : t(`validation.${e.key}`);
