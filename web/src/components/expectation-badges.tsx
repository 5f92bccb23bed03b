import type { CohortExpectation, ExpectationResult } from '@verdict/shared';
import { count, percent } from '../format';
import { StatusBadge } from './status-badge';

const DIRECTION_LABELS: Record<CohortExpectation['direction'], string> = {
  increase: 'up',
  decrease: 'down',
  no_harm: 'no harm',
};

/**
 * The cohort expectations beside a verdict, each with its own status ("validated for Small
 * businesses; running for Enterprise"). They never change the verdict; the list says so.
 */
export function ExpectationBadges({
  results,
  expectations,
  cohortNames = {},
}: {
  /** Statuses from the latest analysis; absent before one. */
  results?: ExpectationResult[] | null;
  /** The version's expectations, shown as "not analysed yet" without results. */
  expectations?: CohortExpectation[];
  /** Cohort names by key; a cohort without one shows its key. */
  cohortNames?: Record<string, string>;
}) {
  const rows: (CohortExpectation | ExpectationResult)[] = results && results.length > 0 ? results : (expectations ?? []);
  if (rows.length === 0) return null;
  return (
    <div className="expectations" data-testid="expectations">
      <h3 className="small-heading">Cohort expectations</h3>
      <ul className="plain-list">
        {rows.map((row) => {
          const result = 'status' in row ? row : null;
          return (
            <li key={`${row.cohortKey}:${row.stepKey}`} data-testid="expectation" data-status={result?.status ?? 'draft'}>
              <StatusBadge status={result?.status ?? 'draft'} label={result ? undefined : 'Not analysed'} /> for{' '}
              <strong title={row.cohortKey}>{cohortNames[row.cohortKey] ?? row.cohortKey}</strong> on {row.stepKey} ({DIRECTION_LABELS[row.direction]})
              {result && (
                <span className="muted small">
                  {' '}
                  · {percent(result.informationFraction, 0)} of {count(result.plan)} per variant · {result.reason}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <p className="muted small">Each expectation is its own sequential test at α / {rows.length}; none changes the verdict.</p>
    </div>
  );
}
