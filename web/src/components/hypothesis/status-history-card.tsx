import type { StatusChange } from '@verdict/shared';
import { Link } from 'react-router-dom';
import { dateTime } from '../../format';
import { routes } from '../../routes';
import { StatusBadge } from '../status-badge';

/** Every status change, newest first, with who or what made it. */
export function StatusHistoryCard({ history }: { history: StatusChange[] }) {
  const newestFirst = [...history].sort((a, b) => b.at.localeCompare(a.at));
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
    </section>
  );
}
