import { useTranslation } from 'react-i18next';
import { categoryName } from '../../../src-shared/knowledge/model';
import type { Language } from '../../i18n';
import { Highlighted } from './Highlighted';
import type { KnowledgeHit } from './service';

type Props = { hits: readonly KnowledgeHit[]; lang: Language; openId: string | null; onOpen: (id: string) => void; compact?: boolean };

/** Search results: each a button named by the article's title, with the matches marked in title and snippet. */
export const ResultList = ({ hits, lang, openId, onOpen, compact = false }: Props) => {
  const { t } = useTranslation();
  return (
    <ol className={`kb-results${compact ? ' compact' : ''}`}>
      {hits.map((h) => (
        <li key={h.id} className={h.id === openId ? 'current' : undefined}>
          <button type="button" className="kb-hit" onClick={() => onOpen(h.id)} aria-label={t('knowledge.open', { title: h.title })} aria-current={h.id === openId ? 'true' : undefined}>
            <span className="kb-title">
              <Highlighted text={h.title} terms={h.terms} />
            </span>
            {!compact && (
              <span className="kb-snippet">
                <Highlighted text={h.snippet} terms={h.terms} />
              </span>
            )}
            <span className="kb-meta">
              {categoryName(h.category, lang)} · {h.language === 'zh-CN' ? '中文' : 'English'}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
};
