/**
 * The knowledge feature's zustand store (the only one here): what the agent searches for
 * and which article is open on the Knowledge screen, the search index's state, and a counter
 * the "/" and Ctrl+K shortcut bumps to put the keyboard in the search box.
 */
import { create } from 'zustand';
import type { ArticleLanguage } from '../../../src-shared/knowledge/model';

/** The offline index: built from the cached articles, then kept up to date as they change. */
export type IndexState = { kind: 'off' } | { kind: 'building' } | { kind: 'ready'; size: number } | { kind: 'failed'; message: string };

type KnowledgeUi = {
  query: string;
  category: string;
  language: ArticleLanguage | '';
  /** The article open on the Knowledge screen. */
  openId: string | null;
  index: IndexState;
  /** Bumped by the search shortcut. */
  focusRequest: number;
  /** Bumped whenever the index changed (results are asked again). */
  indexStamp: number;
};

export const useKnowledgeUi = create<KnowledgeUi>(() => ({
  query: '',
  category: '',
  language: '',
  openId: null,
  index: { kind: 'off' },
  focusRequest: 0,
  indexStamp: 0,
}));

const set = useKnowledgeUi.setState;

export const setQuery = (query: string): void => set({ query });
export const setCategory = (category: string): void => set({ category });
export const setLanguage = (language: ArticleLanguage | ''): void => set({ language });
export const openArticleId = (openId: string | null): void => set({ openId });
export const setIndexState = (index: IndexState): void => set((s) => ({ index, indexStamp: s.indexStamp + 1 }));
export const requestSearchFocus = (): void => set((s) => ({ focusRequest: s.focusRequest + 1 }));
export const resetKnowledgeUi = (): void => set({ query: '', category: '', language: '', openId: null, index: { kind: 'off' } });
