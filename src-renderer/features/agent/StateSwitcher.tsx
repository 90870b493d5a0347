import { useLanguage } from '../../i18n/useLanguage';
import { useNow } from '../../ui/useNow';
import { useRegistration, useTelephonyStatus } from '../calls';
import { checkDevices, dismissRefusal, finishAfterCallWork, requestState } from './agent';
import { StateSwitcherView } from './StateSwitcherView';
import { useAgentStore } from './store';
import { readyBlock, telephonyConfiguredOf } from './wiring';

/** The agent-state switcher of the phone bar (reads the agent store and the phone's registration). */
export const StateSwitcher = () => {
  const lang = useLanguage();
  const state = useAgentStore((s) => s.state);
  const reasons = useAgentStore((s) => s.reasons);
  const refusal = useAgentStore((s) => s.refusal);
  const checking = useAgentStore((s) => s.checking);
  const delivery = useAgentStore((s) => s.delivery);
  const registration = useRegistration();
  const telephony = useTelephonyStatus();
  const now = useNow(state.status.name !== 'offline');
  const block = readyBlock({ telephonyConfigured: telephonyConfiguredOf(telephony.kind), registered: registration.status === 'registered', preflight: state.preflight });
  return (
    <StateSwitcherView
      state={state}
      now={now}
      reasons={reasons}
      lang={lang}
      block={block}
      refusal={refusal}
      checking={checking}
      delivery={delivery}
      onRequest={(target) => void requestState(target)}
      onAcwDone={() => finishAfterCallWork()}
      onCheckAgain={() => void checkDevices()}
      onDismiss={dismissRefusal}
    />
  );
};
