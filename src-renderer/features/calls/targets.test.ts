import { describe, expect, it } from 'vitest';
import type { DirectoryUser, Group } from '../../../src-shared/desk/directory';
import { domainOf, transferTargets } from './targets';

const user = (id: string, workNumber: string, role: DirectoryUser['role'], active = true): DirectoryUser => ({ id, workNumber, name: `N${workNumber}`, role, active, groupIds: [], version: 1 });
const l2: Group = { id: 'g2', name: 'L2 Network', nameZh: '二线网络组', kind: 'l2', version: 1, contacts: [{ name: '张工', title: '工程师', phone: '010-6123 4567', level: 1 }] };

describe('transfer targets', () => {
  it('reads the domain of the agent’s AOR', () => {
    expect(domainOf('sip:0190abcd@desk.firstline.test')).toBe('desk.firstline.test');
    expect(domainOf(null)).toBeNull();
  });

  it('lists experts first, never oneself or inactive people, then L2 contacts and queues', () => {
    const t = transferTargets({
      users: [user('U1', '1001', 'agent'), user('U2', '1002', 'agent'), user('U3', '2001', 'expert'), user('U4', '9001', 'admin'), user('U5', '1003', 'agent', false)],
      groups: [l2],
      queues: [{ number: '8000', name: 'General', nameZh: '综合' }],
      me: 'U1',
      domain: 'desk',
      lang: 'zh-CN',
      roleName: (r) => r,
    });
    expect(t.colleagues).toEqual([
      { value: 'sip:u3@desk', label: 'N2001 (2001) · expert' },
      { value: 'sip:u2@desk', label: 'N1002 (1002) · agent' },
    ]);
    expect(t.contacts).toEqual([{ value: '01061234567', label: '二线网络组 · 张工 工程师 (010-6123 4567)' }]);
    expect(t.queues).toEqual([{ value: '8000', label: '综合 8000' }]);
  });

  it('offers no colleague without a SIP domain (telephony not configured)', () => {
    expect(transferTargets({ users: [user('U3', '2001', 'expert')], groups: [], queues: [], me: null, domain: null, lang: 'en', roleName: (r) => r }).colleagues).toEqual([]);
  });
});
