import { useTranslation } from 'react-i18next';
import { SelectField } from '../../ui/fields';
import { localName } from '../../ui/format';
import { membersOf, type Names } from '../../ui/names';
import type { Language } from '../../i18n';

export type Assignment = { groupId: string | null; assigneeId: string | null };

type Props = { idPrefix: string; value: Assignment; onChange: (a: Assignment) => void; names: Names; lang: Language };

const NONE = '';

/** Group and member selects. Changing the group drops an assignee who is not in it. */
export const AssignmentFields = ({ idPrefix, value, onChange, names, lang }: Props) => {
  const { t } = useTranslation();
  const members = membersOf(names, value.groupId);
  const memberOptions = members.map((u) => ({ value: u.id, label: `${u.name} (${u.workNumber})` }));
  if (value.assigneeId !== null && !members.some((u) => u.id === value.assigneeId))
    memberOptions.unshift({ value: value.assigneeId, label: `${t('common.unknownUser')} ?` });
  const groupOptions = names.groups.map((g) => ({ value: g.id, label: localName(g, lang) }));
  if (value.groupId !== null && !names.groups.some((g) => g.id === value.groupId))
    groupOptions.unshift({ value: value.groupId, label: `${t('common.unknownGroup')} ?` });
  return (
    <div className="group-routing">
      <SelectField
        id={`${idPrefix}-group`}
        label={t('field.group')}
        value={value.groupId ?? NONE}
        options={[{ value: NONE, label: t('common.noGroup') }, ...groupOptions]}
        onChange={(v) => {
          const groupId = v === NONE ? null : v;
          const keep = value.assigneeId !== null && membersOf(names, groupId).some((u) => u.id === value.assigneeId);
          onChange({ groupId, assigneeId: keep ? value.assigneeId : null });
        }}
      />
      <SelectField
        id={`${idPrefix}-assignee`}
        label={t('field.assignee')}
        value={value.assigneeId ?? NONE}
        options={[{ value: NONE, label: t('common.noAssignee') }, ...memberOptions]}
        onChange={(v) => onChange({ groupId: value.groupId, assigneeId: v === NONE ? null : v })}
      />
    </div>
  );
};
