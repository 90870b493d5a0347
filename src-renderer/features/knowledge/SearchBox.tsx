import { useTranslation } from 'react-i18next';
import { DEFAULT_CATEGORIES, type ArticleLanguage } from '../../../src-shared/knowledge/model';
import type { Language } from '../../i18n';
import { localName } from '../../ui/format';

type Props = {
  query: string;
  category: string;
  language: ArticleLanguage | '';
  lang: Language;
  inputRef: React.Ref<HTMLInputElement>;
  onQuery: (q: string) => void;
  onCategory: (c: string) => void;
  onLanguage: (l: ArticleLanguage | '') => void;
};

/** The search box (a `searchbox` named "Search knowledge") and its business-type and language filters. */
export const SearchBox = ({ query, category, language, lang, inputRef, onQuery, onCategory, onLanguage }: Props) => {
  const { t } = useTranslation();
  return (
    <div className="kb-search" role="search">
      <div className="field kb-query">
        <label htmlFor="kb-q">{t('knowledge.searchLabel')}</label>
        <input
          id="kb-q"
          ref={inputRef}
          type="search"
          value={query}
          placeholder={t('knowledge.searchPlaceholder')}
          autoComplete="off"
          onChange={(e) => onQuery(e.target.value)}
          aria-describedby="kb-q-hint"
        />
        <div id="kb-q-hint" className="field-hint">
          {t('knowledge.searchHint')}
        </div>
      </div>
      <div className="field">
        <label htmlFor="kb-category">{t('knowledge.category')}</label>
        <select id="kb-category" value={category} onChange={(e) => onCategory(e.target.value)}>
          <option value="">{t('knowledge.anyCategory')}</option>
          {DEFAULT_CATEGORIES.map((c) => (
            <option key={c.key} value={c.key}>
              {localName(c, lang)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="kb-language">{t('knowledge.language')}</label>
        <select id="kb-language" value={language} onChange={(e) => onLanguage(e.target.value as ArticleLanguage | '')}>
          <option value="">{t('knowledge.anyLanguage')}</option>
          <option value="zh-CN">中文</option>
          <option value="en">English</option>
        </select>
      </div>
    </div>
  );
};
