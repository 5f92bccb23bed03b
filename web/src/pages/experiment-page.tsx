import type { AnalysisRecord, Experiment, HypothesisVersion, Results } from '@verdict/shared';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { describeError } from '../api/client';
import type { ExperimentAction } from '../api/experiments';
import { FunnelChart } from '../components/funnel-chart';
import { MsprtChart, msprtPoints } from '../components/msprt-chart';
import { ProgressBar } from '../components/progress-bar';
import { ErrorMessage, Loading } from '../components/query-state';
import { SequentialChart, sequentialLooks } from '../components/sequential-chart';
import { StatusBadge } from '../components/status-badge';
import { StepTable } from '../components/step-table';
import { count, date, dateTime, methodLabel, percent, pStatement } from '../format';
import { useAnalyses, useAnalysisJob, useBreakdown, useRequestAnalysis, useResults } from '../hooks/use-analyses';
import { BreakdownSection } from '../components/breakdown-section';
import { ExpectationBadges } from '../components/expectation-badges';
import { useExperiment, useExperimentAction } from '../hooks/use-experiments';
import { useFlow } from '../hooks/use-flows';
import { useHypothesis } from '../hooks/use-hypotheses';
import { useCohortNames } from '../hooks/use-cohorts';
import { routes } from '../routes';
import { usePageTitle } from '../hooks/use-page-title';
import { Can } from '../components/can';

export function ExperimentPage() {
  const { key = '' } = useParams();
  const experiment = useExperiment(key);
  usePageTitle(experiment.data?.name);
  if (experiment.isPending) return <Loading label="Loading the experiment…" />;
  if (experiment.isError) return <ErrorMessage error={experiment.error} title={`Could not load experiment ${key}`} />;
  return <ExperimentView experiment={experiment.data} />;
}

