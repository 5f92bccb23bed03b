import type { HypothesisSummary } from '@verdict/shared';
import { Link } from 'react-router-dom';
import { humanize, interval, liftClass, signedPercent } from '../format';
import { routes } from '../routes';
import { ProgressBar } from './progress-bar';
import { StatusBadge } from './status-badge';

interface Props {
  hypothesis: HypothesisSummary;
  /** The primary step's name in its flow. */
  stepName?: string;
}

export function HypothesisCard({ hypothesis, stepName }: Props) {
  const result = hypothesis.latestResult;
  const overridden = Boolean(hypothesis.manualVerdict);
  return (
    <article className="card hypothesis-card" data-testid="hypothesis-card" data-status={hypothesis.status}>
      <header className="card-header">
        <h3>
          <Link to={routes.hypothesis(hypothesis.id)}>{hypothesis.title}</Link>
        </h3>
        <StatusBadge status={hypothesis.status} label={overridden ? `${humanize(hypothesis.status)} (manual)` : undefined} />
      </header>
      <p className="statement">{hypothesis.statement}</p>
      <dl className="facts">
        <div>
          <dt>Metric area</dt>
          <dd>{humanize(hypothesis.metricArea)}</dd>
        </div>
        <div>
          <dt>Primary step</dt>
          <dd>
            {stepName ?? hypothesis.primaryStepKey} <span className="muted">({hypothesis.expectedDirection})</span>
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd title={`impact ${hypothesis.impact} × confidence ${hypothesis.confidence} × ease ${hypothesis.ease}`}>
            {hypothesis.score}
          </dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>{hypothesis.owner || '—'}</dd>
        </div>
      </dl>
      {result ? (
        <div className="card-result">
          <div>
            <span className="muted small">Lift ({result.variantKey})</span>
            <div className="lift" data-testid="lift">
              <strong className={liftClass(result.relativeLift)}>{signedPercent(result.relativeLift)}</strong>{' '}
              <span className="muted small">{interval(result.ciRelative)}</span>
            </div>
          </div>
          <ProgressBar fraction={result.progress} label={`Progress to the planned sample of ${hypothesis.title}`} />
        </div>
      ) : (
        <p className="muted small card-result">No results yet.</p>
      )}
    </article>
  );
}
