import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../src-shared/sync/status';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { SyncIndicator } from '../ui/SyncIndicator';
import type { Language } from '../i18n';

type Props = {
  deskName: string;
  person: { name: string; workNumber: string };
  status: SyncStatus;
  lang: Language;
  onLanguage: (l: Language) => void;
  onSignOut: () => void;
};

/** The top bar: desk, who is signed in, the sync indicator, language, sign out. */
export const TopBar = ({ deskName, person, status, lang, onLanguage, onSignOut }: Props) => {
  const { t } = useTranslation();
  return (
    <header className="topbar">
      <span className="desk">{deskName}</span>
      <span className="brand">{t('app.name')}</span>
      <span className="spacer" />
      <SyncIndicator status={status} lang={lang} />
      <span className="person">{t('nav.person', { name: person.name, workNumber: person.workNumber })}</span>
      <LanguageSwitch value={lang} onChange={onLanguage} />
      <button type="button" onClick={onSignOut}>
        {t('auth.signOut')}
      </button>
    </header>
  );
};
