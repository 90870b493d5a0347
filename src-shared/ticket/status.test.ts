import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, canMove, isOpenStatus, nextStatuses, statusAfterAssign } from './status';

describe('ticket state machine', () => {
  it('follows the desk flow from new to closed through resolution and callback', () => {
    const path = ['new', 'assigned', 'in_progress', 'resolved', 'callback_done', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('lets the first line resolve a ticket on first contact', () => {
    expect(canMove('new', 'resolved')).toBe(true);
  });

  it('reopens resolved, called-back and closed tickets, and reopened ones are work again', () => {
    for (const s of ['resolved', 'callback_done', 'closed'] as const) expect(canMove(s, 'reopened')).toBe(true);
    expect(isOpenStatus('reopened')).toBe(true);
    expect(canMove('reopened', 'in_progress')).toBe(true);
  });

  it('never leaves cancelled, and nothing jumps back to new', () => {
    expect(nextStatuses('cancelled')).toEqual([]);
    for (const s of TICKET_STATUSES) expect(canMove(s, 'new')).toBe(false);
  });

  it('refuses impossible moves', () => {
    expect(canMove('new', 'closed')).toBe(false);
    expect(canMove('new', 'callback_done')).toBe(false);
    expect(canMove('closed', 'in_progress')).toBe(false);
    expect(canMove('in_progress', 'assigned')).toBe(false);
  });

  it('moves new and reopened tickets to assigned when they are assigned, leaves others', () => {
    expect(statusAfterAssign('new')).toBe('assigned');
    expect(statusAfterAssign('reopened')).toBe('assigned');
    expect(statusAfterAssign('in_progress')).toBe('in_progress');
  });
});
