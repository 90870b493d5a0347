import { useTranslation } from 'react-i18next';
import { DEFAULT_TOUCHPOINT, DEFAULT_TOUCHPOINTS, parseTouchpoint, type TouchpointLists } from '../../../src-shared/desk/touchpoint';
import { localName } from '../../ui/format';
import type { Language } from '../../i18n';

type Props = {
  id: string;
  value: string;
  onChange: (code: string) => void;
  lists: TouchpointLists | null;
  lang: Language;
  error?: string | undefined;
};

/** Keeps a value that is not in the desk's list visible instead of silently replacing it. */
const withCurrent = (opts: { value: string; label: string }[], current: string) =>
  opts.some((o) => o.value === current) ? opts : [{ value: current, label: `${current} ?` }, ...opts];

/**
 * The touchpoint code (接触点编码) built from the desk's channel, brand and business lists;
 * the resulting code (e.g. AA4001) is shown beside the three selects.
 */
export const TouchpointPicker = ({ id, value, onChange, lists, lang, error }: Props) => {
  const { t } = useTranslation();
  const l = lists ?? DEFAULT_TOUCHPOINTS;
  const parts = parseTouchpoint(value) ?? parseTouchpoint(DEFAULT_TOUCHPOINT)!;
  const set = (p: Partial<typeof parts>) => onChange(`${p.channel ?? parts.channel}${p.brand ?? parts.brand}${p.business ?? parts.business}`);
  const channels = withCurrent(l.channels.map((c) => ({ value: c.letter, label: `${c.letter} · ${localName(c, lang)}` })), parts.channel);
  const brands = withCurrent(l.brands.map((b) => ({ value: b.letter, label: `${b.letter} · ${localName(b, lang)}` })), parts.brand);
  const businesses = withCurrent(l.businesses.map((b) => ({ value: b.code, label: `${b.code} · ${localName(b, lang)}` })), parts.business);
  const selects = [
    { key: 'channel', label: t('field.channel'), value: parts.channel, options: channels },
    { key: 'brand', label: t('field.brand'), value: parts.brand, options: brands },
    { key: 'business', label: t('field.business'), value: parts.business, options: businesses },
  ] as const;
  return (
    <fieldset className={`field touchpoint${error ? ' has-error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('field.touchpoint')}</legend>
      <div className="touchpoint-row">
        {selects.map((s) => (
          <span key={s.key} className="touchpoint-part">
            <label htmlFor={`${id}-${s.key}`}>{s.label}</label>
            <select id={`${id}-${s.key}`} value={s.value} onChange={(e) => set({ [s.key]: e.target.value })} aria-invalid={error ? true : undefined}>
              {s.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </span>
        ))}
        <span className="touchpoint-code">
          <span className="muted">{t('capture.resultingCode')}</span>{' '}
          <code id={`${id}-code`} data-testid="touchpoint-code">
            {value}
          </code>
        </span>
      </div>
      {error && (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      )}
    </fieldset>
  );
};
