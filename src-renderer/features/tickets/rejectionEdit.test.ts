import { describe, expect, it } from 'vitest';
import type { Mutation } from '../../../src-shared/sync/mutations';
import { currentEdit, editOf, payloadOf } from './rejectionEdit';

const env = { id: '0190f0f0-0000-7000-8000-000000000001', clientId: '0190f0f0-0000-7000-8000-000000000002', seq: 3, at: '2025-01-01T00:00:00.000Z', ticketId: '0190f0f0-0000-7000-8000-000000000003' };

describe('rejection edits', () => {
  it('starts from exactly what the agent sent, without the envelope', () => {
    const m: Mutation = { ...env, kind: 'setFields', fields: { touchpoint: 'ZZ4001', subject: 'Printer' }, base: { subject: 2 } };
    const e = editOf(m);
    expect(e).toEqual({ kind: 'setFields', fields: { touchpoint: 'ZZ4001', subject: 'Printer' } });
    expect(payloadOf(e)).toEqual({ fields: { touchpoint: 'ZZ4001', subject: 'Printer' } });
  });

  it('keeps the saved draft of the same kind and ignores a stale one', () => {
    const m: Mutation = { ...env, kind: 'addNote', noteId: env.id, body: 'called back' };
    expect(currentEdit(m, { kind: 'addNote', body: 'called back twice' })).toEqual({ kind: 'addNote', body: 'called back twice' });
    expect(currentEdit(m, { kind: 'escalate', level: 2 })).toEqual({ kind: 'addNote', body: 'called back' });
    expect(currentEdit(m, undefined)).toEqual({ kind: 'addNote', body: 'called back' });
  });
});
