import { DIRECTIONS } from '@verdict/shared';
import type { Cohort, Direction, Flow } from '@verdict/shared';
import { ExpectationsEditor, type ExpectationDraft } from './expectations-editor';
import { CheckboxList } from './form/checkbox-list';
import { Field } from './form/field';
import { VocabularyOptions } from './vocabulary-options';

/** The testable fields of a hypothesis, edited the same way when it is written and when it is revised. */
export interface VersionDraft {
  statement: string;
  primaryStepKey: string;
  expectedDirection: Direction;
  /** As the person types it, in percent ("5" = 0.05). */
  minimumEffectPercent: string;
  cohortKey: string;
  guardrailStepKeys: string[];
  cohortExpectations: ExpectationDraft[];
}

interface Props {
  idPrefix: string;
  draft: VersionDraft;
  onChange(next: VersionDraft): void;
  flow: Flow | undefined;
  cohorts: Cohort[];
}

export function VersionFields({ idPrefix, draft, onChange, flow, cohorts }: Props) {
  const set = <K extends keyof VersionDraft>(name: K, value: VersionDraft[K]) => onChange({ ...draft, [name]: value });
  const steps = flow?.steps ?? [];
  return (
    <>
      <Field label="Statement" htmlFor={`${idPrefix}-statement`}>
        <textarea
          id={`${idPrefix}-statement`}
          rows={3}
          required
          placeholder="We believe that ⟨change⟩ for ⟨cohort⟩ will ⟨increase⟩ ⟨step⟩ by at least ⟨effect⟩."
          value={draft.statement}
          onChange={(event) => set('statement', event.target.value)}
        />
      </Field>
      <div className="field-row">
        <Field label="Primary step" htmlFor={`${idPrefix}-primary`}>
          <select
            id={`${idPrefix}-primary`}
            required
            value={draft.primaryStepKey}
            disabled={steps.length === 0}
            onChange={(event) => set('primaryStepKey', event.target.value)}
          >
            <option value="">{steps.length === 0 ? 'Choose a flow first' : 'Choose a step'}</option>
            {steps.map((step) => (
              <option key={step.key} value={step.key}>
                {step.name} ({step.kind.replace(/_/g, ' ')})
              </option>
            ))}
          </select>
        </Field>
        <Field label="Expected direction" htmlFor={`${idPrefix}-direction`}>
          <select
            id={`${idPrefix}-direction`}
            value={draft.expectedDirection}
            onChange={(event) => set('expectedDirection', event.target.value as Direction)}
          >
            <VocabularyOptions values={DIRECTIONS} />
          </select>
        </Field>
        <Field label="Minimum effect (relative, %)" htmlFor={`${idPrefix}-effect`}>
          <input
            id={`${idPrefix}-effect`}
            type="number"
            min="0.1"
            step="0.1"
            required
            inputMode="decimal"
            value={draft.minimumEffectPercent}
            onChange={(event) => set('minimumEffectPercent', event.target.value)}
          />
        </Field>
      </div>
      <div className="field-row">
        <Field label="Audience cohort (optional)" htmlFor={`${idPrefix}-cohort`}>
          <select id={`${idPrefix}-cohort`} value={draft.cohortKey} onChange={(event) => set('cohortKey', event.target.value)}>
            <option value="">Everyone</option>
            {cohorts.map((cohort) => (
              <option key={cohort.key} value={cohort.key}>
                {cohort.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset className="field">
        <legend>Guardrail steps (must not fall)</legend>
        {steps.length === 0 ? (
          <p className="muted small">Choose a flow to pick guardrails.</p>
        ) : (
          <CheckboxList
            options={steps.filter((step) => step.key !== draft.primaryStepKey).map((step) => ({ value: step.key, label: step.name }))}
            value={draft.guardrailStepKeys}
            onChange={(keys) => set('guardrailStepKeys', keys)}
          />
        )}
      </fieldset>
      <ExpectationsEditor
        idPrefix={idPrefix}
        value={draft.cohortExpectations}
        onChange={(next) => set('cohortExpectations', next)}
        steps={steps}
        cohorts={cohorts}
      />
    </>
  );
}
