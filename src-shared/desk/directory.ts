/** Roles (DESIGN §3). `resolver` is an L2/L3 or department user working in web mode. */
export const ROLES = ['agent', 'expert', 'supervisor', 'admin', 'resolver'] as const;
export type Role = (typeof ROLES)[number];

/** Assignment groups (BRIEF: L1, L1 expert, L2, L3, department contacts). */
export const GROUP_KINDS = ['l1', 'l1_expert', 'l2', 'l3', 'department'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

/** A person as the workstation sees them. `id` is the person; `workNumber` (工号) may be reused later by someone else. */
export type DirectoryUser = {
  id: string;
  workNumber: string;
  name: string;
  role: Role;
  active: boolean;
  groupIds: string[];
  version: number;
};

/** A department contact on the escalation ladder (逐级向上联系): level 1 is asked first. */
export type Contact = { name: string; title: string; phone: string; level: number };

export type Group = {
  id: string;
  name: string;
  nameZh: string;
  kind: GroupKind;
  contacts: Contact[];
  version: number;
};

/** Roles that see the whole floor (every ticket and conflict). */
export const isFloorRole = (r: Role): boolean => r === 'supervisor' || r === 'admin';

/** Roles that have a softphone and an agent state (SIP credentials, presence); admins and resolvers do not. */
export const PHONE_ROLES: readonly Role[] = ['agent', 'expert', 'supervisor'];

/** Whether people of this role take and make calls at the desk. */
export const hasPhone = (r: Role): boolean => PHONE_ROLES.includes(r);
