import type { Flow, StepInsight } from '@verdict/shared';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Field } from '../components/form/field';
import { EmptyState, ErrorMessage, Loading } from '../components/query-state';
import { count, decimal, percent } from '../format';
import { useCohortNames, useCohorts } from '../hooks/use-cohorts';
import { useFlow } from '../hooks/use-flows';
import { useInsights } from '../hooks/use-journeys';
import { usePageTitle } from '../hooks/use-page-title';
import { routes } from '../routes';

/** The default outcome: the flow's business outcome, else its adoption step, else its last step. */
export function defaultOutcome(flow: Flow): string {
  const byKind = (kind: string) => flow.steps.find((step) => step.kind === kind)?.key;
  return byKind('business_outcome') ?? byKind('adoption') ?? flow.steps[flow.steps.length - 1].key;
}

/** Steps with a relative risk first, highest first; then the others in flow order. */
export function rankSteps(steps: StepInsight[], outcome: string): StepInsight[] {
  const others = steps.filter((step) => step.stepKey !== outcome);
  const ranked = others.filter((step) => step.relativeRisk !== null).sort((a, b) => b.relativeRisk! - a.relativeRisk!);
  return [...ranked, ...others.filter((step) => step.relativeRisk === null)];
}

export function FlowInsightsPage() {
  const { key = '' } = useParams();
  const flow = useFlow(key);
  usePageTitle(flow.data ? `Which steps matter · ${flow.data.name}` : 'Which steps matter');
  if (flow.isPending) return <Loading />;
  if (flow.isError) return <ErrorMessage error={flow.error} title={`Could not load flow ${key}`} />;
  return <Insights flow={flow.data} />;
}

