/**
 * Where a call can be transferred, from the cached directory: colleagues with a softphone
 * (expert agents first: a regular agent hands on what they cannot solve, BRIEF), the resolver
 * groups' contact phones (L2 numbers), and the desk's queues. Pure.
 *
 * A colleague's address follows the desk server's rule: the SIP user is the person's id
 * (stable; work numbers are reused), at the domain of this agent's own AOR.
 */
import type { DirectoryUser, Group, Role } from '../../../src-shared/desk/directory';
import type { Language } from '../../i18n';
import { localName } from '../../ui/format';
import type { DeskQueue } from './desk';

export type TransferTarget = { value: string; label: string };
export type TransferGroups = { colleagues: TransferTarget[]; contacts: TransferTarget[]; queues: TransferTarget[] };

const PHONE_ROLES: readonly Role[] = ['expert', 'agent', 'supervisor'];

/** The domain of a SIP AOR (`sip:user@domain` → `domain`), or null. */
export const domainOf = (aor: string | null): string | null => (aor ? (/^sips?:[^@]+@([^;?>]+)/.exec(aor)?.[1] ?? null) : null);

export function transferTargets(o: {
  users: readonly DirectoryUser[];
  groups: readonly Group[];
  queues: readonly DeskQueue[];
  me: string | null;
  domain: string | null;
  lang: Language;
  roleName: (role: Role) => string;
}): TransferGroups {
  const colleagues = o.domain
    ? o.users
        .filter((u) => u.active && u.id !== o.me && PHONE_ROLES.includes(u.role))
        .sort((a, b) => PHONE_ROLES.indexOf(a.role) - PHONE_ROLES.indexOf(b.role) || a.workNumber.localeCompare(b.workNumber))
        .map((u) => ({ value: `sip:${u.id.toLowerCase()}@${o.domain}`, label: `${u.name} (${u.workNumber}) · ${o.roleName(u.role)}` }))
    : [];
  const contacts = o.groups
    .filter((g) => g.kind !== 'l1' && g.kind !== 'l1_expert')
    .flatMap((g) =>
      [...g.contacts]
        .sort((a, b) => a.level - b.level)
        .filter((c) => c.phone.trim())
        .map((c) => ({ value: c.phone.replace(/[\s()-]/g, ''), label: `${localName(g, o.lang)} · ${c.name} ${c.title} (${c.phone})` })),
    );
  const queues = o.queues.map((q) => ({ value: q.number, label: `${localName(q, o.lang)} ${q.number}` }));
  return { colleagues, contacts, queues };
}

/** A colleague calling or called by their SIP user (their person id): "Name (工号)"; undefined for anyone else. */
export const colleagueOf = (number: string, users: readonly DirectoryUser[]): string | undefined => {
  const n = number.toLowerCase();
  const u = users.find((x) => x.id.toLowerCase() === n);
  return u ? `${u.name} (${u.workNumber})` : undefined;
};
