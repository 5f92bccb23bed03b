import { STEP_KINDS, StepKind } from '@verdict/shared';
import { Field } from './form/field';
import { VocabularyOptions } from './vocabulary-options';

export interface StepDraft {
  key: string;
  name: string;
  kind: StepKind;
  terminal: boolean;
  milestone: boolean;
  minEvents: string;
  withinDays: string;
}

export const emptyStep = (kind: StepKind = 'step'): StepDraft => ({
  key: '',
  name: '',
  kind,
  terminal: false,
  milestone: false,
  minEvents: '10',
  withinDays: '30',
});

/** The ordered steps of a flow; "Up" and "Down" reorder them with the keyboard as well as the mouse. */
export function StepsEditor({ value, onChange }: { value: StepDraft[]; onChange(next: StepDraft[]): void }) {
  const update = (index: number, patch: Partial<StepDraft>) =>
    onChange(value.map((item, position) => (position === index ? { ...item, ...patch } : item)));
  const move = (index: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="field">
      <legend>Steps, in order</legend>
      <ol className="steps-editor">
        {value.map((step, index) => (
          <li key={index} className="repeat-row">
            <span className="step-number" aria-hidden="true">
              {index + 1}
            </span>
            <Field label="Key" htmlFor={`step-${index}-key`}>
              <input id={`step-${index}-key`} required value={step.key} onChange={(event) => update(index, { key: event.target.value })} />
            </Field>
            <Field label="Name" htmlFor={`step-${index}-name`} className="grow">
              <input id={`step-${index}-name`} required value={step.name} onChange={(event) => update(index, { name: event.target.value })} />
            </Field>
            <Field label="Kind" htmlFor={`step-${index}-kind`}>
              <select id={`step-${index}-kind`} value={step.kind} onChange={(event) => update(index, { kind: event.target.value as StepKind })}>
                <VocabularyOptions values={STEP_KINDS} label={(kind) => kind.replace(/_/g, ' ')} />
              </select>
            </Field>
            <label className="checkbox">
              <input type="checkbox" checked={step.terminal} onChange={(event) => update(index, { terminal: event.target.checked })} />
              Terminal
            </label>
            <label className="checkbox">
              <input type="checkbox" checked={step.milestone} onChange={(event) => update(index, { milestone: event.target.checked })} />
              Milestone
            </label>
            {step.milestone && (
              <>
                <Field label="Min events" htmlFor={`step-${index}-min`} className="narrow">
                  <input id={`step-${index}-min`} type="number" min="1" step="1" value={step.minEvents} onChange={(event) => update(index, { minEvents: event.target.value })} />
                </Field>
                <Field label="Within days" htmlFor={`step-${index}-days`} className="narrow">
                  <input id={`step-${index}-days`} type="number" min="1" step="1" value={step.withinDays} onChange={(event) => update(index, { withinDays: event.target.value })} />
                </Field>
              </>
            )}
            <div className="button-row tight">
              <button type="button" className="button ghost small" disabled={index === 0} aria-label={`Move step ${index + 1} up`} onClick={() => move(index, -1)}>
                Up
              </button>
              <button
                type="button"
                className="button ghost small"
                disabled={index === value.length - 1}
                aria-label={`Move step ${index + 1} down`}
                onClick={() => move(index, 1)}
              >
                Down
              </button>
              <button
                type="button"
                className="button ghost small"
                disabled={value.length <= 1}
                aria-label={`Remove step ${index + 1}`}
                onClick={() => onChange(value.filter((_, position) => position !== index))}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="button small" onClick={() => onChange([...value, emptyStep()])}>
        Add step
      </button>
    </fieldset>
  );
}
