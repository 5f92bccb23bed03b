import { OVERRIDE_STATUSES } from '@verdict/shared';
import type { Hypothesis, OverrideVerdictRequest } from '@verdict/shared';
import { useState } from 'react';
import { Field } from '../form/field';
import { FormActions } from '../form/form-actions';
import { useHypothesisActions } from '../../hooks/use-hypotheses';
import { VocabularyOptions } from '../vocabulary-options';
import { PanelForm } from './panel-form';

/** A person's verdict, with the note that explains it. */
export function OverrideForm({ hypothesis, onDone }: { hypothesis: Hypothesis; onDone(): void }) {
  const { override } = useHypothesisActions(hypothesis.id);
  const [status, setStatus] = useState<OverrideVerdictRequest['status']>('inconclusive');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit() {
    if (!note.trim()) return setProblem('Say why: the note is kept with the status history.');
    setProblem(null);
    override.mutate({ status, note: note.trim() }, { onSuccess: onDone });
  }

  return (
    <PanelForm
      label="Override the verdict"
      title="Override the verdict"
      intro="A person's verdict wins over the computed one until the next version; both stay visible."
      onSubmit={onSubmit}
    >
      <div className="field-row">
        <Field label="Verdict" htmlFor="override-status">
          <select id="override-status" value={status} onChange={(event) => setStatus(event.target.value as OverrideVerdictRequest['status'])}>
            <VocabularyOptions values={OVERRIDE_STATUSES} />
          </select>
        </Field>
        <Field label="Note" htmlFor="override-note" className="grow">
          <input id="override-note" required value={note} onChange={(event) => setNote(event.target.value)} />
        </Field>
      </div>
      <FormActions submitLabel="Save verdict" pending={override.isPending} problem={problem} error={override.error} onCancel={onDone} />
    </PanelForm>
  );
}
