import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../src-shared/api';
import { signOut } from '../features/auth';
import { ConflictInbox } from '../features/conflicts';
import { useDirectory, useSyncStatus } from '../features/sync';
import { CaptureForm, resetTicketDrafts, TicketDetail, TicketList } from '../features/tickets';
import { useLanguage } from '../i18n/useLanguage';
import { localName } from '../ui/format';
import { switchLanguage } from './i18n';
import { NavBar } from './NavBar';
import { navigate, useRoute, type Route } from './route';
import { TopBar } from './TopBar';

type Props = { user: SessionUser; mode: 'online' | 'offline' };

const Screen = ({ route }: { route: Route }) => {
  const open = (id: string) => navigate({ name: 'ticket', id });
  switch (route.name) {
    case 'tickets':
      return <TicketList onOpen={open} />;
    case 'new':
      return <CaptureForm onCreated={open} />;
    case 'ticket':
      return <TicketDetail key={route.id} ticketId={route.id} onBack={() => navigate({ name: 'tickets' })} onOpenConflicts={() => navigate({ name: 'conflicts' })} />;
    case 'conflicts':
      return <ConflictInbox onOpenTicket={open} />;
  }
};

/** The signed-in workstation: top bar, offline banner, navigation, and the current screen. */
export const Shell = ({ user, mode }: Props) => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const route = useRoute();
  const status = useSyncStatus();
  const directory = useDirectory();
  const main = useRef<HTMLElement>(null);
  const settings = directory?.settings;
  const deskName = settings ? localName({ name: settings.deskName, nameZh: settings.deskNameZh }, lang) : t('nav.deskUnknown');
  const routeKey = route.name === 'ticket' ? `ticket:${route.id}` : route.name;
  const first = useRef(true);

  // On navigation, move focus to the new screen's heading (keyboard and screen-reader users land there).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h = main.current?.querySelector('h1');
    if (h) {
      h.setAttribute('tabindex', '-1');
      h.focus();
    }
  }, [routeKey]);

  const offline = mode === 'offline' && (status.connection === 'offline' || status.connection === 'signed_out');
  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        {t('app.skipToContent')}
      </button>
      <TopBar
        deskName={deskName}
        person={user}
        status={status}
        lang={lang}
        onLanguage={(l) => void switchLanguage(l)}
        onSignOut={() => {
          resetTicketDrafts();
          void signOut();
        }}
      />
      {offline && <div className="banner-offline">{t('app.offlineBanner')}</div>}
      <NavBar route={route} conflicts={status.conflicts} />
      <main id="main" ref={main} tabIndex={-1}>
        <Screen route={route} />
      </main>
    </div>
  );
};
