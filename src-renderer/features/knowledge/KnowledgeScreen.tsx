import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { ErrorAlert } from '../../ui/bits';
import { useArticleCount } from '../sync';
import { ArticlePane, type TicketContext } from './ArticlePane';
import { ResultList } from './ResultList';
import { SearchBox } from './SearchBox';
import { openArticleId, setCategory, setLanguage, setQuery, useKnowledgeUi } from './store';
import { useSearch } from './useSearch';

type Props = { ticket?: TicketContext | null };

/** The Knowledge screen: search as you type (offline), filters, results with matches marked, the open article. */
export const KnowledgeScreen = ({ ticket = null }: Props) => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { query, category, language, openId, index, focusRequest } = useKnowledgeUi();
  const count = useArticleCount();
  const input = useRef<HTMLInputElement>(null);
  const hits = useSearch({ text: query, category, language });

  useEffect(() => {
    input.current?.focus();
  }, [focusRequest]);

  const searching = query.trim() !== '' || category !== '' || language !== '';
  return (
    <div className="knowledge">
      <h1>{t('knowledge.heading')}</h1>
      <SearchBox query={query} category={category} language={language} lang={lang} inputRef={input} onQuery={setQuery} onCategory={setCategory} onLanguage={setLanguage} />
      {index.kind === 'failed' && <ErrorAlert>{t('knowledge.indexFailed', { message: index.message })}</ErrorAlert>}
      <div className="kb-layout">
        <section className="kb-list" aria-labelledby="kb-results-h">
          <h2 id="kb-results-h">
            {t('knowledge.results')}
            {searching && hits && <span className="kb-count"> — {t('knowledge.resultsCount', { count: hits.length })}</span>}
          </h2>
          <p className="field-hint" role="status">
            {index.kind === 'building' ? t('knowledge.indexing') : count !== undefined ? t('knowledge.articleCount', { count }) : ''}
          </p>
          {!searching ? (
            <p>{t('knowledge.typeToSearch')}</p>
          ) : hits && hits.length === 0 ? (
            <p>{t('knowledge.noResults')}</p>
          ) : (
            <ResultList hits={hits ?? []} lang={lang} openId={openId} onOpen={openArticleId} />
          )}
        </section>
        <div className="kb-pane">{openId && <ArticlePane key={openId} articleId={openId} ticket={ticket} onClose={() => openArticleId(null)} />}</div>
      </div>
    </div>
  );
};