function Insights({ flow }: { flow: Flow }) {
  const [outcome, setOutcome] = useState(defaultOutcome(flow));
  const [days, setDays] = useState(90);
  const [cohort, setCohort] = useState('');
  const cohorts = useCohorts();
  const insights = useInsights(flow.key, { outcome, days, cohort });
  const cohortNames = useCohortNames();
  const ranked = insights.data ? rankSteps(insights.data.steps, outcome) : [];
  const nameOf = (stepKey: string) => flow.steps.find((step) => step.key === stepKey)?.name ?? stepKey;
  const outcomeName = nameOf(outcome);

  return (
    <section aria-labelledby="insights-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={routes.flows}>Flows</Link> / <Link to={routes.flow(flow.key)}>{flow.key}</Link> / Insights
      </nav>
      <div className="page-header">
        <div>
          <h1 id="insights-title">Which steps matter: {flow.name}</h1>
          <p className="muted">
            For each step, how much more often the customers who reached it also reached <strong>{outcomeName}</strong>,
            against those who did not (relative risk, with its 95 % interval).
          </p>
        </div>
        <Link to={routes.flowHealth(flow.key)} className="button">
          Journey health
        </Link>
      </div>
      <p className="state notice" role="note">
        This is association, not effect: customers who reach a step may differ in other ways from those who do not. A step that
        ranks high is a candidate milestone; test whether moving it moves the outcome with an experiment.
      </p>

      <div className="filters">
        <Field label="Outcome step" htmlFor="insights-outcome">
          <select id="insights-outcome" value={outcome} onChange={(event) => setOutcome(event.target.value)}>
            {flow.steps.map((step) => (
              <option key={step.key} value={step.key}>
                {step.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Last days" htmlFor="insights-days" className="narrow">
          <select id="insights-days" value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {[7, 30, 90, 180, 365].map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Cohort (current attributes)" htmlFor="insights-cohort">
          <select id="insights-cohort" value={cohort} onChange={(event) => setCohort(event.target.value)}>
            <option value="">Everyone</option>
            {(cohorts.data?.items ?? []).map((item) => (
              <option key={item.key} value={item.key}>
                {item.name}
              </option>
            ))}
          </select>
        </Field>
      </div>

      {insights.isPending ? (
        <Loading label="Counting…" />
      ) : insights.isError ? (
        <ErrorMessage error={insights.error} title="Could not compute the insights" />
      ) : insights.data.units === 0 ? (
        <EmptyState title="No customers in this window">No unit has an event in this flow in the last {days} days{cohort ? ' in this cohort' : ''}.</EmptyState>
      ) : (
        <>
          <p className="muted">
            {count(insights.data.units)} customers with activity in the last {insights.data.days} days
            {insights.data.cohort ? ` in ${cohortNames[insights.data.cohort] ?? insights.data.cohort}` : ''};{' '}
            {percent(insights.data.steps.find((step) => step.stepKey === outcome)?.shareReached)} reached {outcomeName}.
          </p>
          <RiskChart steps={ranked} nameOf={nameOf} />
          <div className="card flush table-scroll">
            <table className="data-table" aria-label="Steps ranked by relative risk">
              <thead>
                <tr>
                  <th>Rank</th>
                  <th>Step</th>
                  <th className="num">Reached</th>
                  <th className="num">Outcome rate if reached</th>
                  <th className="num">If not reached</th>
                  <th className="num">Relative risk</th>
                  <th className="num">95 % interval</th>
                </tr>
              </thead>
              <tbody>
                {ranked.map((step, index) => (
                  <tr key={step.stepKey}>
                    <td>{step.relativeRisk === null ? '—' : index + 1}</td>
                    <th scope="row">{nameOf(step.stepKey)}</th>
                    <td className="num">
                      {count(step.reached)} ({percent(step.shareReached)})
                    </td>
                    <td className="num">{percent(step.outcomeRateReached)}</td>
                    <td className="num">{percent(step.outcomeRateNotReached)}</td>
                    <td className="num">{step.relativeRisk === null ? '—' : `${decimal(step.relativeRisk)}×`}</td>
                    <td className="num">{step.ci ? `${decimal(step.ci[0])}–${decimal(step.ci[1])}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            “—”: no relative risk, because nobody (or everybody) reached the step, or none of one group reached the outcome.
          </p>
        </>
      )}
    </section>
  );
}

interface RiskRow {
  step: string;
  interval: [number, number];
  relativeRisk: number;
}

/** A forest plot: each step's 95 % interval as a band, its relative risk as a mark inside it. */
function RiskChart({ steps, nameOf }: { steps: StepInsight[]; nameOf: (key: string) => string }) {
  const data: RiskRow[] = steps
    .filter((step) => step.relativeRisk !== null && step.ci !== null)
    .map((step) => ({ step: nameOf(step.stepKey), interval: step.ci!, relativeRisk: step.relativeRisk! }));
  if (data.length === 0) return null;
  return (
    <figure className="chart card" aria-label="Relative risk of the outcome per step, with 95 % intervals">
      <ResponsiveContainer width="100%" height={Math.max(160, 44 * data.length + 60)}>
        <BarChart data={data} layout="vertical" margin={{ top: 24, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" domain={[0, 'auto']} tickFormatter={(value: number) => `${decimal(value, 1)}×`} tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="step" width={170} tick={{ fontSize: 12 }} />
          <Tooltip
            formatter={(_value, _name, item) => {
              const row = item.payload as RiskRow;
              return [`${decimal(row.relativeRisk)}× (95 % ${decimal(row.interval[0])}–${decimal(row.interval[1])})`, 'Relative risk'];
            }}
          />
          <ReferenceLine x={1} stroke="#64748b" strokeDasharray="4 4" label={{ value: 'no association (1×)', position: 'top', fontSize: 11 }} />
          <Bar dataKey="interval" name="95 % interval" barSize={14} isAnimationActive={false} shape={IntervalShape} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function IntervalShape(props: unknown) {
  const { x, y, width, height, payload } = props as { x: number; y: number; width: number; height: number; payload: RiskRow };
  const [lo, hi] = payload.interval;
  const mark = x + (hi > lo ? (width * (payload.relativeRisk - lo)) / (hi - lo) : 0);
  return (
    <g>
      <rect x={x} y={y} width={Math.max(width, 1)} height={height} rx={3} fill="#bfdbfe" />
      <rect x={mark - 2} y={y - 4} width={4} height={height + 8} rx={1} fill="#1d4ed8" />
    </g>
  );
}
