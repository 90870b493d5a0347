import type { z } from 'zod';
import { editableFieldsSchema, type EditableField, type EditableFields } from '../../../src-shared/ticket/model';
import { DEFAULT_TOUCHPOINT, isKnownTouchpoint, type TouchpointLists } from '../../../src-shared/desk/touchpoint';

/** What a new ticket's form starts with: an incident on the hotline's default touchpoint. */
export const emptyFields = (): EditableFields => ({
  type: 'incident',
  touchpoint: DEFAULT_TOUCHPOINT,
  impact: 'medium',
  urgency: 'medium',
  callerName: '',
  organisation: '',
  phone: '',
  email: '',
  deviceModel: '',
  deviceSerial: '',
  subject: '',
  description: '',
});

/** A validation problem, as an i18n key under `validation.` (plus the limit for `tooLong`). */
export type FieldError = { key: 'required' | 'tooLong' | 'phoneChars' | 'email' | 'touchpoint' | 'unknownTouchpoint' | 'invalid'; max?: number };
export type FieldErrors = Partial<Record<EditableField, FieldError>>;

const isField = (k: unknown): k is EditableField => typeof k === 'string' && k in editableFieldsSchema.shape;

const toError = (field: EditableField, issue: z.core.$ZodIssue): FieldError => {
  if (issue.code === 'too_big') return { key: 'tooLong', max: Number(issue.maximum) };
  if (issue.code === 'too_small') return { key: 'required' };
  if (field === 'email') return { key: 'email' };
  if (field === 'phone') return { key: 'phoneChars' };
  if (field === 'touchpoint') return { key: 'touchpoint' };
  return { key: 'invalid' };
};

/**
 * Checks fields with the shared schema (the same one the server uses) and, when the desk's
 * lists are known, that the touchpoint code is in them. Returns one error per field, the first found.
 */
export const validateFields = (fields: Partial<EditableFields>, lists: TouchpointLists | null, partial = false): FieldErrors => {
  const schema = partial ? editableFieldsSchema.partial() : editableFieldsSchema;
  const parsed = schema.safeParse(fields);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (isField(field) && !errors[field]) errors[field] = toError(field, issue);
    }
  }
  const code = fields.touchpoint;
  if (!errors.touchpoint && code !== undefined && lists && !isKnownTouchpoint(code, lists)) errors.touchpoint = { key: 'unknownTouchpoint' };
  return errors;
};

/** The editable field names present in a partial set of fields. */
export const editableKeys = (fields: Partial<EditableFields>): EditableField[] => Object.keys(fields).filter(isField);

export const hasErrors = (e: FieldErrors): boolean => Object.keys(e).length > 0;

/** The fields whose value in `draft` differs from `ticket` (what "Save changes" sends). */
export const changedFields = (ticket: EditableFields, draft: Partial<EditableFields>): Partial<EditableFields> => {
  const out: Partial<EditableFields> = {};
  for (const k of Object.keys(draft)) {
    if (!isField(k)) continue;
    const v = draft[k];
    if (v !== undefined && v !== ticket[k]) Object.assign(out, { [k]: v });
  }
  return out;
};
