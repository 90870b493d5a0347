/**
 * Knowledge (DESIGN §6): the offline search index kept in step with the cache, the Knowledge
 * screen, the suggestions panel beside tickets and calls, and the admins' article editor.
 */
export { KnowledgeScreen } from './KnowledgeScreen';
export { SuggestionsPanel } from './SuggestionsPanel';
export { KnowledgeAdmin } from './KnowledgeAdmin';
export { KnowledgeUsage } from './KnowledgeUsage';
export type { TicketContext } from './ArticlePane';
export { startKnowledge, stopKnowledge, refreshKnowledge, searchKnowledge, type KnowledgeHit, type KnowledgeQuery, type KnowledgeOptions } from './service';
export { requestSearchFocus, resetKnowledgeUi } from './store';
export { renderArticleHtml } from './render';
