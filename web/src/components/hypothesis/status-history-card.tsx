import type { ExpectationChange, StatusChange } from '@verdict/shared';
import { Link } from 'react-router-dom';
import { dateTime } from '../../format';
import { useCohortNames } from '../../hooks/use-cohorts';
import { routes } from '../../routes';
import { StatusBadge } from '../status-badge';

/** Every status change, newest first, with who or what made it; then the cohort expectations' changes. */
export function StatusHistoryCard({ history, expectations = [] }: { history: StatusChange[]; expectations?: ExpectationChange[] }) {
  const newestFirst = [...history].sort((a, b) => b.at.localeCompare(a.at));
  const cohortNames = useCohortNames();
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Status history</h2>
      {newestFirst.length === 0 ? (
        <p className="muted">No changes yet.</p>
      ) : (
        <ol className="timeline">
          {newestFirst.map((change, index) => (
            <li key={index}>
              <div>
                {change.from ? <StatusBadge status={change.from} /> : <span className="muted">new</span>} →{' '}
                <StatusBadge status={change.to} /> <span className="muted small">v{change.version}</span>
              </div>
              <p className="small">{change.reason}</p>
              <p className="muted small">
                {dateTime(change.at)} · {change.source === 'manual' ? `overridden by ${change.actor}` : `${change.source} (${change.actor})`}
                {change.experimentKey && (
                  <>
                    {' · '}
                    <Link to={routes.experiment(change.experimentKey) + (change.analysisId ? `#analysis-${change.analysisId}` : '')}>
                      {change.analysisId ? 'see the analysis' : change.experimentKey}
                    </Link>
                  </>
                )}
              </p>
            </li>
          ))}
        </ol>
      )}
      {expectations.length > 0 && (
        <>
          <h3 className="small-heading">Cohort expectations</h3>
          <ol className="timeline" data-testid="expectation-history">
            {[...expectations]
              .sort((a, b) => b.at.localeCompare(a.at))
              .map((change, index) => (
                <li key={index}>
                  <div>
                    {change.from ? <StatusBadge status={change.from} /> : <span className="muted">new</span>} → <StatusBadge status={change.to} />{' '}
                    for <strong title={change.cohortKey}>{cohortNames[change.cohortKey] ?? change.cohortKey}</strong> on {change.stepKey} <span className="muted small">v{change.version}</span>
                  </div>
                  <p className="small">{change.reason}</p>
                  <p className="muted small">
                    {dateTime(change.at)} ·{' '}
                    <Link to={routes.experiment(change.experimentKey) + `#analysis-${change.analysisId}`}>see the analysis</Link>
                  </p>
                </li>
              ))}
          </ol>
        </>
      )}
    </section>
  );
}
