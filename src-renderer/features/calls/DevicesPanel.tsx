import { useTranslation } from 'react-i18next';
import type { DeviceChoice, MediaDevice, Preflight } from '../../../src-shared/calls';
import { Badge } from '../../ui/bits';
import { SelectField, type Option } from '../../ui/fields';

type Props = {
  running: boolean;
  devices: readonly MediaDevice[];
  choice: DeviceChoice;
  check: Preflight | null;
  checking: boolean;
  onChoose: (choice: DeviceChoice) => void;
  onRefresh: () => void;
  onCheck: () => void;
};

/** Microphone, speaker and a separate ringer (so the ring can sound on loudspeakers while calls stay in the headset). */
export const DevicesPanel = ({ running, devices, choice, check, checking, onChoose, onRefresh, onCheck }: Props) => {
  const { t } = useTranslation();
  const options = (kind: MediaDevice['kind']): Option[] => {
    const list = devices.filter((d) => d.kind === kind && d.id !== 'default' && d.id !== '');
    return [
      { value: '', label: t('callLog.devices.systemDefault') },
      ...list.map((d, i) => ({
        value: d.id,
        label: d.label || (kind === 'microphone' ? t('callLog.devices.unnamedMicrophone', { n: String(i + 1) }) : t('callLog.devices.unnamedSpeaker', { n: String(i + 1) })),
      })),
    ];
  };
  const select = (key: keyof DeviceChoice, label: string, kind: MediaDevice['kind']) => (
    <SelectField id={`device-${key}`} label={label} value={choice[key] ?? ''} options={options(kind)} onChange={(v) => onChoose({ [key]: v })} disabled={!running} />
  );
  return (
    <div className="devices">
      {!running && <p className="muted">{t('callLog.devices.notRunning')}</p>}
      <div className="device-fields">
        {select('microphoneId', t('callLog.devices.microphone'), 'microphone')}
        {select('speakerId', t('callLog.devices.speaker'), 'speaker')}
        {select('ringerId', t('callLog.devices.ringer'), 'speaker')}
      </div>
      <div className="form-actions">
        <button type="button" onClick={onRefresh} disabled={!running}>
          {t('callLog.devices.refresh')}
        </button>
        <button type="button" onClick={onCheck} disabled={!running || checking}>
          {checking ? t('agent.checking') : t('callLog.devices.check')}
        </button>
      </div>
      {check && (
        <dl className="check-result" aria-label={t('callLog.devices.checkHeading')}>
          {(['microphone', 'speaker', 'registration'] as const).map((k) => (
            <div key={k}>
              <dt>{t(`agent.part.${k}`)}</dt>
              <dd>
                <Badge tone={check[k].ok ? 'ok' : 'bad'}>{check[k].ok ? t('callLog.devices.ok') : t('callLog.devices.failed')}</Badge>
                {check[k].detail && <span className="muted"> {check[k].detail}</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
};
