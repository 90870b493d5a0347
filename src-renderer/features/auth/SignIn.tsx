import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { attempt } from '../../ui/attempt';
import type { Language } from '../../i18n';
import { signIn } from './session';
import { signInErrorText } from './signInError';
import { SignInView } from './SignInView';

type Props = { onLanguage: (l: Language) => void };

/**
 * The sign-in screen. Success switches the session (the app then shows the shell); the
 * work number stays filled in after an error, the password is cleared.
 */
export const SignIn = ({ onLanguage }: Props) => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [workNumber, setWorkNumber] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const r = await attempt(() => signIn(workNumber, password));
    setBusy(false);
    if (!r.ok) {
      setError(signInErrorText(t, r.error));
      setPassword('');
    }
  };

  return (
    <SignInView
      workNumber={workNumber}
      password={password}
      onWorkNumber={setWorkNumber}
      onPassword={setPassword}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      lang={lang}
      onLanguage={onLanguage}
    />
  );
};
