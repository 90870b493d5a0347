import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName } from '../../../src-shared/knowledge/model';
import { useLanguage } from '../../i18n/useLanguage';
import { ErrorAlert, Notice } from '../../ui/bits';
import { formatDateTime } from '../../ui/format';
import { useArticle, useRecords } from '../sync';
import { recordOpened, recordUsed, sendFeedback } from './actions';
import { ArticleBody } from './ArticleBody';
import { FeedbackForm } from './FeedbackForm';

export type TicketContext = { id: string; subject: string };

type Props = {
  articleId: string;
  /** The ticket the agent is working on (enables "Used for this ticket"). */
  ticket: TicketContext | null;
  onClose?: () => void;
  headingLevel?: 2 | 3;
};

/**
 * One article, read from the cache: sanitized body, "Used for this ticket", feedback. Opening it
 * is recorded (usage reports); everything is kept locally first and works offline. Give it a
 * `key` of the article id: its state (used, errors) belongs to one article.
 */
export const ArticlePane = ({ articleId, ticket, onClose, headingLevel = 2 }: Props) => {
  const { t } = useTranslation();
  const lang = useLanguage();
  const article = useArticle(articleId);
  const feedback = useRecords('articleFeedback');
  const [used, setUsed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const opened = useRef<string | null>(null);
  const ticketId = ticket?.id ?? null;

  useEffect(() => {
    if (!article || opened.current === `${article.id}:${ticketId}`) return;
    opened.current = `${article.id}:${ticketId}`;
    void recordOpened(article, ticketId);
  }, [article, ticketId]);

  if (article === undefined) return <p>{t('app.loading')}</p>;
  if (article === null) return <ErrorAlert>{t('errorCode.NOT_FOUND')}</ErrorAlert>;
  const mine = feedback?.find((f) => f.record.articleId === article.id);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="kb-article" aria-labelledby={`kb-article-${article.id}`}>
      <header>
        <H id={`kb-article-${article.id}`}>{article.title}</H>
        <p className="kb-meta">
          {categoryName(article.category, lang)} · {t('knowledge.revision', { revision: String(article.revision), when: formatDateTime(article.updatedAt, lang) })}
          {article.touchpoints.length > 0 && <> · {article.touchpoints.join(', ')}</>}
        </p>
        {onClose && (
          <button type="button" className="link" onClick={onClose}>
            {t('knowledge.closeArticle')}
          </button>
        )}
      </header>
      <ArticleBody markdown={article.body} />
      <div className="kb-use">
        {ticket ? (
          <>
            <p className="kb-ticket">{t('knowledge.forTicket', { subject: ticket.subject })}</p>
            <button
              type="button"
              disabled={used}
              onClick={() =>
                void recordUsed(article, ticket.id).then((r) => {
                  if (r.ok) setUsed(true);
                  else setError(r.error.message);
                })
              }
            >
              {t('knowledge.usedForTicket')}
            </button>
            {used && <Notice>{t('knowledge.usedForTicketDone')}</Notice>}
          </>
        ) : (
          <p className="field-hint">{t('knowledge.useNeedsTicket')}</p>
        )}
      </div>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <FeedbackForm
        articleId={article.id}
        given={mine ? { helpful: mine.record.helpful, pending: mine.status === 'pending' } : null}
        onSend={async (helpful, comment) => {
          const r = await sendFeedback(article, helpful, comment, ticketId);
          if (!r.ok) setError(r.error.message);
          return r.ok;
        }}
      />
    </article>
  );
};
