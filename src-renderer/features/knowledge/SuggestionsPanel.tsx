import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n/useLanguage';
import { ArticlePane, type TicketContext } from './ArticlePane';
import { ResultList } from './ResultList';
import { useSearch } from './useSearch';

type Props = {
  /** What the agent is typing (subject and description). */
  text: string;
  /** The touchpoint code of the ticket or call (its business picks articles when nothing is typed yet). */
  touchpoint: string;
  ticket: TicketContext | null;
};

/**
 * Articles for what the agent is typing and for the call's business, beside the ticket and
 * the call, without the agent searching. One opens in place, with "Used for this ticket".
 */
export const SuggestionsPanel = ({ text, touchpoint, ticket }: Props) => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [openId, setOpenId] = useState<string | null>(null);
  const hits = useSearch({ text, touchpoint, limit: 5 });
  return (
    <aside className="kb-suggestions" aria-labelledby="kb-suggestions-h">
      <h2 id="kb-suggestions-h">{t('knowledge.suggestions')}</h2>
      <p className="field-hint">{t('knowledge.suggestionsHint')}</p>
      {hits && hits.length > 0 ? <ResultList hits={hits} lang={lang} openId={openId} onOpen={setOpenId} compact /> : <p>{t('knowledge.noSuggestions')}</p>}
      {openId && <ArticlePane key={openId} articleId={openId} ticket={ticket} onClose={() => setOpenId(null)} headingLevel={3} />}
    </aside>
  );
};
