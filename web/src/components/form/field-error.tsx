import type { ReactNode } from 'react';

/** A problem the browser found before sending anything; renders nothing while there is none. */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {children}
    </p>
  );
}
