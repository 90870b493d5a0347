import { useTranslation } from 'react-i18next';
import { DEFAULT_CATEGORIES, type ArticleInput } from '../../../src-shared/knowledge/model';
import type { Language } from '../../i18n';
import { ErrorAlert, Notice } from '../../ui/bits';
import { SelectField, TextAreaField, TextField } from '../../ui/fields';
import { localName } from '../../ui/format';
import { ArticleBody } from './ArticleBody';

/** The editor's text: lists are typed as comma-separated text. */
export type EditorDraft = Omit<ArticleInput, 'tags' | 'touchpoints'> & { tags: string; touchpoints: string };

type Props = {
  draft: EditorDraft;
  lang: Language;
  isNew: boolean;
  saving: boolean;
  error: string | null;
  stale: boolean;
  saved: string | null;
  onChange: (d: EditorDraft) => void;
  onSave: () => void;
  onReload: () => void;
  onCancel: () => void;
};

/** Converts editor text to an article input (lists split on commas). */
export const inputOfDraft = (d: EditorDraft): ArticleInput => ({
  ...d,
  tags: d.tags.split(/[,，]/).map((s) => s.trim()).filter(Boolean),
  touchpoints: d.touchpoints.split(/[,，\s]+/).map((s) => s.trim().toUpperCase()).filter(Boolean),
});

/** An article's editor with a live preview of the sanitized body. */
export const ArticleEditor = ({ draft, lang, isNew, saving, error, stale, saved, onChange, onSave, onReload, onCancel }: Props) => {
  const { t } = useTranslation();
  const set = <K extends keyof EditorDraft>(k: K, v: EditorDraft[K]) => onChange({ ...draft, [k]: v });
  return (
    <form
      className="kb-editor"
      aria-label={isNew ? t('knowledgeAdmin.newArticle') : t('knowledgeAdmin.edit', { title: draft.title })}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <TextField id="kb-edit-title" label={t('knowledgeAdmin.title')} value={draft.title} onChange={(v) => set('title', v)} required />
      <TextField id="kb-edit-slug" label={t('knowledgeAdmin.slug')} value={draft.slug} onChange={(v) => set('slug', v)} required />
      <div className="row">
        <SelectField
          id="kb-edit-category"
          label={t('knowledgeAdmin.category')}
          value={draft.category}
          onChange={(v) => set('category', v)}
          options={DEFAULT_CATEGORIES.map((c) => ({ value: c.key, label: localName(c, lang) }))}
        />
        <SelectField
          id="kb-edit-language"
          label={t('knowledgeAdmin.language')}
          value={draft.language}
          onChange={(v) => set('language', v === 'en' ? 'en' : 'zh-CN')}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
        <SelectField
          id="kb-edit-status"
          label={t('knowledgeAdmin.status')}
          value={draft.status}
          onChange={(v) => set('status', v === 'draft' ? 'draft' : 'published')}
          options={[
            { value: 'published', label: t('knowledgeAdmin.published') },
            { value: 'draft', label: t('knowledgeAdmin.draft') },
          ]}
        />
      </div>
      <TextField id="kb-edit-tags" label={t('knowledgeAdmin.tags')} value={draft.tags} onChange={(v) => set('tags', v)} />
      <TextField id="kb-edit-touchpoints" label={t('knowledgeAdmin.touchpoints')} value={draft.touchpoints} onChange={(v) => set('touchpoints', v)} />
      <TextAreaField id="kb-edit-body" label={t('knowledgeAdmin.body')} value={draft.body} onChange={(v) => set('body', v)} rows={14} />
      {error && <ErrorAlert>{stale ? t('knowledgeAdmin.stale') : error}</ErrorAlert>}
      {saved && <Notice>{saved}</Notice>}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {t('knowledgeAdmin.save')}
        </button>
        {stale && (
          <button type="button" onClick={onReload}>
            {t('knowledgeAdmin.reload')}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {t('knowledgeAdmin.cancel')}
        </button>
      </div>
      <section className="kb-preview" aria-labelledby="kb-preview-h">
        <h2 id="kb-preview-h">{t('knowledgeAdmin.preview')}</h2>
        <ArticleBody markdown={draft.body} />
      </section>
    </form>
  );
};
