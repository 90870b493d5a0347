import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'info' | 'ok' | 'warn' | 'bad';

/** A small coloured label (status, priority, "waiting to sync", "rejected"). */
export const Badge = ({ tone = 'neutral', children, title, testId }: { tone?: Tone; children: ReactNode; title?: string; testId?: string }) => (
  <span className={`badge tone-${tone}`} title={title} data-testid={testId}>
    {children}
  </span>
);

/** An error the agent must see now (announced by screen readers). */
export const ErrorAlert = ({ children }: { children: ReactNode }) => (
  <div role="alert" className="alert alert-error">
    {children}
  </div>
);

/** A notice that is announced politely (e.g. "Changes saved."). */
export const Notice = ({ children }: { children: ReactNode }) => (
  <div role="status" className="alert alert-info">
    {children}
  </div>
);

/** A titled block of a screen, with a real heading for navigation by headings. */
export const Section = ({ title, id, level = 2, actions, children, className }: {
  title: string;
  id: string;
  level?: 2 | 3;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) => {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section className={`section${className ? ` ${className}` : ''}`} aria-labelledby={id}>
      <div className="section-head">
        <H id={id}>{title}</H>
        {actions}
      </div>
      {children}
    </section>
  );
};

/** A standard phrase (标准用语) the agent reads aloud. */
export const Script = ({ label, children }: { label: string; children: ReactNode }) => (
  <figure className="script">
    <figcaption>{label}</figcaption>
    <blockquote>{children}</blockquote>
  </figure>
);
