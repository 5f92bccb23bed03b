import { CreateHypothesisRequest, Evidence, METRIC_AREAS, MetricArea } from '@verdict/shared';
import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { EvidenceEditor } from '../components/evidence-editor';
import { PriorityFields, type PriorityScores } from '../components/priority-fields';
import { FormError } from '../components/form-error';
import { SampleSizeCalculator } from '../components/sample-size-calculator';
import { parseEffect, VersionDraft, VersionFields } from '../components/version-fields';
import { useCohorts } from '../hooks/use-cohorts';
import { useFlows } from '../hooks/use-flows';
import { useCreateHypothesis } from '../hooks/use-hypotheses';
import { routes } from '../routes';
import { usePageTitle } from '../hooks/use-page-title';
import { VocabularyOptions } from '../components/vocabulary-options';


export function HypothesisFormPage() {
  const navigate = useNavigate();
  const flows = useFlows();
  const cohorts = useCohorts();
  const create = useCreateHypothesis();
  usePageTitle('New hypothesis');
  const [title, setTitle] = useState('');
  const [metricArea, setMetricArea] = useState<MetricArea>('customer_engagement');
  const [flowKey, setFlowKey] = useState('');
  const [owner, setOwner] = useState('');
  const [scores, setScores] = useState<PriorityScores>({ impact: 3, confidence: 3, ease: 3 });
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const [draft, setDraft] = useState<VersionDraft>({
    statement: '',
    primaryStepKey: '',
    expectedDirection: 'increase',
    minimumEffectPercent: '5',
    cohortKey: '',
    guardrailStepKeys: [],
  });
  const [problem, setProblem] = useState<string | null>(null);
  const flow = flows.data?.items.find((candidate) => candidate.key === flowKey);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const minimumEffect = parseEffect(draft.minimumEffectPercent);
    if (!title.trim() || !draft.statement.trim() || !flowKey || !draft.primaryStepKey) {
      setProblem('Title, statement, flow and primary step are required.');
      return;
    }
    if (Number.isNaN(minimumEffect)) {
      setProblem('The minimum effect must be a positive percentage.');
      return;
    }
    setProblem(null);
    const body: CreateHypothesisRequest = {
      title: title.trim(),
      statement: draft.statement.trim(),
      metricArea,
      flowKey,
      primaryStepKey: draft.primaryStepKey,
      expectedDirection: draft.expectedDirection,
      minimumEffect,
      guardrailStepKeys: draft.guardrailStepKeys,
      ...scores,
      evidence: evidence.filter((item) => item.source.trim() || item.note.trim()),
    };
    if (draft.cohortKey) body.cohortKey = draft.cohortKey;
    if (owner.trim()) body.owner = owner.trim();
    create.mutate(body, { onSuccess: (created) => navigate(routes.hypothesis(created.id)) });
  }

  const noFlows = flows.isSuccess && flows.data.items.length === 0;

  return (
    <section aria-labelledby="hypothesis-form-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to={routes.board}>Hypotheses</Link> / New
      </nav>
      <h1 id="hypothesis-form-title">New hypothesis</h1>
      {noFlows && (
        <div className="banner" role="note">
          A hypothesis is about a step of a customer flow. <Link to={routes.flowNew}>Create a flow first.</Link>
        </div>
      )}
      <div className="form-layout">
        <form className="card form" onSubmit={onSubmit} noValidate aria-label="New hypothesis">
          <label className="field" htmlFor="hypothesis-title">
            <span>Title</span>
            <input id="hypothesis-title" required value={title} onChange={(event) => setTitle(event.target.value)} />
          </label>
          <div className="field-row">
            <label className="field" htmlFor="hypothesis-area">
              <span>Metric area</span>
              <select id="hypothesis-area" value={metricArea} onChange={(event) => setMetricArea(event.target.value as MetricArea)}>
                <VocabularyOptions values={METRIC_AREAS} />
              </select>
            </label>
            <label className="field" htmlFor="hypothesis-flow">
              <span>Flow</span>
              <select
                id="hypothesis-flow"
                required
                value={flowKey}
                onChange={(event) => {
                  setFlowKey(event.target.value);
                  setDraft({ ...draft, primaryStepKey: '', guardrailStepKeys: [] });
                }}
              >
                <option value="">{flows.isPending ? 'Loading…' : 'Choose a flow'}</option>
                {(flows.data?.items ?? []).map((candidate) => (
                  <option key={candidate.key} value={candidate.key}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field" htmlFor="hypothesis-owner">
              <span>Owner</span>
              <input id="hypothesis-owner" value={owner} autoComplete="off" onChange={(event) => setOwner(event.target.value)} />
            </label>
          </div>
          <VersionFields idPrefix="hypothesis" draft={draft} onChange={setDraft} flow={flow} cohorts={cohorts.data?.items ?? []} />
          <fieldset className="field">
            <legend>
              Priority: impact × confidence × ease = <strong>{scores.impact * scores.confidence * scores.ease}</strong>
            </legend>
            <PriorityFields idPrefix="hypothesis" value={scores} onChange={setScores} />
          </fieldset>
          <EvidenceEditor value={evidence} onChange={setEvidence} />
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          <FormError error={create.error} />
          <div className="button-row">
            <button type="submit" className="button primary" disabled={create.isPending}>
              {create.isPending ? 'Saving…' : 'Create hypothesis'}
            </button>
            <Link to={routes.board} className="button ghost">
              Cancel
            </Link>
          </div>
        </form>
        <SampleSizeCalculator minimumEffect={parseEffect(draft.minimumEffectPercent)} direction={draft.expectedDirection} />
      </div>
    </section>
  );
}
