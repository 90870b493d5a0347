import { describe, expect, it } from 'vitest';
import type { DirectoryUser, Group } from '../../src-shared/desk/directory';
import { assignmentLabel, membersOf } from './names';

const words = { unknownUser: '?user', unknownGroup: '?group', unassigned: 'Unassigned' };
const g: Group = { id: 'g1', name: 'L2 Network', nameZh: '二线网络组', kind: 'l2', contacts: [], version: 1 };
const u = (id: string, groupIds: string[], active = true): DirectoryUser => ({ id, workNumber: id.slice(1), name: `User ${id}`, role: 'agent', active, groupIds, version: 1 });
const names = { users: [u('u2001', ['g1']), u('u2002', []), u('u2003', ['g1'], false)], groups: [g] };

describe('names', () => {
  it('labels assignments in the interface language', () => {
    expect(assignmentLabel(names, 'g1', 'u2001', 'en', words)).toBe('L2 Network / User u2001 (2001)');
    expect(assignmentLabel(names, 'g1', null, 'zh-CN', words)).toBe('二线网络组');
    expect(assignmentLabel(names, null, null, 'en', words)).toBe('Unassigned');
    expect(assignmentLabel(names, 'gX', 'uX', 'en', words)).toBe('?group / ?user');
  });

  it('offers active members of the chosen group', () => {
    expect(membersOf(names, 'g1').map((x) => x.id)).toEqual(['u2001']);
    expect(membersOf(names, null).map((x) => x.id)).toEqual(['u2001', 'u2002']);
  });
});
