import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../src-shared/api';
import type { HotkeyAction } from '../../src-shared/host/contract';
import { StateSwitcher, startAgent, stopAgent, toggleReady } from '../features/agent';
import { signOut } from '../features/auth';
import { answerRinging, CallBar, CallButton, callInProgress, CallsScreen, DialBox, hangupCurrent, startSoftphone, stopSoftphone, toggleMuteCurrent } from '../features/calls';
import { ConflictInbox } from '../features/conflicts';
import { useDirectory, useSyncStatus } from '../features/sync';
import { CaptureForm, resetTicketDrafts, TicketDetail, TicketList } from '../features/tickets';
import { getHost } from '../host';
import { useLanguage } from '../i18n/useLanguage';
import { localName } from '../ui/format';
import { switchLanguage } from './i18n';
import { listenHotkeys } from './hotkeys';
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
      return (
        <TicketDetail
          key={route.id}
          ticketId={route.id}
          onBack={() => navigate({ name: 'tickets' })}
          onOpenConflicts={() => navigate({ name: 'conflicts' })}
          renderPhoneAction={(phone) => <CallButton number={phone} />}
        />
      );
    case 'conflicts':
      return <ConflictInbox onOpenTicket={open} />;
    case 'calls':
      return <CallsScreen />;
  }
};

const runHotkey = (action: HotkeyAction): void => {
  if (action === 'answer') void answerRinging();
  else if (action === 'hangup') void hangupCurrent();
  else if (action === 'mute') void toggleMuteCurrent();
  else void toggleReady();
};

/**
 * The signed-in workstation: top bar, the phone bar (agent state, call bar, dial box), offline
 * banner, navigation, and the current screen. It starts this window's phone and agent state
 * for the agent, and stops them on sign-out.
 */
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

  // The phone and the agent state follow the signed-in agent (starting again for the same agent does nothing).
  useEffect(() => {
    startAgent(user.id);
    void startSoftphone({ userId: user.id });
  }, [user.id]);

  useEffect(() => listenHotkeys(getHost(), window, runHotkey), []);

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
          if (callInProgress() && !window.confirm(t('phone.signOutConfirm'))) return;
          void (async () => {
            await stopAgent();
            await stopSoftphone();
            resetTicketDrafts();
            await signOut();
          })();
        }}
      />
      <section className="phonebar" aria-label={t('phone.barLabel')}>
        <StateSwitcher />
        <CallBar />
        <DialBox />
      </section>
      {offline && <div className="banner-offline">{t('app.offlineBanner')}</div>}
      <NavBar route={route} conflicts={status.conflicts} />
      <main id="main" ref={main} tabIndex={-1}>
        <Screen route={route} />
      </main>
    </div>
  );
};
