import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth';
import { useCan, useMe } from '../hooks/use-me';
import { routes } from '../routes';
import { ErrorBoundary } from './error-boundary';

const links = [
  { to: routes.board, label: 'Hypotheses', end: true },
  { to: routes.experiments, label: 'Experiments', end: false },
  { to: routes.flows, label: 'Flows', end: false },
  { to: routes.cohorts, label: 'Cohorts', end: false },
];
/** Keys and webhooks are the admin's: other roles do not see them. */
const adminLinks = [
  { to: routes.apiKeys, label: 'API keys', end: false },
  { to: routes.webhooks, label: 'Webhooks', end: false },
];

export function Layout() {
  const { signOut } = useAuth();
  const { pathname } = useLocation();
  const me = useMe();
  const isAdmin = useCan('admin');
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to={routes.board} className="brand" aria-label="Verdict home">
          <span className="brand-mark" aria-hidden="true">
            V
          </span>
          Verdict
        </NavLink>
        <nav aria-label="Main" className="nav">
          {[...links, ...(isAdmin ? adminLinks : [])].map((link) => (
            <NavLink key={link.to} to={link.to} end={link.end} className="nav-link">
              {link.label}
            </NavLink>
          ))}
        </nav>
        {me.data && (
          <span className="signed-in muted small" data-testid="signed-in-as" title={`Signed in as ${me.data.name}`}>
            {me.data.name} · <span className="tag">{me.data.scope}</span>
          </span>
        )}
        <button type="button" className="button ghost small" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" className="content">
        <ErrorBoundary resetKey={pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
    </div>
  );
}
