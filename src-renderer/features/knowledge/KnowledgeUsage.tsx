import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { ErrorAlert } from '../../ui/bits';
import { TextField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import type { UsageRow } from '../../../src-shared/knowledge/api';
import { searchUsageOnServer, type UsageFilter } from './admin-api';

const EMPTY: UsageFilter = { content: '', title: '', workNumber: '', from: '', to: '' };

/** Supervisors and admins (online): which article was opened, used on which ticket or rated, by whom and when (BRIEF). */
export const KnowledgeUsage = () => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [filter, setFilter] = useState<UsageFilter>(EMPTY);
  const [rows, setRows] = useState<UsageRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof UsageFilter) => (v: string) => setFilter({ ...filter, [k]: v });
  const search = async () => {
    setError(null);
    const r = await searchUsageOnServer(filter);
    if (r.kind === 'ok') setRows(r.value.rows);
    else setError(r.kind === 'unreachable' ? t('knowledgeAdmin.onlineOnly') : r.error.message);
  };
  const action = (r: UsageRow): string =>
    r.action === 'feedback' ? `${t('knowledgeUsage.feedback')}: ${r.helpful ? t('knowledge.helpful') : t('knowledge.notHelpful')}` : t(`knowledgeUsage.${r.action}`);
  return (
    <div className="kb-admin">
      <h1>{t('knowledgeUsage.heading')}</h1>
      <form
        className="kb-search"
        aria-label={t('knowledgeUsage.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <TextField id="ku-content" label={t('knowledgeUsage.content')} value={filter.content} onChange={set('content')} />
        <TextField id="ku-title" label={t('knowledgeUsage.title')} value={filter.title} onChange={set('title')} />
        <TextField id="ku-work" label={t('knowledgeUsage.workNumber')} value={filter.workNumber} onChange={set('workNumber')} />
        <TextField id="ku-from" type="datetime-local" label={t('knowledgeUsage.from')} value={filter.from} onChange={set('from')} />
        <TextField id="ku-to" type="datetime-local" label={t('knowledgeUsage.to')} value={filter.to} onChange={set('to')} />
        <button type="submit" className="primary">
          {t('knowledgeUsage.search')}
        </button>
      </form>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {rows && rows.length === 0 && <p>{t('knowledgeUsage.none')}</p>}
      {rows && rows.length > 0 && (
        <table className="table" aria-label={t('knowledgeUsage.table')}>
          <thead>
            <tr>
              <th scope="col">{t('knowledgeUsage.when')}</th>
              <th scope="col">{t('knowledgeUsage.who')}</th>
              <th scope="col">{t('knowledgeUsage.article')}</th>
              <th scope="col">{t('knowledgeUsage.what')}</th>
              <th scope="col">{t('knowledgeUsage.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.action}:${r.id}`}>
                <td>{formatDateTime(r.at, lang)}</td>
                <td>
                  {r.user.name} ({r.user.workNumber})
                </td>
                <td>{r.articleTitle ?? r.articleId}</td>
                <td>{action(r)}</td>
                <td>{r.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
};
