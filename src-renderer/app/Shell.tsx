import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../src-shared/api';
import { hasPhone, isFloorRole } from '../../src-shared/desk/directory';
import type { HotkeyAction } from '../../src-shared/host/contract';
import { StateSwitcher, startAgent, stopAgent, toggleReady } from '../features/agent';
import { signOut } from '../features/auth';
import { answerRinging, CallBar, CallButton, callInProgress, CallsScreen, DialBox, hangupCurrent, linkCurrentCall, startSoftphone, stopSoftphone, toggleMuteCurrent } from '../features/calls';
import { ConflictInbox } from '../features/conflicts';
import { KnowledgeAdmin, KnowledgeScreen, KnowledgeUsage, requestSearchFocus, resetKnowledgeUi, startKnowledge, stopKnowledge, SuggestionsPanel } from '../features/knowledge';
import { getWorkstation, useDirectory, useSyncStatus } from '../features/sync';
import { CaptureForm, resetTicketDrafts, TicketDetail, TicketList, type SuggestionContext } from '../features/tickets';
import { getHost } from '../host';
import { useLanguage } from '../i18n/useLanguage';
import { localName } from '../ui/format';
import { switchLanguage } from './i18n';
import { listenHotkeys } from './hotkeys';
import { listenSearchKey } from './searchKey';
import { NavBar } from './NavBar';
import { navigate, useRoute, type Route } from './route';
import { TopBar } from './TopBar';

type Props = { user: SessionUser; mode: 'online' | 'offline' };

const suggestions = (ctx: SuggestionContext) => <SuggestionsPanel text={ctx.text} touchpoint={ctx.touchpoint} ticket={ctx.ticket} />;

const Screen = ({ route, isAdmin, isFloor }: { route: Route; isAdmin: boolean; isFloor: boolean }) => {
  const open = (id: string) => navigate({ name: 'ticket', id });
  switch (route.name) {
    case 'tickets':
      return <TicketList onOpen={open} />;
    case 'new':
      return (
        <CaptureForm
          onCreated={(id) => {
            void linkCurrentCall(id);
            open(id);
          }}
          renderSuggestions={suggestions}
        />
      );
    case 'ticket':
      return (
        <TicketDetail
          key={route.id}
          ticketId={route.id}
          onBack={() => navigate({ name: 'tickets' })}
          onOpenConflicts={() => navigate({ name: 'conflicts' })}
          renderPhoneAction={(phone) => <CallButton number={phone} />}
          renderSuggestions={suggestions}
        />
      );
    case 'conflicts':
      return <ConflictInbox onOpenTicket={open} />;
    case 'calls':
      return <CallsScreen />;
    case 'knowledge':
      return <KnowledgeScreen />;
    case 'articles':
      return isAdmin ? <KnowledgeAdmin /> : <KnowledgeScreen />;
    case 'usage':
      return isFloor ? <KnowledgeUsage /> : <KnowledgeScreen />;
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
  // Admins (and web-mode resolvers) have no phone: no agent state, nothing reported to the desk.
  const phone = hasPhone(user.role);
  useEffect(() => {
    if (!phone) return;
    startAgent(user.id);
    void startSoftphone({ userId: user.id });
  }, [user.id, phone]);

  // The knowledge index follows the agent's cache (built at sign-in, updated as articles change).
  useEffect(() => {
    const ws = getWorkstation();
    if (ws) void startKnowledge(ws.store);
    return () => stopKnowledge();
  }, [user.id]);

  useEffect(() => listenHotkeys(getHost(), window, runHotkey), []);
  useEffect(
    () =>
      listenSearchKey(window, () => {
        if (route.name !== 'knowledge') navigate({ name: 'knowledge' });
        requestSearchFocus();
      }),
    [route.name],
  );

  // On navigation, move focus to the new screen's heading (keyboard and screen-reader users land there).
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // A screen that put the keyboard somewhere itself (the knowledge search box) keeps it there.
    const active = document.activeElement;
    if (active && active !== main.current && main.current?.contains(active)) return;
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
            resetKnowledgeUi();
            await signOut();
          })();
        }}
      />
      {phone && (
        <section className="phonebar" aria-label={t('phone.barLabel')}>
          <StateSwitcher />
          <CallBar />
          <DialBox />
        </section>
      )}
      {offline && <div className="banner-offline">{t('app.offlineBanner')}</div>}
      <NavBar route={route} conflicts={status.conflicts} isAdmin={user.role === 'admin'} isFloor={isFloorRole(user.role)} />
      <main id="main" ref={main} tabIndex={-1}>
        <Screen route={route} isAdmin={user.role === 'admin'} isFloor={isFloorRole(user.role)} />
      </main>
    </div>
  );
};
