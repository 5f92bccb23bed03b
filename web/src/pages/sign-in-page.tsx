import { FormEvent, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiRequestError, describeError } from '../api/client';
import { getMe } from '../api/me';
import { useAuth } from '../auth';
import { Field } from '../components/form/field';
import { FieldError } from '../components/form/field-error';
import { FormActions } from '../components/form/form-actions';
import { routes } from '../routes';
import { usePageTitle } from '../hooks/use-page-title';

export function SignInPage() {
  const { token, signIn } = useAuth();
  usePageTitle('Sign in');
  const navigate = useNavigate();
  const location = useLocation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? routes.board;

  if (token) return <Navigate to={from} replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const candidate = value.trim();
    if (!candidate) {
      setError('Enter an API key or the admin token.');
      return;
    }
    setChecking(true);
    setError(null);
    try {
      // Which key is it? An sdk key belongs in an app, not here.
      const me = await getMe(candidate);
      if (me.scope === 'sdk') {
        setError('That key has the sdk scope; sign in with a viewer, editor or admin key.');
        return;
      }
      signIn(candidate);
      navigate(from, { replace: true });
    } catch (failure) {
      if (failure instanceof ApiRequestError && failure.status === 401) setError('That key was not recognised.');
      else if (failure instanceof ApiRequestError && failure.status === 403)
        setError('That key may not use the console.');
      else setError(describeError(failure));
    } finally {
      setChecking(false);
    }
  }

  return (
    <div className="sign-in">
      <form className="card sign-in-card" onSubmit={onSubmit} noValidate>
        <div className="brand large">
          <span className="brand-mark" aria-hidden="true">
            V
          </span>
          Verdict
        </div>
        <p className="muted">Every hypothesis, validated or refuted. Sign in with a viewer, editor or admin API key, or the admin token.</p>
        <Field label="API key or admin token">
          <input
            type="password"
            name="token"
            autoComplete="current-password"
            autoFocus
            value={value}
            onChange={(event) => setValue(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </Field>
        <FieldError id="sign-in-error">{error}</FieldError>
        <FormActions submitLabel="Sign in" pendingLabel="Checking…" pending={checking} />
        <p className="muted small">The key is kept for this browser tab only.</p>
      </form>
    </div>
  );
}
