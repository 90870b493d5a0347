import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../src-shared/sync/status';
import { formatDateTime } from './format';
import { syncParts, type SyncPart } from './syncParts';
import type { Language } from '../i18n';

type Props = { status: SyncStatus; lang: Language };

/**
 * The sync indicator: always the truth of `SyncStatus`. Its accessible name reads e.g.
 * "Sync status: Offline, 3 waiting"; the visible text is the same parts separated by dots.
 */
export const SyncIndicator = ({ status, lang }: Props) => {
  const { t } = useTranslation();
  const text = (p: SyncPart): string => ('count' in p ? t(`sync.${p.key}`, { count: p.count }) : t(`sync.${p.key}`));
  const parts = syncParts(status);
  const label = t('sync.accessibleName', { parts: parts.map(text).join(lang === 'zh-CN' ? '，' : ', ') });
  const title = status.lastSyncedAt ? t('sync.lastSynced', { when: formatDateTime(status.lastSyncedAt, lang) }) : t('sync.never');
  return (
    <div role="status" aria-label={label} title={title} className="sync-indicator" data-connection={status.connection}>
      {parts.map((p) => (
        <span key={p.key} className={`sync-part tone-${p.tone}`} aria-hidden="true">
          {p.key === status.connection && <span className="sync-dot" />}
          {text(p)}
        </span>
      ))}
    </div>
  );
};
