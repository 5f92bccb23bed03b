import type { Hypothesis } from '@verdict/shared';
import { useState } from 'react';
import { Field } from '../form/field';
import { FormActions } from '../form/form-actions';
import { parseEffect } from '../../format';
import { VersionDraft, VersionFields } from '../version-fields';
import { expectationDraftOf, parseExpectations } from '../expectations-editor';
import { useCohorts } from '../../hooks/use-cohorts';
import { useFlow } from '../../hooks/use-flows';
import { useHypothesisActions } from '../../hooks/use-hypotheses';
import { PanelForm } from './panel-form';

const draftOf = (hypothesis: Hypothesis): VersionDraft => ({
  statement: hypothesis.statement,
  primaryStepKey: hypothesis.primaryStepKey,
  expectedDirection: hypothesis.expectedDirection,
  minimumEffectPercent: String(Math.round(hypothesis.minimumEffect * 10000) / 100),
  cohortKey: hypothesis.cohortKey ?? '',
  guardrailStepKeys: hypothesis.guardrailStepKeys,
  cohortExpectations: (hypothesis.cohortExpectations ?? []).map(expectationDraftOf),
});

/** A new version of the testable fields; `running` warns that a live experiment still tests the old one. */
export function ReviseForm({ hypothesis, running, onDone }: { hypothesis: Hypothesis; running: boolean; onDone(): void }) {
  const { revise } = useHypothesisActions(hypothesis.id);
  const flow = useFlow(hypothesis.flowKey);
  const cohorts = useCohorts();
  const [draft, setDraft] = useState(() => draftOf(hypothesis));
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const next = hypothesis.version + 1;

  function onSubmit() {
    const minimumEffect = parseEffect(draft.minimumEffectPercent);
    if (Number.isNaN(minimumEffect) || !draft.statement.trim() || !draft.primaryStepKey)
      return setProblem('Statement, primary step and a positive minimum effect are required.');
    const cohortExpectations = parseExpectations(draft.cohortExpectations);
    if (typeof cohortExpectations === 'string') return setProblem(cohortExpectations);
    setProblem(null);
    revise.mutate(
      {
        statement: draft.statement.trim(),
        primaryStepKey: draft.primaryStepKey,
        expectedDirection: draft.expectedDirection,
        minimumEffect,
        cohortKey: draft.cohortKey || null,
        guardrailStepKeys: draft.guardrailStepKeys,
        cohortExpectations,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <PanelForm
      label="Revise the hypothesis"
      title={`Revise: version ${next}`}
      intro="A new version resets the status to draft; earlier verdicts stay with their version."
      onSubmit={onSubmit}
    >
      {running && (
        <div className="banner" role="note">
          An experiment of this hypothesis is still running or paused: stop it first, then test the new version with a new
          experiment.
        </div>
      )}
      <VersionFields idPrefix="revise" draft={draft} onChange={setDraft} flow={flow.data} cohorts={cohorts.data?.items ?? []} />
      <Field label="What changed and why" htmlFor="revise-note">
        <input id="revise-note" value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <FormActions submitLabel={`Save version ${next}`} pending={revise.isPending} problem={problem} error={revise.error} onCancel={onDone} />
    </PanelForm>
  );
}
