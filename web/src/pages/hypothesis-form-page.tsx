import { CreateHypothesisRequest, Evidence, METRIC_AREAS, MetricArea } from '@verdict/shared';
import { FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { EvidenceEditor } from '../components/evidence-editor';
import { PriorityFields, type PriorityScores } from '../components/priority-fields';
import { Field } from '../components/form/field';
import { FormActions } from '../components/form/form-actions';
import { SampleSizeCalculator } from '../components/sample-size-calculator';
import { VersionDraft, VersionFields } from '../components/version-fields';
import { parseEffect } from '../format';
import { parseExpectations } from '../components/expectations-editor';
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
    cohortExpectations: [],
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
    const cohortExpectations = parseExpectations(draft.cohortExpectations);
    if (typeof cohortExpectations === 'string') {
      setProblem(cohortExpectations);
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
      ...(cohortExpectations.length > 0 ? { cohortExpectations } : {}),
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
          <Field label="Title" htmlFor="hypothesis-title">
            <input id="hypothesis-title" required value={title} onChange={(event) => setTitle(event.target.value)} />
          </Field>
          <div className="field-row">
            <Field label="Metric area" htmlFor="hypothesis-area">
              <select id="hypothesis-area" value={metricArea} onChange={(event) => setMetricArea(event.target.value as MetricArea)}>
                <VocabularyOptions values={METRIC_AREAS} />
              </select>
            </Field>
            <Field label="Flow" htmlFor="hypothesis-flow">
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
            </Field>
            <Field label="Owner" htmlFor="hypothesis-owner">
              <input id="hypothesis-owner" value={owner} autoComplete="off" onChange={(event) => setOwner(event.target.value)} />
            </Field>
          </div>
          <VersionFields idPrefix="hypothesis" draft={draft} onChange={setDraft} flow={flow} cohorts={cohorts.data?.items ?? []} />
          <fieldset className="field">
            <legend>
              Priority: impact × confidence × ease = <strong>{scores.impact * scores.confidence * scores.ease}</strong>
            </legend>
            <PriorityFields idPrefix="hypothesis" value={scores} onChange={setScores} />
          </fieldset>
          <EvidenceEditor value={evidence} onChange={setEvidence} />
          <FormActions
            submitLabel="Create hypothesis"
            pendingLabel="Saving…"
            pending={create.isPending}
            problem={problem}
            error={create.error}
            cancelTo={routes.board}
          />
        </form>
        <SampleSizeCalculator minimumEffect={parseEffect(draft.minimumEffectPercent)} direction={draft.expectedDirection} />
      </div>
    </section>
  );
}
