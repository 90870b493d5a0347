import type { ReactNode } from 'react';

type Common = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  className?: string;
  required?: boolean;
  disabled?: boolean;
};

const describedBy = (id: string, error: string | undefined, hint: ReactNode): string | undefined =>
  [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;

const Frame = ({ id, label, error, hint, className, required, children }: Common & { children: ReactNode }) => (
  <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
    <label htmlFor={id}>
      {label}
      {required && <span className="required" aria-hidden="true"> *</span>}
    </label>
    {children}
    {hint && (
      <div id={`${id}-hint`} className="field-hint">
        {hint}
      </div>
    )}
    {error && (
      <div id={`${id}-error`} className="field-error">
        {error}
      </div>
    )}
  </div>
);

type TextProps = Common & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'tel' | 'email' | 'password' | 'search' | 'number' | 'datetime-local';
  /** Extra attributes for number and date inputs. */
  min?: string;
  max?: string;
  step?: string;
  autoComplete?: string;
  placeholder?: string;
  autoFocus?: boolean;
};

/** A labelled one-line input; its error is shown under it and tied to it with aria-describedby. */
export const TextField = ({ value, onChange, type = 'text', autoComplete, placeholder, autoFocus, min, max, step, ...c }: TextProps) => (
  <Frame {...c}>
    <input
      id={c.id}
      type={type}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoComplete={autoComplete}
      placeholder={placeholder}
      autoFocus={autoFocus}
      min={min}
      max={max}
      step={step}
      required={c.required}
      disabled={c.disabled}
      aria-invalid={c.error ? true : undefined}
      aria-describedby={describedBy(c.id, c.error, c.hint)}
    />
  </Frame>
);

type AreaProps = Common & { value: string; onChange: (value: string) => void; rows?: number };

/** A labelled multi-line input. */
export const TextAreaField = ({ value, onChange, rows = 4, ...c }: AreaProps) => (
  <Frame {...c}>
    <textarea
      id={c.id}
      value={value}
      rows={rows}
      onChange={(e) => onChange(e.target.value)}
      required={c.required}
      disabled={c.disabled}
      aria-invalid={c.error ? true : undefined}
      aria-describedby={describedBy(c.id, c.error, c.hint)}
    />
  </Frame>
);

export type Option = { value: string; label: string };
type SelectProps = Common & { value: string; onChange: (value: string) => void; options: readonly Option[] };

/** A labelled select. */
export const SelectField = ({ value, onChange, options, ...c }: SelectProps) => (
  <Frame {...c}>
    <select
      id={c.id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required={c.required}
      disabled={c.disabled}
      aria-invalid={c.error ? true : undefined}
      aria-describedby={describedBy(c.id, c.error, c.hint)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  </Frame>
);
