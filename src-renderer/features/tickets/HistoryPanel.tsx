import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../src-shared/ticket/model';
import { Badge, Section } from '../../ui/bits';
import { formatDateTime } from '../../ui/format';
import { userLabel, type Names } from '../../ui/names';
import type { Language } from '../../i18n';
import { fieldLabel, valueText } from './describe';

type Props = { entries: readonly HistoryEntry[]; names: Names; lang: Language };

/** Who changed what and when, newest first; changes made from a stale copy are marked concurrent. */
export const HistoryPanel = ({ entries, names, lang }: Props) => {
  const { t } = useTranslation();
  const d = { t, names, lang };
  const words = { unknownUser: t('common.unknownUser'), unknownGroup: t('common.unknownGroup'), unassigned: t('common.unassigned') };
  const sorted = [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.version - a.version));
  return (
    <Section id="history-heading" title={t('detail.historyHeading')}>
      {sorted.length === 0 ? (
        <p className="muted">{t('detail.noHistory')}</p>
      ) : (
        <table className="grid history-table" aria-labelledby="history-heading">
          <thead>
            <tr>
              <th scope="col">{t('detail.when')}</th>
              <th scope="col">{t('detail.who')}</th>
              <th scope="col">{t('detail.what')}</th>
              <th scope="col">{t('detail.from')}</th>
              <th scope="col">{t('detail.to')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((h) => (
              <tr key={h.id} className={h.concurrent ? 'concurrent' : undefined}>
                <td className="col-updated">
                  <time dateTime={h.at}>{formatDateTime(h.at, lang)}</time>
                </td>
                <td>{userLabel(names, h.userId, words)}</td>
                <td>
                  {fieldLabel(t, h.field)}
                  {h.concurrent && (
                    <>
                      {' '}
                      <Badge tone="warn">{t('badge.concurrent')}</Badge>
                    </>
                  )}
                </td>
                <td className="value" title={valueText(d, h.field, h.from)}>
                  {h.field === 'created' ? t('common.none') : valueText(d, h.field, h.from)}
                </td>
                <td className="value" title={valueText(d, h.field, h.to)}>
                  {valueText(d, h.field, h.to)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
};
