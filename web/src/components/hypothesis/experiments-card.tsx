import type { Hypothesis } from '@verdict/shared';
import { Link } from 'react-router-dom';
import { dateTime, methodLabel } from '../../format';
import { routes } from '../../routes';
import { StatusBadge } from '../status-badge';
import { Can } from '../can';

/** The experiments that tested the hypothesis, each with the version it tested. */
export function ExperimentsCard({ hypothesis }: { hypothesis: Hypothesis }) {
  return (
    <section className="card" aria-labelledby="experiments-title">
      <h2 id="experiments-title">Experiments</h2>
      {hypothesis.experiments.length === 0 ? (
        <p className="muted">
          No experiment yet.{' '}
          <Can role="editor">
            <Link to={routes.experimentNew(hypothesis.id)}>Design one</Link> to test version {hypothesis.version}.
          </Can>
        </p>
      ) : (
        <ul className="plain-list">
          {hypothesis.experiments.map((experiment) => (
            <li key={experiment.key}>
              <Link to={routes.experiment(experiment.key)}>{experiment.name}</Link> <StatusBadge status={experiment.status} />{' '}
              <span className="muted small">
                version {experiment.hypothesisVersion} · {methodLabel(experiment.method)} · started {dateTime(experiment.startedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
