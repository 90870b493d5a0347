import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/bits';
import { TextField } from '../../ui/fields';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import type { Language } from '../../i18n';

type Props = {
  workNumber: string;
  password: string;
  onWorkNumber: (v: string) => void;
  onPassword: (v: string) => void;
  onSubmit: () => void;
  busy: boolean;
  error: string | null;
  lang: Language;
  onLanguage: (l: Language) => void;
};

/** The sign-in card: work number (工号), password, language, and the error in the agent's language. */
export const SignInView = ({ workNumber, password, onWorkNumber, onPassword, onSubmit, busy, error, lang, onLanguage }: Props) => {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <main className="signin-page">
      <div className="signin-card">
        <div className="top">
          <span className="app-name">{t('app.name')}</span>
          <LanguageSwitch value={lang} onChange={onLanguage} id="signin-language" />
        </div>
        <h1 id="signin-heading">{t('auth.heading')}</h1>
        {error && <ErrorAlert>{error}</ErrorAlert>}
        <form onSubmit={submit} noValidate aria-labelledby="signin-heading">
          <TextField id="signin-work-number" label={t('auth.workNumber')} value={workNumber} onChange={onWorkNumber} autoComplete="username" autoFocus required />
          <TextField id="signin-password" label={t('auth.password')} type="password" value={password} onChange={onPassword} autoComplete="current-password" required />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('auth.signingIn') : t('auth.submit')}
          </button>
        </form>
      </div>
    </main>
  );
};
