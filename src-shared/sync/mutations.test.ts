import { describe, expect, it } from 'vitest';
import { mutationSchema } from './mutations';
import { MAX_PUSH, pushRequestSchema } from './protocol';
import { FIELDS, IDS } from '../testing/fixtures';

const env = { id: IDS.note, clientId: IDS.client, seq: 1, at: '2026-11-23T09:00:00.000Z', ticketId: IDS.ticket };

describe('mutation validation', () => {
  it('accepts a complete createTicket', () => {
    expect(mutationSchema.safeParse({ ...env, kind: 'createTicket', fields: FIELDS, groupId: IDS.l1, assigneeId: null }).success).toBe(true);
  });

  it('refuses a ticket without a subject, with a bad e-mail, a bad touchpoint or a bad phone, naming the field', () => {
    const cases: [Partial<typeof FIELDS>, string][] = [
      [{ subject: '  ' }, 'subject'],
      [{ email: 'not-an-email' }, 'email'],
      [{ touchpoint: 'XX99' }, 'touchpoint'],
      [{ phone: 'call me maybe' }, 'phone'],
    ];
    for (const [bad, field] of cases) {
      const r = mutationSchema.safeParse({ ...env, kind: 'createTicket', fields: { ...FIELDS, ...bad }, groupId: null, assigneeId: null });
      expect(r.success).toBe(false);
      expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(`fields.${field}`);
    }
  });

  it('accepts an empty e-mail (callers often have none)', () => {
    expect(mutationSchema.safeParse({ ...env, kind: 'createTicket', fields: { ...FIELDS, email: '' }, groupId: null, assigneeId: null }).success).toBe(true);
  });

  it('refuses unknown kinds, non-positive seqs, unknown statuses and empty notes', () => {
    expect(mutationSchema.safeParse({ ...env, kind: 'dropTable' }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...env, seq: 0, kind: 'addNote', noteId: IDS.note, body: 'x' }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...env, kind: 'changeStatus', to: 'done' }).success).toBe(false);
    expect(mutationSchema.safeParse({ ...env, kind: 'addNote', noteId: IDS.note, body: '   ' }).success).toBe(false);
  });

  it('caps a push at MAX_PUSH mutations and refuses an empty one', () => {
    const note = { ...env, kind: 'addNote', noteId: IDS.note, body: 'x' };
    expect(pushRequestSchema.safeParse({ clientId: IDS.client, mutations: [] }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ clientId: IDS.client, mutations: Array.from({ length: MAX_PUSH + 1 }, (_, i) => ({ ...note, seq: i + 1 })) }).success).toBe(false);
  });
});
