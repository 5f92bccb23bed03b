import type { ReactNode } from 'react';

interface FieldProps {
  /** The label text; it is also the control's accessible name. */
  label: ReactNode;
  /** The control's id. Leave it out when the control has none: wrapping it labels it too. */
  htmlFor?: string;
  /** A width from styles.css: `grow`, `narrow`, `narrow-wide`, `inline`. */
  className?: string;
  /** A line under the field. It stays outside the label so the control's name is the label alone. */
  hint?: ReactNode;
  children: ReactNode;
}

/** One labelled control: the label above it and, when given, a hint below it. */
export function Field({ label, htmlFor, className, hint, children }: FieldProps) {
  const field = (
    <label className={className ? `field ${className}` : 'field'} htmlFor={htmlFor}>
      <span>{label}</span>
      {children}
    </label>
  );
  if (!hint) return field;
  return (
    <>
      {field}
      <p className="muted small">{hint}</p>
    </>
  );
}
