import type { Breakdown, BreakdownRow, BreakdownRowKind } from '@verdict/shared';
import { useState } from 'react';
import { CartesianGrid, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { count, humanize, interval, pValue, signedPercent } from '../format';
import { SERIES_COLOURS } from './funnel-chart';

interface BreakdownSectionProps {
  breakdown: Breakdown;
  /** The flow's steps in order (keys). */
  stepKeys: string[];
  variantKeys: string[];
  treatmentKeys: string[];
  /** The step shown first (the primary step). */
  initialStepKey?: string;
}

interface ForestPoint {
  label: string;
  lift: number;
  error: [number, number];
  flagged: boolean;
}

const rowLabel = (row: BreakdownRow) => row.name ?? row.value ?? row.cohortKey ?? '—';

/**
 * For whom did it work: every cohort's lift on one step with its interval (a forest plot), its
 * units per variant, Holm-adjusted p-value and whether its effect differs from the rest.
 * Exploratory: the verdict never reads it.
 */
export function BreakdownSection({ breakdown, stepKeys, variantKeys, treatmentKeys, initialStepKey }: BreakdownSectionProps) {
  // Until a step is picked, follow the primary step: it may arrive after the breakdown does.
  const [pickedStepKey, setStepKey] = useState<string | null>(null);
  const stepKey = pickedStepKey ?? initialStepKey ?? stepKeys[0] ?? '';
  const [kind, setKind] = useState<'all' | BreakdownRowKind>('all');
  const [treatment, setTreatment] = useState(treatmentKeys[0] ?? '');
  const kinds = [...new Set(breakdown.cohorts.map((row) => row.kind).filter((k): k is BreakdownRowKind => Boolean(k)))];
  const rows = breakdown.cohorts.filter((row) => kind === 'all' || row.kind === kind);
  if (breakdown.cohorts.length === 0) {
    return <p className="muted">No assigned unit matches a cohort yet.</p>;
  }
  const comparisonOf = (row: BreakdownRow) =>
    row.steps.find((step) => step.stepKey === stepKey)?.comparisons.find((c) => c.variantKey === treatment) ?? null;
  const points: ForestPoint[] = rows.flatMap((row) => {
    const c = comparisonOf(row);
    if (!c || c.relativeLift === null || !c.ciRelative) return [];
    return [
      {
        label: rowLabel(row),
        lift: c.relativeLift,
        error: [c.relativeLift - c.ciRelative[0], c.ciRelative[1] - c.relativeLift],
        flagged: c.differentialImpact.flagged,
      },
    ];
  });
  const flagged = rows.flatMap((row) => {
    const summary = comparisonOf(row)?.differentialImpact.summary;
    return summary ? [summary] : [];
  });

  return (
    <div data-testid="breakdown">
      <div className="filters">
        <label>
          Step{' '}
          <select value={stepKey} onChange={(event) => setStepKey(event.target.value)} aria-label="Step">
            {stepKeys.map((key) => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
          </select>
        </label>
        {treatmentKeys.length > 1 && (
          <label>
            Treatment{' '}
            <select value={treatment} onChange={(event) => setTreatment(event.target.value)} aria-label="Treatment">
              {treatmentKeys.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Cohort kind{' '}
          <select value={kind} onChange={(event) => setKind(event.target.value as typeof kind)} aria-label="Cohort kind">
            <option value="all">All kinds</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {humanize(k)}
              </option>
            ))}
          </select>
        </label>
      </div>

      {flagged.length > 0 && (
        <ul className="banner warning plain-list" data-testid="differential-summaries">
          {flagged.map((sentence) => (
            <li key={sentence}>{sentence.charAt(0).toUpperCase() + sentence.slice(1)}.</li>
          ))}
        </ul>
      )}

      {points.length > 0 && (
        <figure className="chart" aria-label={`Relative lift of ${treatment} per cohort on ${stepKey}, with intervals`}>
          <ResponsiveContainer width="100%" height={Math.max(120, 36 * points.length + 60)}>
            <ScatterChart margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis type="number" dataKey="lift" tickFormatter={(value: number) => signedPercent(value, 0)} tick={{ fontSize: 12 }} domain={['auto', 'auto']} />
              <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} interval={0} />
              <Tooltip formatter={(value) => signedPercent(Number(value))} />
              <ReferenceLine x={0} stroke="#94a3b8" />
              <Scatter data={points} fill={SERIES_COLOURS[1]} isAnimationActive={false} name="Relative lift">
                <ErrorBar dataKey="error" direction="x" width={6} stroke="#334155" isAnimationActive={false} />
              </Scatter>
            </ScatterChart>
          </ResponsiveContainer>
          <figcaption className="muted small">
            Relative lift of {treatment} over control on {stepKey} in each cohort, with its interval. Exploratory: p-values are
            Holm-adjusted over every cohort and treatment of the step, and the verdict never reads this breakdown.
          </figcaption>
        </figure>
      )}

      <div className="table-scroll" tabIndex={0} role="region" aria-label="Breakdown by cohort">
      <table className="data-table compact" data-testid="breakdown-table">
        <thead>
          <tr>
            <th scope="col">Cohort</th>
            <th scope="col">Kind</th>
            {variantKeys.map((key) => (
              <th key={key} scope="col" className="num">
                Units {key}
              </th>
            ))}
            <th scope="col" className="num">
              Lift
            </th>
            <th scope="col">Interval</th>
            <th scope="col" className="num">
              Adjusted p
            </th>
            <th scope="col">Differs from the rest?</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const c = comparisonOf(row);
            const impact = c?.differentialImpact;
            return (
              <tr key={row.cohortKey ?? row.value} data-testid="breakdown-row" data-cohort={row.cohortKey}>
                <td>
                  {rowLabel(row)} {row.cohortKey && row.cohortKey !== rowLabel(row) && <code className="small">{row.cohortKey}</code>}
                </td>
                <td>{row.kind ? humanize(row.kind) : '—'}</td>
                {variantKeys.map((key) => (
                  <td key={key} className="num">
                    {count(row.unitsPerVariant[key])}
                  </td>
                ))}
                <td className="num">{signedPercent(c?.relativeLift)}</td>
                <td>{interval(c?.ciRelative)}</td>
                <td className="num">{pValue(c?.adjustedPValue)}</td>
                <td>
                  {impact?.flagged ? (
                    <span className="badge badge-refuted" data-testid="differential-badge" title={impact.summary ?? undefined}>
                      Differs ({pValue(impact.adjustedPValue)})
                    </span>
                  ) : (
                    <span className="muted small">no</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      </div>
    </div>
  );
}
