import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditableFields } from '../../../src-shared/ticket/model';
import type { DeskSettings } from '../../../src-shared/sync/protocol';
import type { Result } from '../../../src-shared/result';
import { attempt } from '../../ui/attempt';
import { ErrorAlert, Section } from '../../ui/bits';
import type { Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { hasErrors, validateFields, type FieldErrors } from './form';
import { RejectionCard, type RejectionItem } from './RejectionCard';
import { currentEdit, payloadOf, type RejectionEdit } from './rejectionEdit';

type Props = {
  rejections: readonly RejectionItem[];
  drafts: Readonly<Record<string, RejectionEdit>>;
  base: EditableFields;
  settings: DeskSettings | null;
  names: Names;
  lang: Language;
  onDraft: (id: string, e: RejectionEdit) => void;
  onDone: (id: string) => void;
  resubmit: (id: string, payload: Record<string, unknown>) => Promise<Result<unknown>>;
  discard: (id: string) => Promise<Result<unknown>>;
};

const errorsOf = (e: RejectionEdit, settings: DeskSettings | null): FieldErrors =>
  e.kind === 'createTicket'
    ? validateFields(e.fields, settings?.touchpoints ?? null)
    : e.kind === 'setFields'
      ? validateFields(e.fields, settings?.touchpoints ?? null, true)
      : {};

/** The ticket's refused changes, each editable, with the outcome of the last attempt. */
export const RejectionsPanel = ({ rejections, drafts, base, settings, names, lang, onDraft, onDone, resubmit, discard }: Props) => {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  if (rejections.length === 0) return null;

  const run = async (id: string, action: () => Promise<Result<unknown>>) => {
    setBusy(id);
    setFailure(null);
    const r = await attempt(action);
    setBusy(null);
    if (r.ok) onDone(id);
    else setFailure(r.error.message);
  };

  return (
    <Section id="rejections-heading" title={t('rejection.heading')} className="attention">
      <p className="muted">{t('rejection.intro')}</p>
      {failure && <ErrorAlert>{t('detail.actionFailed', { message: failure })}</ErrorAlert>}
      {rejections.map((r) => {
        const edit = currentEdit(r.mutation, drafts[r.id]);
        const errors = errorsOf(edit, settings);
        return (
          <RejectionCard
            key={r.id}
            rejection={r}
            edit={edit}
            errors={errors}
            base={base}
            settings={settings}
            names={names}
            lang={lang}
            busy={busy !== null}
            onEdit={(e) => onDraft(r.id, e)}
            onResubmit={() => {
              if (hasErrors(errors)) {
                setFailure(t('validation.summary'));
                return;
              }
              void run(r.id, () => resubmit(r.id, payloadOf(edit)));
            }}
            onDiscard={() => void run(r.id, () => discard(r.id))}
          />
        );
      })}
    </Section>
  );
};
