import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Section } from '../../ui/bits';
import type { Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { AssignmentFields, type Assignment } from './AssignmentFields';
import { assignmentText } from './describe';

type Props = { current: Assignment; names: Names; lang: Language; onAssign: (a: Assignment) => void; busy: boolean; disabled: boolean };

/** Who has the ticket now, and group + member selects to hand it on. */
export const AssignPanel = ({ current, names, lang, onAssign, busy, disabled }: Props) => {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<Assignment>(current);
  const same = choice.groupId === current.groupId && choice.assigneeId === current.assigneeId;
  return (
    <Section id="assign-heading" title={t('detail.assignHeading')}>
      <p className="muted">{t('detail.currentAssignment', { assignment: assignmentText({ t, names, lang }, current.groupId, current.assigneeId) })}</p>
      <form
        className="assign-form"
        onSubmit={(e) => {
          e.preventDefault();
          onAssign(choice);
        }}
      >
        <AssignmentFields idPrefix="assign" value={choice} onChange={setChoice} names={names} lang={lang} />
        <div>
          <button type="submit" disabled={busy || disabled || same}>
            {t('detail.assign')}
          </button>
        </div>
      </form>
    </Section>
  );
};
