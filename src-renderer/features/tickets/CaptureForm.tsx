import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EditableField, EditableFields } from '../../../src-shared/ticket/model';
import { createTicket, useDirectory } from '../sync';
import { useLanguage } from '../../i18n/useLanguage';
import { attempt } from '../../ui/attempt';
import { localName } from '../../ui/format';
import { CaptureView } from './CaptureView';
import { hasErrors, validateFields } from './form';
import { useTicketsUi } from './store';
import type { SuggestionContext } from './suggestions';

type Props = {
  onCreated: (ticketId: string) => void;
  /** Shown beside the form (the shell passes knowledge suggestions for what the agent is typing). */
  renderSuggestions?: (ctx: SuggestionContext) => ReactNode;
};

/**
 * The "New ticket" screen. The draft lives in the tickets store, so a refused save, a trip
 * to the list or a reload loses nothing; it is cleared only once the ticket is saved.
 */
export const CaptureForm = ({ onCreated, renderSuggestions }: Props) => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const directory = useDirectory();
  const draft = useTicketsUi((s) => s.capture);
  const ui = useTicketsUi.getState;
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const settings = directory?.settings ?? null;
  const errors = tried ? validateFields(draft.fields, settings?.touchpoints ?? null) : {};
  const deskName = settings ? localName({ name: settings.deskName, nameZh: settings.deskNameZh }, lang) : t('nav.deskUnknown');

  const submit = async () => {
    setTried(true);
    setSaveError(null);
    if (hasErrors(validateFields(draft.fields, settings?.touchpoints ?? null))) {
      // Take the agent to the first field to correct (after the errors have rendered).
      requestAnimationFrame(() => document.querySelector<HTMLElement>('form.capture [aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    const r = await attempt(() => createTicket(draft.fields, { groupId: draft.groupId, assigneeId: draft.assigneeId }));
    setSaving(false);
    if (!r.ok) {
      setSaveError(r.error.message);
      return;
    }
    ui().resetCapture();
    setTried(false);
    onCreated(r.value);
  };

  const view = (
    <CaptureView
      draft={draft}
      errors={errors}
      invalid={tried && hasErrors(errors)}
      saveError={saveError}
      saving={saving}
      deskName={deskName}
      settings={settings}
      names={{ users: directory?.users ?? [], groups: directory?.groups ?? [] }}
      lang={lang}
      onField={<K extends EditableField>(k: K, v: EditableFields[K]) => ui().setCaptureField(k, v)}
      onAssignment={(a) => ui().setCapture(a)}
      onSubmit={() => void submit()}
      onClear={() => {
        ui().resetCapture();
        setTried(false);
        setSaveError(null);
      }}
    />
  );
  if (!renderSuggestions) return view;
  return (
    <div className="with-aside">
      {view}
      {renderSuggestions({ text: `${draft.fields.subject}\n${draft.fields.description}`, touchpoint: draft.fields.touchpoint, ticket: null })}
    </div>
  );
};
