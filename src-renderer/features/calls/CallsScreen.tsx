import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Preflight } from '../../../src-shared/calls';
import { useLanguage } from '../../i18n/useLanguage';
import { useDirectory } from '../sync';
import { Section } from '../../ui/bits';
import { CallButton } from './CallButton';
import { CallLogTable } from './CallLogTable';
import { DevicesPanel } from './DevicesPanel';
import { ManualCallForm } from './ManualCallForm';
import { chooseDevices, refreshDevices, runPreflight } from './phone';
import { logCalls } from './log-store';
import { usePhoneStore } from './store';
import { colleagueOf, domainOf } from './targets';

/** The Calls screen (#/calls): the call log, logging a call taken on another phone, and the audio devices. */
export const CallsScreen = () => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const log = usePhoneStore((s) => s.log);
  const queues = usePhoneStore((s) => s.queues);
  const devices = usePhoneStore((s) => s.deviceList);
  const choice = usePhoneStore((s) => s.view.devices);
  const running = usePhoneStore((s) => s.telephony.kind === 'configured' || s.view.registration.status !== 'stopped');
  const aor = usePhoneStore((s) => s.aor);
  const users = useDirectory()?.users ?? [];
  const domain = domainOf(aor);
  const whoOf = (number: string) => colleagueOf(number, users);
  const [check, setCheck] = useState<Preflight | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    if (running) void refreshDevices();
  }, [running]);

  return (
    <div className="screen calls-screen">
      <div className="screen-head">
        <h1>{t('callLog.heading')}</h1>
      </div>
      <div className="calls-grid">
        <Section id="call-log-heading" title={t('callLog.logHeading')} className="call-log-section">
          <p className="muted">{t('callLog.synced')}</p>
          <CallLogTable
            entries={log}
            queues={queues}
            lang={lang}
            whoOf={whoOf}
            renderCall={(number, who) => <CallButton number={who && domain ? `sip:${number}@${domain}` : number} {...(who ? { name: who } : {})} />}
          />
        </Section>
        <div className="calls-side">
          <Section id="manual-call-heading" title={t('callLog.manual.heading')}>
            <ManualCallForm onAdd={(entry) => void logCalls([entry])} />
          </Section>
          <Section id="devices-heading" title={t('callLog.devices.heading')}>
            <DevicesPanel
              running={running}
              devices={devices}
              choice={choice}
              check={check}
              checking={checking}
              onChoose={(c) => void chooseDevices(c)}
              onRefresh={() => void refreshDevices()}
              onCheck={() => {
                setChecking(true);
                void runPreflight().then((r) => {
                  setChecking(false);
                  if (r.ok) setCheck(r.value);
                });
              }}
            />
          </Section>
        </div>
      </div>
    </div>
  );
};
