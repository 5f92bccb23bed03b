import type { Hypothesis } from '@verdict/shared';
import { percent } from '../../format';
import { useResults } from '../../hooks/use-analyses';
import { useCohortNames } from '../../hooks/use-cohorts';
import { useFlow } from '../../hooks/use-flows';
import { ExpectationBadges } from '../expectation-badges';
import { StatusBadge } from '../status-badge';

/** What the hypothesis claims, what it is measured on, its priority, and the verdicts it has had. */
export function StatementCard({ hypothesis }: { hypothesis: Hypothesis }) {
  const flow = useFlow(hypothesis.flowKey);
  const stepName = (key: string) => flow.data?.steps.find((step) => step.key === key)?.name ?? key;
  // The expectations' statuses come with the latest analysis of the current version's latest experiment.
  const current = hypothesis.experiments
    .filter((experiment) => experiment.hypothesisVersion === hypothesis.version && experiment.startedAt)
    .sort((a, b) => String(b.startedAt).localeCompare(String(a.startedAt)))[0];
  const cohortNames = useCohortNames();
  const results = useResults((hypothesis.cohortExpectations ?? []).length > 0 ? current?.key : undefined);
  return (
    <section className="card" aria-labelledby="statement-title">
      <h2 id="statement-title">Statement</h2>
      <blockquote className="statement large">{hypothesis.statement}</blockquote>
      <dl className="facts">
        <div>
          <dt>Primary step</dt>
          <dd>
            {stepName(hypothesis.primaryStepKey)} ({hypothesis.expectedDirection} by ≥ {percent(hypothesis.minimumEffect)})
          </dd>
        </div>
        <div>
          <dt>Audience</dt>
          <dd>{hypothesis.cohortKey ?? 'Everyone'}</dd>
        </div>
        <div>
          <dt>Guardrails</dt>
          <dd>{hypothesis.guardrailStepKeys.length > 0 ? hypothesis.guardrailStepKeys.map(stepName).join(', ') : 'None'}</dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>
            <strong>{hypothesis.score}</strong>{' '}
            <span className="muted small">
              (impact {hypothesis.impact} × confidence {hypothesis.confidence} × ease {hypothesis.ease})
            </span>
          </dd>
        </div>
      </dl>
      {hypothesis.computedVerdict && (
        <p className="small">
          Computed verdict: <StatusBadge status={hypothesis.computedVerdict.status} /> {hypothesis.computedVerdict.reason}
        </p>
      )}
      {hypothesis.manualVerdict && (
        <p className="small">
          Overridden by {hypothesis.manualVerdict.actor}: <StatusBadge status={hypothesis.manualVerdict.status} />{' '}
          {hypothesis.manualVerdict.note}
        </p>
      )}
      <ExpectationBadges results={results.data?.expectations} expectations={hypothesis.cohortExpectations} cohortNames={cohortNames} />
    </section>
  );
}
