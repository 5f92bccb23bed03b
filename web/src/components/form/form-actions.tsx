import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { FieldError } from './field-error';
import { FormError } from './form-error';

interface FormActionsProps {
  submitLabel: ReactNode;
  /** The submit button's text while the request is in flight; without it the label stays. */
  pendingLabel?: ReactNode;
  /** A request is in flight: submit is disabled. */
  pending: boolean;
  /** Keeps submit disabled for another reason, such as an empty required field. */
  disabled?: boolean;
  /** What the browser found wrong before sending. */
  problem?: string | null;
  /** The API's answer when saving failed. */
  error?: unknown;
  /** Saved without leaving the page: says so above the buttons. */
  saved?: boolean;
  /** Cancel as a link to a route, or as a button that closes the form; no Cancel without either. */
  cancelTo?: string;
  onCancel?(): void;
  cancelLabel?: string;
}

/** The end of every console form: what went wrong, then submit and cancel. */
export function FormActions({
  submitLabel,
  pendingLabel,
  pending,
  disabled = false,
  problem,
  error,
  saved = false,
  cancelTo,
  onCancel,
  cancelLabel = 'Cancel',
}: FormActionsProps) {
  return (
    <>
      <FieldError>{problem}</FieldError>
      <FormError error={error} />
      {saved && (
        <p className="success" role="status">
          Saved.
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button primary" disabled={pending || disabled}>
          {pending && pendingLabel ? pendingLabel : submitLabel}
        </button>
        {cancelTo !== undefined && (
          <Link to={cancelTo} className="button ghost">
            {cancelLabel}
          </Link>
        )}
        {cancelTo === undefined && onCancel && (
          <button type="button" className="button ghost" onClick={onCancel}>
            {cancelLabel}
          </button>
        )}
      </div>
    </>
  );
}
