import type { Hypothesis, HypothesisIteration, IterationLift } from '@verdict/shared';
import { CartesianGrid, ComposedChart, ErrorBar, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'react-router-dom';
import { humanize, interval, percent, signedPercent } from '../../format';
import { useHypothesisIterations } from '../../hooks/use-hypotheses';
import { routes } from '../../routes';
import { ErrorMessage, Loading } from '../query-state';

const PRIMARY_COLOUR = '#2563eb';
const OUTCOME_COLOUR = '#16a34a';

export interface IterationPoint {
  label: string;
  primary: number | null;
  /** [below, above] the lift: how Recharts draws an asymmetric error bar. */
  primaryError: [number, number] | null;
  outcome: number | null;
  outcomeError: [number, number] | null;
  minimumEffect: number | null;
}

const errorOf = (lift: IterationLift | null): [number, number] | null =>
  lift?.relativeLift != null && lift.ciRelative ? [lift.relativeLift - lift.ciRelative[0], lift.ciRelative[1] - lift.relativeLift] : null;

/** One point per version: each lift with its interval, and the minimum effect that version aimed for (signed by its direction). */
export function iterationPoints(iterations: HypothesisIteration[], versions: Hypothesis['versions']): IterationPoint[] {
  return iterations.map((iteration) => {
    const version = versions.find((candidate) => candidate.version === iteration.version);
    return {
      label: `v${iteration.version}`,
      primary: iteration.primary?.relativeLift ?? null,
      primaryError: errorOf(iteration.primary),
      outcome: iteration.businessOutcome?.relativeLift ?? null,
      outcomeError: errorOf(iteration.businessOutcome),
      minimumEffect: version ? (version.expectedDirection === 'decrease' ? -1 : 1) * version.minimumEffect : null,
    };
  });
}

/** The learning across versions: each version's primary-step lift and business-outcome lift, with their intervals. */
export function IterationsCard({ hypothesis }: { hypothesis: Hypothesis }) {
  const iterations = useHypothesisIterations(hypothesis.id);
  return (
    <section className="card" aria-labelledby="iterations-title">
      <h2 id="iterations-title">Iterations</h2>
      {iterations.isPending ? (
        <Loading />
      ) : iterations.isError ? (
        <ErrorMessage error={iterations.error} title="Could not load the iterations" />
      ) : (
        <IterationsChart
          iterations={iterations.data.iterations}
          versions={hypothesis.versions}
          outcomeStepKey={iterations.data.businessOutcomeStepKey}
        />
      )}
    </section>
  );
}

function IterationsChart({
  iterations,
  versions,
  outcomeStepKey,
}: {
  iterations: HypothesisIteration[];
  versions: Hypothesis['versions'];
  outcomeStepKey: string | null;
}) {
  if (!iterations.some((iteration) => iteration.primary)) {
    return <p className="muted">No version has an analysed experiment yet: each one adds a point here.</p>;
  }
  const data = iterationPoints(iterations, versions);
  return (
    <>
      <figure className="chart" aria-label="Lift of the primary step and the business outcome per version">
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} padding={{ left: 24, right: 24 }} />
            <YAxis tickFormatter={(value: number) => percent(value, 0)} tick={{ fontSize: 12 }} width={48} />
            <Tooltip formatter={(value) => (Array.isArray(value) ? '' : signedPercent(Number(value)))} />
            <Legend />
            <ReferenceLine y={0} stroke="#94a3b8" />
            <Line
              dataKey="minimumEffect"
              name="Minimum effect aimed for"
              stroke="#94a3b8"
              strokeDasharray="6 4"
              // One version draws no line: its minimum effect is then a point.
              dot={data.length === 1 ? { r: 3, strokeDasharray: '' } : false}
              connectNulls
              isAnimationActive={false}
            />
            <Line dataKey="primary" name="Primary step lift" stroke={PRIMARY_COLOUR} strokeWidth={2} connectNulls isAnimationActive={false}>
              <ErrorBar dataKey="primaryError" width={8} stroke={PRIMARY_COLOUR} direction="y" isAnimationActive={false} />
            </Line>
            {outcomeStepKey && (
              <Line
                dataKey="outcome"
                name={`Business outcome lift (${outcomeStepKey})`}
                stroke={OUTCOME_COLOUR}
                strokeWidth={2}
                connectNulls
                isAnimationActive={false}
              >
                <ErrorBar dataKey="outcomeError" width={8} stroke={OUTCOME_COLOUR} direction="y" isAnimationActive={false} />
              </Line>
            )}
          </ComposedChart>
        </ResponsiveContainer>
        <figcaption className="muted small">
          Relative lift of the treatment against control in each version's latest analysis, with its interval at the experiment's
          alpha; the dashed line is the minimum effect each version set out to show.
          {!outcomeStepKey && ' The flow has no business-outcome step.'}
        </figcaption>
      </figure>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Lifts by version">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Experiment</th>
              <th scope="col" className="num">Primary lift [interval]</th>
              <th scope="col" className="num">Business outcome [interval]</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {iterations.map((iteration) => (
              <tr key={iteration.version} data-version={iteration.version}>
                <th scope="row">v{iteration.version}</th>
                <td>{iteration.experimentKey ? <Link to={routes.experiment(iteration.experimentKey)}>{iteration.experimentKey}</Link> : <span className="muted">not analysed</span>}</td>
                <td className="num">{liftText(iteration.primary)}</td>
                <td className="num">{liftText(iteration.businessOutcome)}</td>
                <td>{iteration.verdict ? humanize(iteration.verdict) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const liftText = (lift: IterationLift | null) => (lift ? `${signedPercent(lift.relativeLift)} ${interval(lift.ciRelative)}` : '—');
