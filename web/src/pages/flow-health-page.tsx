import type { Flow, JourneyExpectationInput, JourneyHealth, JourneyHealthItem } from '@verdict/shared';
import { FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Can } from '../components/can';
import { Field } from '../components/form/field';
import { FormError } from '../components/form/form-error';
import { EmptyState, ErrorMessage, Loading } from '../components/query-state';
import { count, date, dateTime, percent, pStatement } from '../format';
import { useCohortNames, useCohorts } from '../hooks/use-cohorts';
import { useFlow } from '../hooks/use-flows';
import { useExpectations, useJourneyHealth, useRequestHealthCheck, useSetExpectations } from '../hooks/use-journeys';
import { useCan } from '../hooks/use-me';
import { usePageTitle } from '../hooks/use-page-title';
import { routes } from '../routes';

export function FlowHealthPage() {
  const { key = '' } = useParams();
  const flow = useFlow(key);
  usePageTitle(flow.data ? `Journey health · ${flow.data.name}` : 'Journey health');
  if (flow.isPending) return <Loading />;
  if (flow.isError) return <ErrorMessage error={flow.error} title={`Could not load flow ${key}`} />;
  return <Health flow={flow.data} />;
}

function Health({ flow }: { flow: Flow }) {
  const [waitingSince, setWaitingSince] = useState<string | null | undefined>(undefined);
  const health = useJourneyHealth(flow.key, waitingSince !== undefined);
  const check = useRequestHealthCheck(flow.key);
  const cohortNames = useCohortNames();
  const cohortName = (key: string) => cohortNames[key] ?? key;
  const stepName = (key: string) => flow.steps.find((s) => s.key === key)?.name ?? key;

  // A check asked for by hand: poll until a newer check shows up.
  useEffect(() => {
    if (waitingSince !== undefined && health.data && health.data.checkedAt !== waitingSince) setWaitingSince(undefined);
  }, [health.data, waitingSince]);

  return (
    <section aria-labelledby="health-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={routes.flows}>Flows</Link> / <Link to={routes.flow(flow.key)}>{flow.key}</Link> / Health
      </nav>
      <div className="page-header">
        <div>
          <h1 id="health-title">Journey health: {flow.name}</h1>
          <p className="muted">
            Each persona is held to what its journey should do: reach a step within some days of its trigger (
            {stepName(flow.steps[0].key)}) at an expected rate. A check counts closed windows only, and escalates when so few
            reached the step that the expected rate is very unlikely (exact binomial p &lt; 0.01, at least 30 customers).
          </p>
        </div>
        <div className="button-row">
          <Link to={routes.flowInsights(flow.key)} className="button">
            Which steps matter
          </Link>
          <Can role="editor">
            <button
              type="button"
              className="button primary"
              disabled={check.isPending || waitingSince !== undefined}
              onClick={() => check.mutate(undefined, { onSuccess: () => setWaitingSince(health.data?.checkedAt ?? null) })}
            >
              {waitingSince !== undefined ? 'Checking…' : 'Check now'}
            </button>
          </Can>
        </div>
      </div>
      {check.isError && <ErrorMessage error={check.error} title="Could not queue a check" />}

      {health.isPending ? (
        <Loading />
      ) : health.isError ? (
        <ErrorMessage error={health.error} title="Could not load the journey health" />
      ) : health.data.expectations.length === 0 ? (
        <EmptyState title="No expectations yet">Say what each cohort's journey should do below, then run a check.</EmptyState>
      ) : (
        <>
          <p className="muted">Last check: {dateTime(health.data.checkedAt)}. Checks also run every day at 06:00 UTC.</p>
          <div className="card-grid">
            {health.data.expectations.map((item) => (
              <ExpectationCard
                key={`${item.cohortKey}:${item.stepKey}`}
                item={item}
                history={health.data}
                title={`${cohortName(item.cohortKey)} → ${stepName(item.stepKey)}`}
              />
            ))}
          </div>
        </>
      )}
      <ExpectationsEditor flow={flow} />
    </section>
  );
}

const shortTime = (iso: string) =>
  new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

function EscalationBadge({ item }: { item: JourneyHealthItem }) {
  if (item.escalation?.status === 'open') return <span className="badge badge-escalated">Escalated since {date(item.escalation.openedAt)}</span>;
  if (item.escalation?.status === 'closed') return <span className="badge badge-recovered">Recovered {date(item.escalation.closedAt)}</span>;
  return <span className="badge badge-healthy">{item.checkedAt ? 'No escalation' : 'Not checked yet'}</span>;
}

