import { SignIn, useSession } from '../features/auth';
import { switchLanguage } from './i18n';
import { Shell } from './Shell';

/** Signed out: the sign-in screen; signed in: the workstation shell. */
export const App = () => {
  const session = useSession();
  if (session.state === 'signed_out') return <SignIn onLanguage={(l) => void switchLanguage(l)} />;
  return <Shell user={session.user} mode={session.mode} />;
};
