import { Link } from 'react-router-dom';
import { EmptyState, ErrorMessage, Loading } from '../components/query-state';
import { humanize } from '../format';
import { useCohorts } from '../hooks/use-cohorts';
import { routes } from '../routes';
import { formatRuleValue } from './cohort-form-page';
import { usePageTitle } from '../hooks/use-page-title';
import { Can } from '../components/can';

export function CohortsPage() {
  const cohorts = useCohorts();
  usePageTitle('Cohorts');
  return (
    <section aria-labelledby="cohorts-title">
      <div className="page-header">
        <div>
          <h1 id="cohorts-title">Cohorts</h1>
          <p className="muted">Groups of customers that experiments target and results break down by.</p>
        </div>
        <Can role="editor">
          <Link to={routes.cohortNew} className="button primary">
            New cohort
          </Link>
        </Can>
      </div>
      {cohorts.isPending ? (
        <Loading />
      ) : cohorts.isError ? (
        <ErrorMessage error={cohorts.error} title="Could not load the cohorts" />
      ) : cohorts.data.items.length === 0 ? (
        <EmptyState title="No cohorts yet">
          <p>
            Segments, verticals, regions or a hand-picked focus group. <Link to={routes.cohortNew}>Define one</Link>.
          </p>
        </EmptyState>
      ) : (
        <div className="table-scroll card flush">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Cohort</th>
                <th scope="col">Kind</th>
                <th scope="col">Rules (all must hold)</th>
              </tr>
            </thead>
            <tbody>
              {cohorts.data.items.map((cohort) => (
                <tr key={cohort.key}>
                  <td>
                    <Link to={routes.cohort(cohort.key)}>{cohort.name}</Link>
                    <div className="muted small">
                      <code>{cohort.key}</code>
                    </div>
                  </td>
                  <td>{humanize(cohort.kind)}</td>
                  <td>
                    {cohort.kind === 'focus_group'
                      ? `${cohort.members.length} members`
                      : cohort.rules.map((rule) => `${rule.attribute} ${rule.op} ${formatRuleValue(rule.value)}`).join(' and ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
