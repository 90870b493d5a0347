import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../ui/bits';

type Props = {
  articleId: string;
  /** Feedback this agent already gave on this article (newest), shown instead of the form's result. */
  given: { helpful: boolean; pending: boolean } | null;
  onSend: (helpful: boolean, comment: string) => Promise<boolean>;
};

/** Helpful / not helpful with an optional comment; kept locally first, so it works offline. */
export const FeedbackForm = ({ articleId, given, onSend }: Props) => {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const id = `kb-comment-${articleId}`;
  const send = async (helpful: boolean) => {
    if (await onSend(helpful, comment)) {
      setSent(true);
      setComment('');
    }
  };
  return (
    <section className="kb-feedback" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('knowledge.feedbackHeading')}</h3>
      {given && (
        <p className="kb-given">
          {t('knowledge.yourFeedback', { verdict: given.helpful ? t('knowledge.helpful') : t('knowledge.notHelpful') })}
          {given.pending && <span className="badge tone-warn">{t('knowledge.waitingToSync')}</span>}
        </p>
      )}
      <div className="field">
        <label htmlFor={id}>{t('knowledge.comment')}</label>
        <textarea id={id} rows={2} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" onClick={() => void send(true)}>
          {t('knowledge.helpful')}
        </button>
        <button type="button" onClick={() => void send(false)}>
          {t('knowledge.notHelpful')}
        </button>
      </div>
      {sent && <Notice>{t('knowledge.feedbackSent')}</Notice>}
    </section>
  );
};
