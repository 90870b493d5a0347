import { describe, expect, it } from 'vitest';
import { applyMutation, type Applied } from './apply';
import type { Mutation } from '../sync/mutations';
import type { Result } from '../result';
import { FIELDS, IDS, serverContext } from '../testing/fixtures';

const env = (seq: number) => ({ id: `0190a0a0-0000-7000-9000-${String(seq).padStart(12, '0')}`, clientId: IDS.client, seq, at: '2026-11-23T09:00:00.000Z', ticketId: IDS.ticket });
const value = (r: Result<Applied>): Applied => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const created = (version = 1) =>
  value(applyMutation(undefined, { ...env(1), kind: 'createTicket', fields: FIELDS, groupId: IDS.l1, assigneeId: IDS.agentA } satisfies Mutation, serverContext(IDS.agentA, version))).ticket;

describe('applyMutation', () => {
  it('creates an assigned ticket with priority from the matrix and versions on every field', () => {
    const t = created(7);
    expect(t.status).toBe('assigned');
    expect(t.priority).toBe('P2');
    expect(t.fieldVersions.subject).toBe(7);
    expect(t.fieldVersions.assignment).toBe(7);
  });

  it('recomputes priority when urgency changes and records both in history', () => {
    const r = value(applyMutation(created(), { ...env(2), kind: 'setFields', fields: { urgency: 'low' }, base: { urgency: 1 } }, serverContext(IDS.agentA, 2)));
    expect(r.ticket.priority).toBe('P4');
    expect(r.history.map((h) => h.field)).toEqual(['urgency', 'priority']);
  });

  it('lets the later arrival win a plain field and keeps the overwritten value in history, marked concurrent', () => {
    const t0 = created(1);
    const a = value(applyMutation(t0, { ...env(2), kind: 'setFields', fields: { subject: 'A' }, base: { subject: 1 } }, serverContext(IDS.agentA, 2))).ticket;
    const b = value(applyMutation(a, { ...env(3), kind: 'setFields', fields: { subject: 'B' }, base: { subject: 1 } }, serverContext(IDS.agentB, 3)));
    expect(b.ticket.subject).toBe('B');
    expect(b.history).toEqual([{ field: 'subject', from: 'A', to: 'B', concurrent: true }]);
  });

  it('opens a conflict when two people reassign the same ticket from the same copy', () => {
    const t0 = created(1);
    const a = value(applyMutation(t0, { ...env(2), kind: 'assign', groupId: IDS.l2, assigneeId: IDS.expert, base: { assignment: 1 } }, serverContext(IDS.agentB, 2)));
    expect(a.opened).toBeUndefined();
    const b = value(applyMutation(a.ticket, { ...env(3), kind: 'assign', groupId: IDS.l1, assigneeId: IDS.agentA, base: { assignment: 1 } }, serverContext(IDS.agentA, 3)));
    expect(b.ticket.assigneeId).toBe(IDS.agentA);
    expect(b.opened?.participants.sort()).toEqual([IDS.agentA, IDS.agentB].sort());
    expect(b.opened?.sides[0]).toMatchObject({ userId: IDS.agentB, assigneeId: IDS.expert });
    expect(b.opened?.sides[1]).toMatchObject({ userId: IDS.agentA, assigneeId: IDS.agentA });

    const resolved = value(applyMutation(b.ticket, { ...env(4), kind: 'resolveConflict', conflictId: b.opened!.id, choice: { groupId: IDS.l2, assigneeId: IDS.expert } }, serverContext(IDS.agentB, 4, [b.opened!])));
    expect(resolved.ticket.assigneeId).toBe(IDS.expert);
    expect(resolved.closed?.status).toBe('resolved');
    const again = applyMutation(resolved.ticket, { ...env(5), kind: 'resolveConflict', conflictId: b.opened!.id, choice: { groupId: IDS.l1, assigneeId: null } }, serverContext(IDS.agentA, 5, [resolved.closed!]));
    expect(again.ok || again.error.code).toBe('CONFLICT_CLOSED');
  });

  it('refuses an impossible status move and a cancelled ticket stays cancelled', () => {
    const t = created();
    const bad = applyMutation(t, { ...env(2), kind: 'changeStatus', to: 'closed' }, serverContext(IDS.agentA, 2));
    expect(bad.ok || bad.error.code).toBe('INVALID_TRANSITION');
    const cancelled = value(applyMutation(t, { ...env(3), kind: 'changeStatus', to: 'cancelled' }, serverContext(IDS.agentA, 3))).ticket;
    const reassign = applyMutation(cancelled, { ...env(4), kind: 'assign', groupId: IDS.l2, assigneeId: null, base: { assignment: 3 } }, serverContext(IDS.agentA, 4));
    expect(reassign.ok || reassign.error.code).toBe('INVALID_TRANSITION');
  });

  it('keeps the highest escalation level', () => {
    const t = value(applyMutation(created(), { ...env(2), kind: 'escalate', level: 2 }, serverContext(IDS.agentA, 2))).ticket;
    expect(value(applyMutation(t, { ...env(3), kind: 'escalate', level: 1 }, serverContext(IDS.agentA, 3))).ticket.escalationLevel).toBe(2);
  });

  it('refuses unknown touchpoints, unknown groups and assignees outside the group', () => {
    const tp = applyMutation(created(), { ...env(2), kind: 'setFields', fields: { touchpoint: 'AA4999' }, base: {} }, serverContext(IDS.agentA, 2));
    expect(tp.ok || tp.error.code).toBe('UNKNOWN_TOUCHPOINT');
    const g = applyMutation(created(), { ...env(2), kind: 'assign', groupId: IDS.note, assigneeId: null, base: {} }, serverContext(IDS.agentA, 2));
    expect(g.ok || g.error.code).toBe('UNKNOWN_GROUP');
    const m = applyMutation(created(), { ...env(2), kind: 'assign', groupId: IDS.l2, assigneeId: IDS.agentA, base: {} }, serverContext(IDS.agentA, 2));
    expect(m.ok || m.error.code).toBe('NOT_A_MEMBER');
  });

  it('appends notes without touching fields', () => {
    const t = created();
    const r = value(applyMutation(t, { ...env(2), kind: 'addNote', noteId: IDS.note, body: '已电话确认' }, serverContext(IDS.agentA, 2)));
    expect(r.note).toMatchObject({ id: IDS.note, body: '已电话确认', authorId: IDS.agentA });
    expect(r.ticket.fieldVersions).toEqual(t.fieldVersions);
  });
});
