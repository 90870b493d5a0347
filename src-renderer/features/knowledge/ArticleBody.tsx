import { useMemo } from 'react';
import { renderArticleHtml } from './render';

/** An article body, rendered from Markdown and sanitized (never runs script). */
export const ArticleBody = ({ markdown }: { markdown: string }) => {
  const html = useMemo(() => renderArticleHtml(markdown), [markdown]);
  // Sanitized by DOMPurify in renderArticleHtml: only inert formatting is left.
  return <div className="article-body" dangerouslySetInnerHTML={{ __html: html }} />;
};
