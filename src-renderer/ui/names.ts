import type { DirectoryUser, Group } from '../../src-shared/desk/directory';
import type { Language } from '../i18n';
import { localName } from './format';

/** The directory as the screens need it to put names on ids. */
export type Names = { users: readonly DirectoryUser[]; groups: readonly Group[] };

/** Fallback words when an id is not (or no longer) in the directory. */
export type NameWords = { unknownUser: string; unknownGroup: string; unassigned: string };

export const userLabel = (names: Names, id: string | null, words: NameWords): string => {
  if (id === null) return words.unassigned;
  const u = names.users.find((x) => x.id === id);
  return u ? `${u.name} (${u.workNumber})` : words.unknownUser;
};

export const groupLabel = (names: Names, id: string | null, lang: Language, words: NameWords): string => {
  if (id === null) return words.unassigned;
  const g = names.groups.find((x) => x.id === id);
  return g ? localName(g, lang) : words.unknownGroup;
};

/** "L2 Network / Li Lei (2001)", "L2 Network", "Li Lei (2001)" or "Unassigned". */
export const assignmentLabel = (names: Names, groupId: string | null, assigneeId: string | null, lang: Language, words: NameWords): string => {
  if (groupId === null && assigneeId === null) return words.unassigned;
  const parts: string[] = [];
  if (groupId !== null) parts.push(groupLabel(names, groupId, lang, words));
  if (assigneeId !== null) parts.push(userLabel(names, assigneeId, words));
  return parts.join(' / ');
};

/** Members of a group who can take work (everyone active when no group is chosen). */
export const membersOf = (names: Names, groupId: string | null): DirectoryUser[] =>
  names.users.filter((u) => u.active && (groupId === null || u.groupIds.includes(groupId)));
