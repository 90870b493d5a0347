import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName } from '../../../src-shared/knowledge/model';
import { useLanguage } from '../../i18n/useLanguage';
import { ErrorAlert, Notice } from '../../ui/bits';
import { formatDateTime } from '../../ui/format';
import type { CallOutcome } from '../sync';
import { createArticleOnServer, getArticleOnServer, importOnServer, importRequestsOf, listArticlesOnServer, saveArticleOnServer, type ArticleSummary } from './admin-api';
import { ArticleEditor, inputOfDraft, type EditorDraft } from './ArticleEditor';

const EMPTY: EditorDraft = { slug: '', title: '', body: '', category: 'desk-process', language: 'zh-CN', tags: '', touchpoints: '', status: 'published' };

type Editing = { id: string | null; revision: number; draft: EditorDraft };

const failure = (o: CallOutcome<unknown>, offline: string): string | null => (o.kind === 'ok' ? null : o.kind === 'unreachable' ? offline : o.error.message);

/** Admins: the desk's articles (drafts too), an editor with preview and revisions kept by the server, and import. */
export const KnowledgeAdmin = () => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const [list, setList] = useState<ArticleSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [importNote, setImportNote] = useState<string | null>(null);
  const [importProblems, setImportProblems] = useState<string[]>([]);

  const [listStamp, setListStamp] = useState(0);
  const load = useCallback(() => setListStamp((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    void listArticlesOnServer().then((r) => {
      if (!live) return;
      setListError(failure(r, t('knowledgeAdmin.onlineOnly')));
      if (r.kind === 'ok') setList(r.value.articles);
    });
    return () => {
      live = false;
    };
  }, [listStamp, t]);

  const open = async (id: string) => {
    const r = await getArticleOnServer(id);
    if (r.kind !== 'ok') return setListError(failure(r, t('knowledgeAdmin.onlineOnly')));
    const a = r.value;
    setEditing({ id: a.id, revision: a.revision, draft: { ...a, tags: a.tags.join(', '), touchpoints: a.touchpoints.join(', ') } });
    setError(null);
    setStale(false);
    setSaved(null);
  };

  const save = async () => {
    if (!editing) return;
    setSaving(true);
    setSaved(null);
    const input = inputOfDraft(editing.draft);
    const r = editing.id ? await saveArticleOnServer(editing.id, input, editing.revision) : await createArticleOnServer(input);
    setSaving(false);
    if (r.kind !== 'ok') {
      setStale(r.kind === 'refused' && r.error.code === 'STALE_REVISION');
      return setError(failure(r, t('knowledgeAdmin.onlineOnly')));
    }
    setError(null);
    setStale(false);
    setEditing({ ...editing, id: r.value.id, revision: r.value.revision });
    setSaved(t('knowledgeAdmin.saved', { revision: String(r.value.revision) }));
    load();
  };

  const reload = async () => {
    if (!editing?.id) return;
    const keep = editing.draft;
    const r = await getArticleOnServer(editing.id);
    if (r.kind !== 'ok') return setError(failure(r, t('knowledgeAdmin.onlineOnly')));
    // The newer revision is the base now; what the admin typed stays in the editor.
    setEditing({ id: r.value.id, revision: r.value.revision, draft: keep });
    setStale(false);
    setError(null);
  };

  const doImport = async (files: FileList | null) => {
    if (!files?.length) return;
    setImportNote(null);
    setImportProblems([]);
    const totals = { created: 0, updated: 0, unchanged: 0 };
    const problems: string[] = [];
    for (const req of await importRequestsOf([...files])) {
      const r = await importOnServer(req);
      if (r.kind !== 'ok') {
        problems.push(failure(r, t('knowledgeAdmin.onlineOnly')) ?? '');
        continue;
      }
      totals.created += r.value.created;
      totals.updated += r.value.updated;
      totals.unchanged += r.value.unchanged;
      problems.push(...r.value.problems.map((p) => `${p.item}: ${p.message}`));
    }
    setImportNote(t('knowledgeAdmin.importDone', { created: String(totals.created), updated: String(totals.updated), unchanged: String(totals.unchanged) }));
    setImportProblems(problems);
    load();
  };

  return (
    <div className="kb-admin">
      <h1>{t('knowledgeAdmin.heading')}</h1>
      <p>{t('knowledgeAdmin.intro')}</p>
      {listError && <ErrorAlert>{listError}</ErrorAlert>}
      {editing ? (
        <ArticleEditor
          draft={editing.draft}
          lang={lang}
          isNew={editing.id === null}
          saving={saving}
          error={error}
          stale={stale}
          saved={saved}
          onChange={(draft) => setEditing({ ...editing, draft })}
          onSave={() => void save()}
          onReload={() => void reload()}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <>
          <div className="actions">
            <button type="button" className="primary" onClick={() => setEditing({ id: null, revision: 0, draft: EMPTY })}>
              {t('knowledgeAdmin.newArticle')}
            </button>
          </div>
          <section aria-labelledby="kb-import-h" className="kb-import">
            <h2 id="kb-import-h">{t('knowledgeAdmin.import')}</h2>
            <p className="field-hint">{t('knowledgeAdmin.importHint')}</p>
            <div className="field">
              <label htmlFor="kb-import-files">{t('knowledgeAdmin.importFiles')}</label>
              <input id="kb-import-files" type="file" multiple accept=".md,.markdown,.json,.csv" onChange={(e) => void doImport(e.target.files)} />
            </div>
            {importNote && <Notice>{importNote}</Notice>}
            {importProblems.length > 0 && (
              <div role="alert" className="alert alert-error">
                {t('knowledgeAdmin.importProblems')}
                <ul>
                  {importProblems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              </div>
            )}
          </section>
          <table className="table" aria-label={t('knowledgeAdmin.table')}>
            <thead>
              <tr>
                <th scope="col">{t('knowledgeAdmin.title')}</th>
                <th scope="col">{t('knowledgeAdmin.category')}</th>
                <th scope="col">{t('knowledgeAdmin.language')}</th>
                <th scope="col">{t('knowledgeAdmin.status')}</th>
                <th scope="col">{t('knowledgeAdmin.revisions')}</th>
              </tr>
            </thead>
            <tbody>
              {(list ?? []).map((a) => (
                <tr key={a.id}>
                  <td>
                    <button type="button" className="link" onClick={() => void open(a.id)} aria-label={t('knowledgeAdmin.edit', { title: a.title })}>
                      {a.title}
                    </button>
                  </td>
                  <td>{categoryName(a.category, lang)}</td>
                  <td>{a.language === 'zh-CN' ? '中文' : 'English'}</td>
                  <td>{a.status === 'draft' ? t('knowledgeAdmin.draft') : t('knowledgeAdmin.published')}</td>
                  <td>
                    {a.revision} · {formatDateTime(a.updatedAt, lang)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
};