function ExperimentView({ experiment }: { experiment: Experiment }) {
  const hypothesis = useHypothesis(experiment.hypothesisId);
  const flow = useFlow(experiment.flowKey);
  const live = experiment.status === 'running';
  const results = useResults(experiment.key, live);
  const analyses = useAnalyses(experiment.key, live);
  const breakdown = useBreakdown(experiment.key, live);
  const version: HypothesisVersion | undefined = hypothesis.data?.versions?.find(
    (candidate) => candidate.version === experiment.hypothesisVersion,
  );
  const primaryStepKey = version?.primaryStepKey ?? hypothesis.data?.primaryStepKey;
  const guardrails = version?.guardrailStepKeys ?? hypothesis.data?.guardrailStepKeys ?? [];
  const control = experiment.variants.find((variant) => variant.control);
  const treatments = experiment.variants.filter((variant) => !variant.control).map((variant) => variant.key);
  const history = analyses.data ?? [];
  const runs = history.flatMap((entry) => (entry.results ? [entry.results] : []));
  const looks = primaryStepKey ? sequentialLooks(runs, primaryStepKey) : [];

  return (
    <section aria-labelledby="experiment-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={routes.experiments}>Experiments</Link> /{' '}
        {hypothesis.data ? <Link to={routes.hypothesis(hypothesis.data.id)}>{hypothesis.data.title}</Link> : '…'}
      </nav>
      <div className="page-header">
        <div>
          <h1 id="experiment-title">
            {experiment.name} <StatusBadge status={experiment.status} />
          </h1>
          <p className="muted">
            <code>{experiment.key}</code> · tests version {experiment.hypothesisVersion} · {methodLabel(experiment.method)} · α ={' '}
            {experiment.alpha} · power {experiment.power} · analysis every {experiment.analysisIntervalMinutes} min
          </p>
        </div>
        <ExperimentActions experiment={experiment} />
      </div>

      {results.data?.srm.flagged && (
        <div className="banner danger" role="alert" data-testid="srm-banner">
          <strong>Sample ratio mismatch.</strong> The units per variant do not match the weights (
          {pStatement(results.data.srm.pValue)}). Assignment or exposure logging is likely broken, so no verdict is given until it is
          fixed.
        </div>
      )}

      <div className="grid two">
        <section className="card" aria-labelledby="verdict-title">
          <h2 id="verdict-title">Verdict</h2>
          {results.isPending ? (
            <Loading />
          ) : results.isError ? (
            <ErrorMessage error={results.error} />
          ) : results.data ? (
            <VerdictPanel results={results.data} />
          ) : (
            <p className="muted" data-testid="no-results">
              No analysis yet. {experiment.status === 'draft' ? 'Start the experiment to collect data.' : 'Run one now or wait for the schedule.'}
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="variants-title">
          <h2 id="variants-title">Variants and allocation</h2>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Variant</th>
                <th scope="col" className="num">Weight</th>
                <th scope="col" className="num">Units</th>
              </tr>
            </thead>
            <tbody>
              {experiment.variants.map((variant) => (
                <tr key={variant.key}>
                  <td>
                    {variant.name || variant.key} {variant.control && <span className="tag">control</span>}
                  </td>
                  <td className="num">{percent(variant.weight)}</td>
                  <td className="num">{count(results.data?.progress.unitsPerVariant[variant.key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            Coverage {percent(experiment.coverage, 0)} · targeting{' '}
            {experiment.targetCohortKeys.length > 0 ? experiment.targetCohortKeys.join(', ') : 'everyone'} · baseline{' '}
            {percent(experiment.baselineRate)} · plan {count(experiment.plannedSampleSize)} per variant
            {experiment.varianceReduction?.method === 'cuped' &&
              ` with CUPED, ${count(experiment.plannedSampleSizeWithout)} without (${experiment.varianceReduction.lookbackDays}-day lookback)`}
          </p>
        </section>
      </div>

      {results.data && (
        <>
          <section className="card" aria-labelledby="progress-title">
            <h2 id="progress-title">Progress</h2>
            <ProgressBar fraction={results.data.progress.fraction} label="Progress to the planned sample" />
            <p className="muted small">
              {count(smallestArm(results.data.progress.unitsPerVariant))} of{' '}
              {count(results.data.progress.plannedSampleSize)} units per variant
              {results.data.progress.expectedDate && results.data.progress.fraction < 1
                ? ` · expected to reach the plan on ${date(results.data.progress.expectedDate)}`
                : ''}
            </p>
          </section>
          <section className="card" aria-labelledby="funnel-title">
            <h2 id="funnel-title">Funnel</h2>
            <FunnelChart
              steps={results.data.steps}
              flowSteps={flow.data?.steps}
              variantKeys={experiment.variants.map((variant) => variant.key)}
            />
          </section>
          <section className="card" aria-labelledby="steps-title">
            <h2 id="steps-title">Steps</h2>
            <StepTable
              steps={results.data.steps}
              flowSteps={flow.data?.steps}
              primaryStepKey={primaryStepKey}
              guardrailStepKeys={guardrails}
              controlKey={control?.key}
            />
          </section>
        </>
      )}

      {/* Wait for the hypothesis and the flow: the section opens on the primary step with the flow's
          steps, instead of showing another step first and switching under the reader. */}
      {breakdown.data && !hypothesis.isLoading && !flow.isLoading && (
        <section className="card" aria-labelledby="breakdown-title">
          <h2 id="breakdown-title">For whom? Breakdown by cohort</h2>
          <BreakdownSection
            breakdown={breakdown.data}
            stepKeys={flow.data?.steps.map((step) => step.key) ?? results.data?.steps.map((step) => step.stepKey) ?? []}
            variantKeys={experiment.variants.map((variant) => variant.key)}
            treatmentKeys={treatments}
            initialStepKey={primaryStepKey}
          />
        </section>
      )}

      {experiment.method === 'sequential' && (
        <section className="card" aria-labelledby="sequential-title">
          <h2 id="sequential-title">Sequential test on {primaryStepKey ?? 'the primary step'}</h2>
          <SequentialChart looks={looks} treatmentKeys={treatments} />
        </section>
      )}
      {experiment.method === 'msprt' && (
        <section className="card" aria-labelledby="msprt-title">
          <h2 id="msprt-title">Always-valid test on {primaryStepKey ?? 'the primary step'}</h2>
          <MsprtChart
            points={primaryStepKey ? msprtPoints(runs, primaryStepKey) : []}
            treatmentKeys={treatments}
            alpha={experiment.alpha}
          />
        </section>
      )}

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">Analysis history</h2>
        {analyses.isPending ? (
          <Loading />
        ) : analyses.isError ? (
          <ErrorMessage error={analyses.error} />
        ) : history.length === 0 ? (
          <p className="muted">No analyses yet.</p>
        ) : (
          <AnalysisHistory entries={history} />
        )}
      </section>
    </section>
  );
}

/** Progress is as far as the smallest arm has got. */
function smallestArm(unitsPerVariant: Record<string, number>): number {
  const counts = Object.values(unitsPerVariant);
  return counts.length > 0 ? Math.min(...counts) : 0;
}

function VerdictPanel({ results }: { results: Results }) {
  const cohortNames = useCohortNames();
  const { verdict } = results;
  return (
    <div className="verdict" data-testid="verdict" data-status={verdict.status}>
      <div className="verdict-head">
        <StatusBadge status={verdict.status} />
        {verdict.variantKey && (
          <span>
            winner <strong>{verdict.variantKey}</strong>
          </span>
        )}
        {verdict.final && <span className="tag">final</span>}
      </div>
      <p>{verdict.reason}</p>
      <p className="muted small">
        Last analysis {dateTime(results.ranAt)} ({results.trigger}
        {results.postDecision ? ', after the decision' : ''}) · SRM {pStatement(results.srm.pValue)}
        {results.audience && (
          <>
            {' '}
            · judged on the audience <strong>{cohortNames[results.audience.cohortKey] ?? results.audience.cohortKey}</strong> ({count(results.audience.units)} units;{' '}
            {count(results.audience.outsideUnits)} outside it)
          </>
        )}
      </p>
      <ExpectationBadges results={results.expectations} cohortNames={cohortNames} />
    </div>
  );
}

function AnalysisHistory({ entries }: { entries: AnalysisRecord[] }) {
  // Links from a hypothesis's status history point at one analysis: bring it into view.
  const { hash } = useLocation();
  useEffect(() => {
    if (hash.startsWith('#analysis-')) document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [hash, entries]);
  const ordered = [...entries].sort((a, b) => String(b.ranAt ?? '').localeCompare(String(a.ranAt ?? '')));
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Analysis runs">
      <table className="data-table compact history-table">
        <thead>
          <tr>
            <th scope="col">Ran at</th>
            <th scope="col">Trigger</th>
            <th scope="col">Verdict</th>
            <th scope="col" className="num">Duration</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((entry) => {
            const id = entry.id;
            return (
              <tr key={id} id={`analysis-${id}`} className={hash === `#analysis-${id}` ? 'highlight' : undefined}>
                <td>{dateTime(entry.ranAt)}</td>
                <td>{entry.trigger ?? '—'}</td>
                <td>
                  {entry.status === 'failed' ? (
                    <StatusBadge status="failed" />
                  ) : entry.verdict ? (
                    <StatusBadge status={entry.verdict.status} />
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">{count(entry.durationMs)} ms</td>
                <td className="small note">
                  {entry.error ?? entry.verdict?.reason ?? ''}
                  {entry.results?.postDecision && <span className="muted"> (after the decision)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ExperimentActions({ experiment }: { experiment: Experiment }) {
  const action = useExperimentAction(experiment.key);
  const request = useRequestAnalysis(experiment.key);
  const [jobId, setJobId] = useState<string | null>(null);
  const [confirmStop, setConfirmStop] = useState(false);
  const job = useAnalysisJob(jobId, experiment.key);
  const run = (value: ExperimentAction) => action.mutate(value, { onSettled: () => setConfirmStop(false) });
  const jobState = job.data?.state ?? (jobId ? 'queued' : null);
  const busy = action.isPending;

  return (
    <div className="actions">
      <Can role="editor">
        <div className="button-row">
          {experiment.status === 'draft' && (
            <Link to={routes.experimentEdit(experiment.key)} className="button">
              Edit
            </Link>
          )}
          {(experiment.status === 'draft' || experiment.status === 'paused') && (
            <button type="button" className="button primary" disabled={busy} onClick={() => run('start')}>
              {experiment.status === 'paused' ? 'Resume' : 'Start'}
            </button>
          )}
          {experiment.status === 'running' && (
            <button type="button" className="button" disabled={busy} onClick={() => run('pause')}>
              Pause
            </button>
          )}
          {(experiment.status === 'running' || experiment.status === 'paused') &&
            (confirmStop ? (
              <>
                <button type="button" className="button danger" disabled={busy} onClick={() => run('stop')}>
                  Confirm stop
                </button>
                <button type="button" className="button ghost" onClick={() => setConfirmStop(false)}>
                  Keep running
                </button>
              </>
            ) : (
              <button type="button" className="button" disabled={busy} onClick={() => setConfirmStop(true)}>
                Stop
              </button>
            ))}
          {experiment.status !== 'draft' && (
            <button
              type="button"
              className="button"
              disabled={request.isPending || jobState === 'queued' || jobState === 'running'}
              onClick={() => request.mutate(undefined, { onSuccess: (accepted) => setJobId(accepted.jobId) })}
            >
              Run analysis now
            </button>
          )}
        </div>
      </Can>
      <div className="muted small" aria-live="polite" data-testid="job-state">
        {action.isError && <span className="field-error">{describeError(action.error)}</span>}
        {request.isError && <span className="field-error">{describeError(request.error)}</span>}
        {jobState && jobState !== 'done' && jobState !== 'failed' && <span>Analysis {jobState}…</span>}
        {jobState === 'done' && <span>Analysis done.</span>}
        {jobState === 'failed' && <span className="field-error">Analysis failed: {job.data?.error}</span>}
      </div>
    </div>
  );
}
