import type { HypothesisVersion } from '@verdict/shared';
import { dateTime, percent } from '../../format';

/** Every version of the testable fields, newest first. */
export function VersionsCard({ versions }: { versions: HypothesisVersion[] }) {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      <ol className="timeline">
        {newestFirst.map((version) => (
          <li key={version.version}>
            <strong>Version {version.version}</strong> <span className="muted small">{dateTime(version.createdAt)}</span>
            <p className="small">{version.statement}</p>
            <p className="muted small">
              {version.primaryStepKey} {version.expectedDirection} ≥ {percent(version.minimumEffect)}
              {version.cohortKey ? ` · cohort ${version.cohortKey}` : ''}
              {version.guardrailStepKeys.length > 0 ? ` · guardrails ${version.guardrailStepKeys.join(', ')}` : ''}
            </p>
            {version.note && <p className="small">“{version.note}”</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
