import { useEffect, useState } from 'react';
import type { ArticleLanguage } from '../../../src-shared/knowledge/model';
import { searchKnowledge, type KnowledgeHit } from './service';
import { useKnowledgeUi } from './store';

export type SearchInput = { text: string; category?: string; language?: ArticleLanguage | ''; touchpoint?: string; limit?: number };

/**
 * The hits for a query, asked again whenever the query or the index changes. Answers come
 * from the worker in well under a frame, so there is no debounce; a stale answer (the agent
 * typed on meanwhile) is dropped.
 */
export const useSearch = (input: SearchInput): KnowledgeHit[] | null => {
  const stamp = useKnowledgeUi((s) => s.indexStamp);
  const [hits, setHits] = useState<KnowledgeHit[] | null>(null);
  const { text, category = '', language = '', touchpoint = '', limit = 20 } = input;
  useEffect(() => {
    let live = true;
    void searchKnowledge({ text, category, language, touchpoint, limit }).then((h) => {
      if (live) setHits(h);
    });
    return () => {
      live = false;
    };
  }, [text, category, language, touchpoint, limit, stamp]);
  return hits;
};
