import { describe, expect, it } from 'vitest';
import { DEFAULT_TOUCHPOINTS } from '../../../src-shared/desk/touchpoint';
import { changedFields, emptyFields, validateFields } from './form';

describe('validateFields', () => {
  it('asks for a subject on an empty form', () => {
    expect(validateFields(emptyFields(), DEFAULT_TOUCHPOINTS)).toEqual({ subject: { key: 'required' } });
  });

  it('accepts a complete ticket', () => {
    expect(validateFields({ ...emptyFields(), subject: 'Printer jam', phone: '+86 (10) 1234-5678', email: 'a@b.cn' }, DEFAULT_TOUCHPOINTS)).toEqual({});
  });

  it('names each bad field with its own message', () => {
    const errors = validateFields(
      { ...emptyFields(), subject: 'x'.repeat(201), phone: 'call me', email: 'nope', touchpoint: 'A1' },
      DEFAULT_TOUCHPOINTS,
    );
    expect(errors).toEqual({
      subject: { key: 'tooLong', max: 200 },
      phone: { key: 'phoneChars' },
      email: { key: 'email' },
      touchpoint: { key: 'touchpoint' },
    });
  });

  it('refuses a well-formed code that the desk does not know', () => {
    expect(validateFields({ ...emptyFields(), subject: 's', touchpoint: 'ZZ4001' }, DEFAULT_TOUCHPOINTS)).toEqual({ touchpoint: { key: 'unknownTouchpoint' } });
    expect(validateFields({ ...emptyFields(), subject: 's', touchpoint: 'ZZ4001' }, null)).toEqual({});
  });

  it('checks only the given fields when partial', () => {
    expect(validateFields({ phone: '123' }, DEFAULT_TOUCHPOINTS, true)).toEqual({});
    expect(validateFields({ subject: ' ' }, DEFAULT_TOUCHPOINTS, true)).toEqual({ subject: { key: 'required' } });
  });
});

describe('changedFields', () => {
  it('keeps only the values that differ from the ticket', () => {
    const t = { ...emptyFields(), subject: 'a' };
    expect(changedFields(t, { subject: 'a', phone: '1', urgency: 'medium' })).toEqual({ phone: '1' });
  });
});
