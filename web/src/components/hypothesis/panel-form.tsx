import type { ReactNode } from 'react';

interface PanelFormProps {
  /** The form's accessible name. */
  label: string;
  title: ReactNode;
  /** One line on what saving does. */
  intro: ReactNode;
  onSubmit(): void;
  children: ReactNode;
}

/** A form that opens in a card at the top of the hypothesis page. */
export function PanelForm({ label, title, intro, onSubmit, children }: PanelFormProps) {
  return (
    <form
      className="card form"
      noValidate
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h2>{title}</h2>
      <p className="muted small">{intro}</p>
      {children}
    </form>
  );
}
