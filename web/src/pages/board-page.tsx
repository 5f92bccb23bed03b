import { HYPOTHESIS_STATUSES, HypothesisStatus, HypothesisSummary, METRIC_AREAS } from '@verdict/shared';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Field } from '../components/form/field';
import { HypothesisCard } from '../components/hypothesis-card';
import { EmptyState, ErrorMessage, Loading } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { VocabularyOptions } from '../components/vocabulary-options';
import { useFlows } from '../hooks/use-flows';
import { useHypotheses } from '../hooks/use-hypotheses';
import { routes } from '../routes';
import { usePageTitle } from '../hooks/use-page-title';
import { Can } from '../components/can';

/** The board's columns, in the life-cycle order; archived hypotheses only show when asked for. */
export const BOARD_STATUSES: HypothesisStatus[] = HYPOTHESIS_STATUSES.filter((status) => status !== 'archived');

export function countByStatus(items: HypothesisSummary[]): Record<HypothesisStatus, number> {
  const counts = { draft: 0, running: 0, validated: 0, refuted: 0, inconclusive: 0, archived: 0 };
  for (const item of items) counts[item.status] += 1;
  return counts;
}

export function BoardPage() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const metricArea = params.get('metricArea') ?? '';
  const owner = params.get('owner') ?? '';
  const flowKey = params.get('flowKey') ?? '';
  const hypotheses = useHypotheses();
  usePageTitle('Hypotheses');
  const flows = useFlows();

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  const all = useMemo(() => hypotheses.data?.items ?? [], [hypotheses.data]);
  const stepNames = useMemo(
    () => new Map((flows.data?.items ?? []).flatMap((flow) => flow.steps.map((step) => [`${flow.key}/${step.key}`, step.name] as const))),
    [flows.data],
  );
  const owners = useMemo(() => [...new Set(all.map((item) => item.owner).filter(Boolean))].sort(), [all]);
  // Status counts follow the other filters, so they answer "how many of these held up?".
  const filtered = useMemo(
    () =>
      all
        .filter((item) => !metricArea || item.metricArea === metricArea)
        .filter((item) => !owner || item.owner === owner)
        .filter((item) => !flowKey || item.flowKey === flowKey)
        .sort((a, b) => b.score - a.score || a.title.localeCompare(b.title)),
    [all, metricArea, owner, flowKey],
  );
  const counts = countByStatus(filtered);
  const shownStatuses: HypothesisStatus[] = status ? [status as HypothesisStatus] : BOARD_STATUSES;

  return (
    <section aria-labelledby="board-title" className="board">
      <div className="page-header">
        <div>
          <h1 id="board-title">Hypotheses</h1>
          <p className="muted">Which beliefs held up, which were refuted, which are still collecting evidence.</p>
        </div>
        <Can role="editor">
          <Link to={routes.hypothesisNew} className="button primary">
            New hypothesis
          </Link>
        </Can>
      </div>

      <div className="status-tabs" role="group" aria-label="Filter by status">
        <button type="button" className="status-tab" aria-pressed={!status} onClick={() => setFilter('status', '')}>
          All <span className="count">{filtered.length - counts.archived}</span>
        </button>
        {[...BOARD_STATUSES, 'archived' as const].map((value) => (
          <button
            key={value}
            type="button"
            className="status-tab"
            aria-pressed={status === value}
            data-testid={`count-${value}`}
            onClick={() => setFilter('status', status === value ? '' : value)}
          >
            <StatusBadge status={value} /> <span className="count">{counts[value]}</span>
          </button>
        ))}
      </div>

      <div className="filters">
        <Field label="Metric area" className="inline">
          <select value={metricArea} onChange={(event) => setFilter('metricArea', event.target.value)}>
            <option value="">All areas</option>
            <VocabularyOptions values={METRIC_AREAS} />
          </select>
        </Field>
        <Field label="Owner" className="inline">
          <select value={owner} onChange={(event) => setFilter('owner', event.target.value)}>
            <option value="">Anyone</option>
            {owners.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Flow" className="inline">
          <select value={flowKey} onChange={(event) => setFilter('flowKey', event.target.value)}>
            <option value="">All flows</option>
            {(flows.data?.items ?? []).map((flow) => (
              <option key={flow.key} value={flow.key}>
                {flow.name}
              </option>
            ))}
          </select>
        </Field>
        <span className="muted small">Sorted by priority score</span>
      </div>

      {hypotheses.isPending ? (
        <Loading label="Loading hypotheses…" />
      ) : hypotheses.isError ? (
        <ErrorMessage error={hypotheses.error} title="Could not load the hypotheses" />
      ) : all.length === 0 ? (
        <EmptyState title="No hypotheses yet">
          <p>
            Write down what you believe about your customers, then test it.{' '}
            <Can role="editor">
              <Link to={routes.hypothesisNew}>Write the first hypothesis</Link> (or run <code>npm run demo</code>).
            </Can>
          </p>
        </EmptyState>
      ) : (
        <div className={status ? 'board-single' : 'board-columns'}>
          {shownStatuses.map((group) => {
            const items = filtered.filter((item) => item.status === group);
            return (
              <section key={group} className="board-group" aria-labelledby={`group-${group}`} data-testid={`group-${group}`}>
                <h2 id={`group-${group}`}>
                  <StatusBadge status={group} /> <span className="count">{items.length}</span>
                </h2>
                {items.length === 0 ? (
                  <p className="muted small board-empty">Nothing {group === 'draft' ? 'in draft' : group} here.</p>
                ) : (
                  <div className="card-list">
                    {items.map((item) => (
                      <HypothesisCard
                        key={item.id}
                        hypothesis={item}
                        stepName={stepNames.get(`${item.flowKey}/${item.primaryStepKey}`)}
                      />
                    ))}
                  </div>
                )}
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}
