import { Link } from 'react-router-dom';
import { EmptyState, ErrorMessage, Loading } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { count, date, methodLabel } from '../format';
import { useExperiments } from '../hooks/use-experiments';
import { useHypotheses } from '../hooks/use-hypotheses';
import { routes } from '../routes';
import { usePageTitle } from '../hooks/use-page-title';
import { Can } from '../components/can';

export function ExperimentsPage() {
  const experiments = useExperiments();
  usePageTitle('Experiments');
  const hypotheses = useHypotheses();
  const titles = new Map((hypotheses.data?.items ?? []).map((hypothesis) => [hypothesis.id, hypothesis.title]));
  return (
    <section aria-labelledby="experiments-title">
      <div className="page-header">
        <div>
          <h1 id="experiments-title">Experiments</h1>
          <p className="muted">Each experiment tests one version of a hypothesis.</p>
        </div>
        <Can role="editor">
          <Link to={routes.experimentNew()} className="button primary">
            New experiment
          </Link>
        </Can>
      </div>
      {experiments.isPending ? (
        <Loading />
      ) : experiments.isError ? (
        <ErrorMessage error={experiments.error} title="Could not load the experiments" />
      ) : experiments.data.items.length === 0 ? (
        <EmptyState title="No experiments yet">
          <p>Design one from a hypothesis: open it on the board and choose “New experiment”.</p>
        </EmptyState>
      ) : (
        <div className="table-scroll card flush">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Experiment</th>
                <th scope="col">Hypothesis</th>
                <th scope="col">Status</th>
                <th scope="col">Method</th>
                <th scope="col">Variants</th>
                <th scope="col" className="num">Plan / variant</th>
                <th scope="col">Started</th>
              </tr>
            </thead>
            <tbody>
              {experiments.data.items.map((experiment) => (
                <tr key={experiment.key}>
                  <td>
                    <Link to={routes.experiment(experiment.key)}>{experiment.name}</Link>
                    <div className="muted small">
                      <code>{experiment.key}</code>
                    </div>
                  </td>
                  <td>
                    <Link to={routes.hypothesis(experiment.hypothesisId)}>{titles.get(experiment.hypothesisId) ?? 'Hypothesis'}</Link>{' '}
                    <span className="muted small">v{experiment.hypothesisVersion}</span>
                  </td>
                  <td>
                    <StatusBadge status={experiment.status} />
                  </td>
                  <td>{methodLabel(experiment.method)}</td>
                  <td>{experiment.variants?.map((variant) => variant.key).join(', ')}</td>
                  <td className="num">{count(experiment.plannedSampleSize)}</td>
                  <td>{date(experiment.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
