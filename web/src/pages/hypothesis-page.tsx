import type { Evidence, Hypothesis, OverrideVerdictRequest } from '@verdict/shared';
import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { EvidenceEditor } from '../components/evidence-editor';
import { PriorityFields } from '../components/priority-fields';
import { FormError } from '../components/form-error';
import { ErrorMessage, Loading } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { parseEffect, VersionDraft, VersionFields } from '../components/version-fields';
import { dateTime, humanize, methodLabel, percent } from '../format';
import { useCohorts } from '../hooks/use-cohorts';
import { useFlow } from '../hooks/use-flows';
import { useHypothesis, useHypothesisActions } from '../hooks/use-hypotheses';
import { routes } from '../routes';
import { usePageTitle } from '../hooks/use-page-title';

export function HypothesisPage() {
  const { id = '' } = useParams();
  const hypothesis = useHypothesis(id);
  usePageTitle(hypothesis.data?.title);
  if (hypothesis.isPending) return <Loading label="Loading the hypothesis…" />;
  if (hypothesis.isError) return <ErrorMessage error={hypothesis.error} title="Could not load the hypothesis" />;
  return <HypothesisView hypothesis={hypothesis.data} />;
}

function HypothesisView({ hypothesis }: { hypothesis: Hypothesis }) {
  const actions = useHypothesisActions(hypothesis.id);
  const flow = useFlow(hypothesis.flowKey);
  const stepName = (key: string) => flow.data?.steps.find((step) => step.key === key)?.name ?? key;
  const [panel, setPanel] = useState<'none' | 'edit' | 'revise' | 'override'>('none');
  const running = hypothesis.experiments.some((experiment) => experiment.status === 'running' || experiment.status === 'paused');
  const versions = [...hypothesis.versions].sort((a, b) => b.version - a.version);
  const history = [...hypothesis.statusHistory].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <section aria-labelledby="hypothesis-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={routes.board}>Hypotheses</Link> / {hypothesis.title}
      </nav>
      <div className="page-header">
        <div>
          <h1 id="hypothesis-title">
            {hypothesis.title} <StatusBadge status={hypothesis.status} />
          </h1>
          <p className="muted">
            Version {hypothesis.version} · {humanize(hypothesis.metricArea)} · flow <code>{hypothesis.flowKey}</code> · owner{' '}
            {hypothesis.owner || '—'}
          </p>
        </div>
        <div className="button-row">
          {!running && hypothesis.status !== 'archived' && (
            <Link to={routes.experimentNew(hypothesis.id)} className="button primary">
              New experiment
            </Link>
          )}
          <button type="button" className="button" aria-expanded={panel === 'edit'} onClick={() => setPanel(panel === 'edit' ? 'none' : 'edit')}>
            Edit details
          </button>
          <button type="button" className="button" aria-expanded={panel === 'revise'} onClick={() => setPanel(panel === 'revise' ? 'none' : 'revise')}>
            Revise
          </button>
          <button type="button" className="button" aria-expanded={panel === 'override'} onClick={() => setPanel(panel === 'override' ? 'none' : 'override')}>
            Override verdict
          </button>
          {hypothesis.status !== 'archived' && (
            <button type="button" className="button ghost" disabled={actions.archive.isPending} onClick={() => actions.archive.mutate()}>
              Archive
            </button>
          )}
        </div>
      </div>
      <FormError error={actions.archive.error} />

      {panel === 'edit' && <EditForm hypothesis={hypothesis} onDone={() => setPanel('none')} />}
      {panel === 'revise' && <ReviseForm hypothesis={hypothesis} running={running} onDone={() => setPanel('none')} />}
      {panel === 'override' && <OverrideForm hypothesis={hypothesis} onDone={() => setPanel('none')} />}

      <div className="grid two">
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
        </section>
        <section className="card" aria-labelledby="evidence-title">
          <h2 id="evidence-title">Evidence</h2>
          {hypothesis.evidence.length === 0 ? (
            <p className="muted">No evidence recorded.</p>
          ) : (
            <ul className="evidence-list">
              {hypothesis.evidence.map((item, index) => (
                <li key={index}>
                  <span className={`tag tag-${item.kind}`}>{item.kind}</span> <strong>{item.source}</strong>
                  {item.note && <p className="small">{item.note}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="experiments-title">
        <h2 id="experiments-title">Experiments</h2>
        {hypothesis.experiments.length === 0 ? (
          <p className="muted">
            No experiment yet. <Link to={routes.experimentNew(hypothesis.id)}>Design one</Link> to test version {hypothesis.version}.
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

      <div className="grid two">
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">Status history</h2>
          {history.length === 0 ? (
            <p className="muted">No changes yet.</p>
          ) : (
            <ol className="timeline">
              {history.map((change, index) => (
                <li key={index}>
                  <div>
                    {change.from ? <StatusBadge status={change.from} /> : <span className="muted">new</span>} →{' '}
                    <StatusBadge status={change.to} /> <span className="muted small">v{change.version}</span>
                  </div>
                  <p className="small">{change.reason}</p>
                  <p className="muted small">
                    {dateTime(change.at)} · {change.source === 'manual' ? `overridden by ${change.actor}` : `${change.source} (${change.actor})`}
                    {change.experimentKey && (
                      <>
                        {' · '}
                        <Link to={routes.experiment(change.experimentKey) + (change.analysisId ? `#analysis-${change.analysisId}` : '')}>
                          {change.analysisId ? 'see the analysis' : change.experimentKey}
                        </Link>
                      </>
                    )}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="card" aria-labelledby="versions-title">
          <h2 id="versions-title">Versions</h2>
          <ol className="timeline">
            {versions.map((version) => (
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
      </div>
    </section>
  );
}

function ReviseForm({ hypothesis, running, onDone }: { hypothesis: Hypothesis; running: boolean; onDone(): void }) {
  const { revise } = useHypothesisActions(hypothesis.id);
  const flow = useFlow(hypothesis.flowKey);
  const cohorts = useCohorts();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<VersionDraft>({
    statement: hypothesis.statement,
    primaryStepKey: hypothesis.primaryStepKey,
    expectedDirection: hypothesis.expectedDirection,
    minimumEffectPercent: String(Math.round(hypothesis.minimumEffect * 10000) / 100),
    cohortKey: hypothesis.cohortKey ?? '',
    guardrailStepKeys: hypothesis.guardrailStepKeys,
  });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const minimumEffect = parseEffect(draft.minimumEffectPercent);
    if (Number.isNaN(minimumEffect) || !draft.statement.trim() || !draft.primaryStepKey) {
      setProblem('Statement, primary step and a positive minimum effect are required.');
      return;
    }
    setProblem(null);
    revise.mutate(
      {
        statement: draft.statement.trim(),
        primaryStepKey: draft.primaryStepKey,
        expectedDirection: draft.expectedDirection,
        minimumEffect,
        cohortKey: draft.cohortKey || null,
        guardrailStepKeys: draft.guardrailStepKeys,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Revise the hypothesis">
      <h2>Revise: version {hypothesis.version + 1}</h2>
      <p className="muted small">A new version resets the status to draft; earlier verdicts stay with their version.</p>
      {running && (
        <div className="banner" role="note">
          An experiment of this hypothesis is still running or paused: stop it first, then test the new version with a new
          experiment.
        </div>
      )}
      <VersionFields idPrefix="revise" draft={draft} onChange={setDraft} flow={flow.data} cohorts={cohorts.data?.items ?? []} />
      <label className="field" htmlFor="revise-note">
        <span>What changed and why</span>
        <input id="revise-note" value={note} onChange={(event) => setNote(event.target.value)} />
      </label>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <FormError error={revise.error} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={revise.isPending}>
          Save version {hypothesis.version + 1}
        </button>
        <button type="button" className="button ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function OverrideForm({ hypothesis, onDone }: { hypothesis: Hypothesis; onDone(): void }) {
  const { override } = useHypothesisActions(hypothesis.id);
  const [status, setStatus] = useState<OverrideVerdictRequest['status']>('inconclusive');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!note.trim()) {
      setProblem('Say why: the note is kept with the status history.');
      return;
    }
    setProblem(null);
    override.mutate({ status, note: note.trim() }, { onSuccess: onDone });
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Override the verdict">
      <h2>Override the verdict</h2>
      <p className="muted small">A person's verdict wins over the computed one until the next version; both stay visible.</p>
      <div className="field-row">
        <label className="field" htmlFor="override-status">
          <span>Verdict</span>
          <select id="override-status" value={status} onChange={(event) => setStatus(event.target.value as OverrideVerdictRequest['status'])}>
            <option value="validated">Validated</option>
            <option value="refuted">Refuted</option>
            <option value="inconclusive">Inconclusive</option>
          </select>
        </label>
        <label className="field grow" htmlFor="override-note">
          <span>Note</span>
          <input id="override-note" required value={note} onChange={(event) => setNote(event.target.value)} />
        </label>
      </div>
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <FormError error={override.error} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={override.isPending}>
          Save verdict
        </button>
        <button type="button" className="button ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}


/** Title, owner, priority and evidence: changes that do not make a new version. */
function EditForm({ hypothesis, onDone }: { hypothesis: Hypothesis; onDone(): void }) {
  const { update } = useHypothesisActions(hypothesis.id);
  const [title, setTitle] = useState(hypothesis.title);
  const [owner, setOwner] = useState(hypothesis.owner ?? '');
  const [scores, setScores] = useState({ impact: hypothesis.impact, confidence: hypothesis.confidence, ease: hypothesis.ease });
  const [evidence, setEvidence] = useState<Evidence[]>(hypothesis.evidence);
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setProblem('The title is required.');
    setProblem(null);
    update.mutate(
      {
        title: title.trim(),
        owner: owner.trim(),
        ...scores,
        evidence: evidence.filter((item) => item.source.trim() || item.note.trim()),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="card form" onSubmit={onSubmit} noValidate aria-label="Edit the hypothesis details">
      <h2>Edit details</h2>
      <p className="muted small">These changes keep the current version.</p>
      <div className="field-row">
        <label className="field grow" htmlFor="edit-title">
          <span>Title</span>
          <input id="edit-title" required value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <label className="field" htmlFor="edit-owner">
          <span>Owner</span>
          <input id="edit-owner" value={owner} onChange={(event) => setOwner(event.target.value)} />
        </label>
      </div>
      <PriorityFields idPrefix="edit" value={scores} onChange={setScores} />
      <EvidenceEditor value={evidence} onChange={setEvidence} />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <FormError error={update.error} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={update.isPending}>
          Save details
        </button>
        <button type="button" className="button ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
