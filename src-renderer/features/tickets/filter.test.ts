import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../../src-shared/ticket/model';
import { emptyFields } from './form';
import { filterTickets } from './filter';

const ticket = (id: string, over: Partial<Ticket>): Ticket => ({
  ...emptyFields(),
  id,
  number: null,
  priority: 'P3',
  status: 'new',
  groupId: null,
  assigneeId: null,
  assignedBy: null,
  assignedAt: null,
  escalationLevel: 0,
  createdBy: 'u',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  version: 0,
  fieldVersions: {},
  ...over,
});

const tickets = [
  ticket('a', { subject: 'Printer jam', number: 12, updatedAt: '2025-01-02T00:00:00.000Z' }),
  ticket('b', { subject: '网络故障', callerName: '张三', status: 'closed', updatedAt: '2025-01-03T00:00:00.000Z' }),
  ticket('c', { subject: 'VPN', organisation: 'Acme Ltd', updatedAt: '2025-01-04T00:00:00.000Z' }),
];

describe('filterTickets', () => {
  it('shows open tickets, newest change first', () => {
    expect(filterTickets(tickets, { scope: 'open', text: '' }).map((t) => t.id)).toEqual(['c', 'a']);
  });
  it('shows all tickets when asked', () => {
    expect(filterTickets(tickets, { scope: 'all', text: '' }).map((t) => t.id)).toEqual(['c', 'b', 'a']);
  });
  it('matches every word of the text in number, subject and caller fields', () => {
    expect(filterTickets(tickets, { scope: 'all', text: '张三' }).map((t) => t.id)).toEqual(['b']);
    expect(filterTickets(tickets, { scope: 'all', text: 'acme vpn' }).map((t) => t.id)).toEqual(['c']);
    expect(filterTickets(tickets, { scope: 'all', text: '12' }).map((t) => t.id)).toEqual(['a']);
  });
});
