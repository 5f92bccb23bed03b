import { lazy, ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useAuth } from './auth';
import { Layout } from './components/layout';
import { EmptyState, Loading } from './components/query-state';
import { ApiKeysPage } from './pages/api-keys-page';
import { BoardPage } from './pages/board-page';
import { CohortFormPage } from './pages/cohort-form-page';
import { CohortsPage } from './pages/cohorts-page';
import { ExperimentFormPage } from './pages/experiment-form-page';
import { ExperimentsPage } from './pages/experiments-page';
import { FlowFormPage } from './pages/flow-form-page';
import { FlowsPage } from './pages/flows-page';
import { HypothesisFormPage } from './pages/hypothesis-form-page';
import { HypothesisPage } from './pages/hypothesis-page';
import { SignInPage } from './pages/sign-in-page';
import { WebhooksPage } from './pages/webhooks-page';
import type { Role } from '@verdict/shared';
import { useCan, useMe } from './hooks/use-me';
import { routePatterns, routes } from './routes';

// The experiment page carries the charting library: load it when first needed.
const FlowInsightsPage = lazy(() => import('./pages/flow-insights-page').then((module) => ({ default: module.FlowInsightsPage })));
const FlowHealthPage = lazy(() => import('./pages/flow-health-page').then((module) => ({ default: module.FlowHealthPage })));
const ExperimentPage = lazy(() => import('./pages/experiment-page').then((module) => ({ default: module.ExperimentPage })));

function RequireAuth({ children }: { children: ReactNode }) {
  const { token } = useAuth();
  const location = useLocation();
  if (!token) return <Navigate to={routes.signIn} replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** A page only some roles may use: the others get a short explanation instead of a form the API would refuse. */
function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const me = useMe();
  const allowed = useCan(role);
  if (me.isPending) return <Loading />;
  if (!allowed) {
    return (
      <EmptyState title="Not available to your key">
        This page needs the {role} role; you are signed in as {me.data?.scope ?? 'unknown'}.
      </EmptyState>
    );
  }
  return <>{children}</>;
}

export function App() {
  return (
    <Routes>
      <Route path={routePatterns.signIn} element={<SignInPage />} />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route path={routePatterns.board} element={<BoardPage />} />
        <Route path={routePatterns.hypothesisNew} element={<RequireRole role="editor"><HypothesisFormPage /></RequireRole>} />
        <Route path={routePatterns.hypothesis} element={<HypothesisPage />} />
        <Route path={routePatterns.experiments} element={<ExperimentsPage />} />
        <Route path={routePatterns.experimentNew} element={<RequireRole role="editor"><ExperimentFormPage /></RequireRole>} />
        <Route
          path={routePatterns.experiment}
          element={
            <Suspense fallback={<Loading />}>
              <ExperimentPage />
            </Suspense>
          }
        />
        <Route path={routePatterns.experimentEdit} element={<RequireRole role="editor"><ExperimentFormPage /></RequireRole>} />
        <Route path={routePatterns.flows} element={<FlowsPage />} />
        <Route path={routePatterns.flowNew} element={<RequireRole role="editor"><FlowFormPage /></RequireRole>} />
        <Route path={routePatterns.flow} element={<FlowFormPage />} />
        <Route path={routePatterns.flowInsights} element={<Suspense fallback={<Loading />}><FlowInsightsPage /></Suspense>} />
        <Route path={routePatterns.flowHealth} element={<Suspense fallback={<Loading />}><FlowHealthPage /></Suspense>} />
        <Route path={routePatterns.cohorts} element={<CohortsPage />} />
        <Route path={routePatterns.cohortNew} element={<RequireRole role="editor"><CohortFormPage /></RequireRole>} />
        <Route path={routePatterns.cohort} element={<CohortFormPage />} />
        <Route path={routePatterns.apiKeys} element={<RequireRole role="admin"><ApiKeysPage /></RequireRole>} />
        <Route path={routePatterns.webhooks} element={<RequireRole role="admin"><WebhooksPage /></RequireRole>} />
        <Route path="*" element={<EmptyState title="Page not found">This page does not exist.</EmptyState>} />
      </Route>
    </Routes>
  );
}