function ExpectationCard({ item, history, title }: { item: JourneyHealthItem; history: JourneyHealth; title: string }) {
  const points = history.history
    .filter((h) => h.cohortKey === item.cohortKey && h.stepKey === item.stepKey)
    .map((h) => ({ at: shortTime(h.checkedAt), observed: h.observedRate, expected: h.expectedRate, low: h.units >= 30 && h.pValue !== null && h.pValue < 0.01 }));
  return (
    <article className="card" aria-label={title}>
      <div className="card-header">
        <h3 className="card-title">{title}</h3>
        <EscalationBadge item={item} />
      </div>
      <p className="small">
        Expected <strong>{percent(item.expectedRate)}</strong> within {item.windowDays} days; observed{' '}
        <strong>{percent(item.observedRate)}</strong> ({count(item.reached)} of {count(item.units)} customers), {pStatement(item.pValue)}
      </p>
      {points.length > 0 && (
        <figure className="chart" aria-label={`Observed rate against the expected ${percent(item.expectedRate)} over time`}>
          <ResponsiveContainer width="100%" height={180}>
            <LineChart data={points} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="at" tick={{ fontSize: 11 }} />
              <YAxis domain={[0, 1]} tickFormatter={(value: number) => percent(value, 0)} tick={{ fontSize: 11 }} width={44} />
              <Tooltip formatter={(value) => percent(Number(value))} />
              <ReferenceLine y={item.expectedRate} stroke="#d97706" strokeDasharray="5 4" label={{ value: 'expected', position: 'insideTopRight', fontSize: 11 }} />
              <Line
                dataKey="observed"
                name="Observed"
                stroke="#2563eb"
                isAnimationActive={false}
                dot={(props: { cx?: number; cy?: number; index?: number }) => (
                  <circle
                    key={props.index}
                    cx={props.cx}
                    cy={props.cy}
                    r={points[props.index ?? 0]?.low ? 5 : 3}
                    fill={points[props.index ?? 0]?.low ? '#dc2626' : '#2563eb'}
                  />
                )}
              />
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
    </article>
  );
}

interface Draft {
  cohortKey: string;
  stepKey: string;
  expectedPercent: string;
  windowDays: string;
}

/** The flow's expectations, loaded once: the form then edits its own copy. */
function ExpectationsEditor({ flow }: { flow: Flow }) {
  const expectations = useExpectations(flow.key);
  if (expectations.isPending) return null;
  if (expectations.isError) return <ErrorMessage error={expectations.error} title="Could not load the expectations" />;
  return <ExpectationsForm flow={flow} initial={expectations.data.expectations} />;
}

function ExpectationsForm({ flow, initial }: { flow: Flow; initial: JourneyExpectationInput[] }) {
  const save = useSetExpectations(flow.key);
  const cohorts = useCohorts();
  const canEdit = useCan('editor');
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    initial.map((e) => ({
      cohortKey: e.cohortKey,
      stepKey: e.stepKey,
      expectedPercent: String(Math.round(e.expectedRate * 1000) / 10),
      windowDays: String(e.windowDays),
    })),
  );
  const [saved, setSaved] = useState(false);

  const update = (index: number, change: Partial<Draft>) => setDrafts(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const body: JourneyExpectationInput[] = drafts.map((d) => ({
      cohortKey: d.cohortKey,
      stepKey: d.stepKey,
      expectedRate: Number(d.expectedPercent) / 100,
      windowDays: Number(d.windowDays),
    }));
    save.mutate(body, { onSuccess: () => setSaved(true) });
  }

  return (
    <form className="card" onSubmit={onSubmit} aria-labelledby="expectations-title">
      <h2 id="expectations-title">Expectations</h2>
      <p className="muted small">Per cohort (by current attributes) and step: the share expected to reach the step within a window after the trigger.</p>
      <div className="expectation-rows">
        {drafts.length === 0 && <p className="muted">None yet.</p>}
        {drafts.map((draft, index) => (
          <div className="expectation-row" key={index}>
            <Field label="Cohort" htmlFor={`exp-cohort-${index}`}>
              <select id={`exp-cohort-${index}`} value={draft.cohortKey} disabled={!canEdit} onChange={(e) => update(index, { cohortKey: e.target.value })}>
                <option value="">Choose…</option>
                {(cohorts.data?.items ?? []).map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Step" htmlFor={`exp-step-${index}`}>
              <select id={`exp-step-${index}`} value={draft.stepKey} disabled={!canEdit} onChange={(e) => update(index, { stepKey: e.target.value })}>
                {flow.steps.map((s) => (
                  <option key={s.key} value={s.key}>
                    {s.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Expected %" htmlFor={`exp-rate-${index}`} className="narrow">
              <input
                id={`exp-rate-${index}`}
                type="number"
                step="any"
                min={0}
                max={100}
                value={draft.expectedPercent}
                disabled={!canEdit}
                onChange={(e) => update(index, { expectedPercent: e.target.value })}
              />
            </Field>
            <Field label="Within days" htmlFor={`exp-days-${index}`} className="narrow">
              <input
                id={`exp-days-${index}`}
                type="number"
                min={1}
                max={90}
                value={draft.windowDays}
                disabled={!canEdit}
                onChange={(e) => update(index, { windowDays: e.target.value })}
              />
            </Field>
            {canEdit && (
              <button type="button" className="button ghost" onClick={() => setDrafts(drafts.filter((_, i) => i !== index))}>
                Remove
              </button>
            )}
          </div>
        ))}
      </div>
      <FormError error={save.error} />
      {saved && <p className="muted small" role="status">Saved.</p>}
      {canEdit && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => setDrafts([...drafts, { cohortKey: '', stepKey: flow.steps[flow.steps.length - 1].key, expectedPercent: '50', windowDays: '7' }])}
          >
            Add expectation
          </button>
          <button type="submit" className="button primary" disabled={save.isPending}>
            Save expectations
          </button>
        </div>
      )}
    </form>
  );
}
