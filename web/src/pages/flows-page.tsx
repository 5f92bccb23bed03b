import { Link } from 'react-router-dom';
import { EmptyState, ErrorMessage, Loading } from '../components/query-state';
import { useFlows } from '../hooks/use-flows';
import { routes } from '../routes';
import { usePageTitle } from '../hooks/use-page-title';
import { milestoneText } from '../format';
import { Can } from '../components/can';

export function FlowsPage() {
  const flows = useFlows();
  usePageTitle('Flows');
  return (
    <section aria-labelledby="flows-title">
      <div className="page-header">
        <div>
          <h1 id="flows-title">Customer flows</h1>
          <p className="muted">The path a customer is expected to take: trigger, solution steps, need met, adoption, business outcome.</p>
        </div>
        <Can role="editor">
          <Link to={routes.flowNew} className="button primary">
            New flow
          </Link>
        </Can>
      </div>
      {flows.isPending ? (
        <Loading />
      ) : flows.isError ? (
        <ErrorMessage error={flows.error} title="Could not load the flows" />
      ) : flows.data.items.length === 0 ? (
        <EmptyState title="No flows yet">
          <p>
            Hypotheses are about the steps of a flow. <Link to={routes.flowNew}>Describe your first flow</Link>.
          </p>
        </EmptyState>
      ) : (
        <div className="card-grid">
          {flows.data.items.map((flow) => (
            <article key={flow.key} className="card">
              <h2 className="card-title">
                <Link to={routes.flow(flow.key)}>{flow.name}</Link>
              </h2>
              {flow.description && <p className="muted small">{flow.description}</p>}
              <ol className="flow-steps">
                {flow.steps.map((step) => (
                  <li key={step.key}>
                    <span className={`kind kind-${step.kind}`}>{step.kind.replace(/_/g, ' ')}</span> {step.name}
                    {step.milestone && (
                      <span className="muted small">
                        {' '}
                        (milestone: {milestoneText(step.milestone, flow.steps)})
                      </span>
                    )}
                  </li>
                ))}
              </ol>
              <p className="small">
                <Link to={routes.flowInsights(flow.key)}>Which steps matter</Link> · <Link to={routes.flowHealth(flow.key)}>Journey health</Link>
              </p>
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
