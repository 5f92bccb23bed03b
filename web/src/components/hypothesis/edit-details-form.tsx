import type { Evidence, Hypothesis } from '@verdict/shared';
import { useState } from 'react';
import { EvidenceEditor } from '../evidence-editor';
import { Field } from '../form/field';
import { FormActions } from '../form/form-actions';
import { PriorityFields } from '../priority-fields';
import { useHypothesisActions } from '../../hooks/use-hypotheses';
import { PanelForm } from './panel-form';

/** Title, owner, priority and evidence: changes that do not make a new version. */
export function EditDetailsForm({ hypothesis, onDone }: { hypothesis: Hypothesis; onDone(): void }) {
  const { update } = useHypothesisActions(hypothesis.id);
  const [title, setTitle] = useState(hypothesis.title);
  const [owner, setOwner] = useState(hypothesis.owner ?? '');
  const [scores, setScores] = useState({ impact: hypothesis.impact, confidence: hypothesis.confidence, ease: hypothesis.ease });
  const [evidence, setEvidence] = useState<Evidence[]>(hypothesis.evidence);
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit() {
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
    <PanelForm label="Edit the hypothesis details" title="Edit details" intro="These changes keep the current version." onSubmit={onSubmit}>
      <div className="field-row">
        <Field label="Title" htmlFor="edit-title" className="grow">
          <input id="edit-title" required value={title} onChange={(event) => setTitle(event.target.value)} />
        </Field>
        <Field label="Owner" htmlFor="edit-owner">
          <input id="edit-owner" value={owner} onChange={(event) => setOwner(event.target.value)} />
        </Field>
      </div>
      <PriorityFields idPrefix="edit" value={scores} onChange={setScores} />
      <EvidenceEditor value={evidence} onChange={setEvidence} />
      <FormActions submitLabel="Save details" pending={update.isPending} problem={problem} error={update.error} onCancel={onDone} />
    </PanelForm>
  );
}
