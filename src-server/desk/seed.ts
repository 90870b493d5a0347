/**
 * Demo data for a new desk: the groups of a small service desk and five people to sign in with.
 * Seeded on the first run of an empty database (skip with --no-seed); tests call it directly.
 *
 * | work number | password   | role       | group     |
 * | ----------- | ---------- | ---------- | --------- |
 * | 1001        | agent1001  | agent      | L1        |
 * | 1002        | agent1002  | agent      | L1        |
 * | 2001        | expert2001 | expert     | L1 expert |
 * | 9001        | super9001  | supervisor | —         |
 * | admin       | admin1234  | admin      | —         |
 */
import { eq, sql } from 'drizzle-orm';
import type { Contact, GroupKind, Role } from '../../src-shared/desk/directory';
import { newId } from '../../src-shared/ids';
import { hashPassword } from '../auth/passwords';
import type { Db } from '../db/open';
import { deskState, groupMembers, groups, users } from '../db/schema';
import { audit } from './audit';
import { bumpVersion } from './version';
import { saveSetting } from './settings';
import { DEFAULT_PRIORITY_MATRIX } from '../../src-shared/ticket/priority';
import { DEFAULT_TOUCHPOINTS } from '../../src-shared/desk/touchpoint';

type SeedGroup = { key: string; name: string; nameZh: string; kind: GroupKind; contacts?: Contact[] };
type SeedUser = { workNumber: string; password: string; name: string; role: Role; groups: string[] };

export const DEMO_GROUPS: SeedGroup[] = [
  { key: 'l1', name: 'L1', nameZh: '一线', kind: 'l1' },
  { key: 'l1x', name: 'L1 expert', nameZh: '一线专家', kind: 'l1_expert' },
  { key: 'net', name: 'L2 Network', nameZh: '二线网络组', kind: 'l2' },
  { key: 'desk', name: 'L2 Desktop', nameZh: '二线桌面组', kind: 'l2' },
  { key: 'apps', name: 'L2 Applications', nameZh: '二线应用组', kind: 'l2' },
  { key: 'l3', name: 'L3', nameZh: '三线', kind: 'l3' },
  {
    key: 'fin',
    name: 'Finance Department',
    nameZh: '财务部',
    kind: 'department',
    contacts: [
      { name: '陈静 Chen Jing', title: 'IT liaison 信息联络员', phone: '010-6500-1201', level: 1 },
      { name: '赵磊 Zhao Lei', title: 'Deputy head 副主任', phone: '010-6500-1202', level: 2 },
      { name: '孙丽 Sun Li', title: 'Head of department 部门主任', phone: '010-6500-1203', level: 3 },
    ],
  },
];

export const DEMO_USERS: SeedUser[] = [
  { workNumber: '1001', password: 'agent1001', name: '王芳 Wang Fang', role: 'agent', groups: ['l1'] },
  { workNumber: '1002', password: 'agent1002', name: '李娜 Li Na', role: 'agent', groups: ['l1'] },
  { workNumber: '2001', password: 'expert2001', name: '张伟 Zhang Wei', role: 'expert', groups: ['l1x'] },
  { workNumber: '9001', password: 'super9001', name: '刘洋 Liu Yang', role: 'supervisor', groups: [] },
  { workNumber: 'admin', password: 'admin1234', name: 'Desk admin 管理员', role: 'admin', groups: [] },
];

/**
 * Seeds the demo groups and users if the desk has no users yet. Returns whether it seeded.
 * Safe when several instances start at once: it runs under desk_state's row lock.
 */
export const seedDemo = async (db: Db): Promise<boolean> => {
  const hashed = await Promise.all(DEMO_USERS.map(async (u) => ({ ...u, ...(await hashPassword(u.password)) })));
  return db.transaction(async (tx) => {
    await tx.select({ id: deskState.id }).from(deskState).where(eq(deskState.id, 1)).for('update');
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    if (n > 0) return false;
    const version = await bumpVersion(tx);
    const ids = new Map(DEMO_GROUPS.map((g) => [g.key, newId()]));
    await tx
      .insert(groups)
      .values(DEMO_GROUPS.map((g) => ({ id: ids.get(g.key)!, name: g.name, nameZh: g.nameZh, kind: g.kind, contacts: g.contacts ?? [], version })));
    for (const u of hashed) {
      const id = newId();
      await tx.insert(users).values({ id, workNumber: u.workNumber, name: u.name, role: u.role, passwordHash: u.hash, passwordSalt: u.salt, version });
      if (u.groups.length) await tx.insert(groupMembers).values(u.groups.map((k) => ({ groupId: ids.get(k)!, userId: id })));
    }
    await saveSetting(tx, 'deskName', 'Firstline Service Desk', version);
    await saveSetting(tx, 'deskNameZh', '首线服务台', version);
    await saveSetting(tx, 'priorityMatrix', DEFAULT_PRIORITY_MATRIX, version);
    await saveSetting(tx, 'touchpoints', DEFAULT_TOUCHPOINTS, version);
    await audit(tx, { actorId: null, action: 'desk.seed_demo', details: { users: DEMO_USERS.length, groups: DEMO_GROUPS.length } });
    return true;
  });
};
