import { STEP_KINDS, StepKind, type MilestoneKind } from '@verdict/shared';
import { Field } from './form/field';
import { VocabularyOptions } from './vocabulary-options';

export interface StepDraft {
  key: string;
  name: string;
  kind: StepKind;
  terminal: boolean;
  milestone: boolean;
  /** count: N events; relative: N events per unit of an attribute; composite: k of some steps. */
  milestoneKind: MilestoneKind;
  minEvents: string;
  withinDays: string;
  perAttribute: string;
  /** Keys of the steps a composite milestone counts. */
  anyOf: string[];
  atLeast: string;
}

export const MILESTONE_KIND_LABELS: Record<MilestoneKind, string> = {
  count: 'Count: N events',
  relative: 'Relative: N events per unit of an attribute',
  composite: 'Composite: at least k of some steps',
};

export const emptyStep = (kind: StepKind = 'step'): StepDraft => ({
  key: '',
  name: '',
  kind,
  terminal: false,
  milestone: false,
  milestoneKind: 'count',
  minEvents: '10',
  withinDays: '30',
  perAttribute: 'seats',
  anyOf: [],
  atLeast: '1',
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
            {step.milestone && <MilestoneFields index={index} step={step} steps={value} update={(patch) => update(index, patch)} />}
          </li>
        ))}
      </ol>
      <button type="button" className="button small" onClick={() => onChange([...value, emptyStep()])}>
        Add step
      </button>
    </fieldset>
  );
}

/** The fields of one step's milestone, by kind; a composite one picks among the other, non-milestone steps. */
function MilestoneFields({
  index,
  step,
  steps,
  update,
}: {
  index: number;
  step: StepDraft;
  steps: StepDraft[];
  update(patch: Partial<StepDraft>): void;
}) {
  const candidates = steps.filter((other, position) => position !== index && !other.milestone && other.key.trim());
  const toggle = (key: string, checked: boolean) =>
    update({ anyOf: checked ? [...step.anyOf, key] : step.anyOf.filter((candidate) => candidate !== key) });
  return (
    <div className="milestone-fields" role="group" aria-label={`Milestone of step ${index + 1}`}>
      <Field label="Milestone kind" htmlFor={`step-${index}-milestone-kind`}>
        <select
          id={`step-${index}-milestone-kind`}
          value={step.milestoneKind}
          onChange={(event) => update({ milestoneKind: event.target.value as MilestoneKind })}
        >
          {(Object.keys(MILESTONE_KIND_LABELS) as MilestoneKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {MILESTONE_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </Field>
      {step.milestoneKind !== 'composite' && (
        <Field label={step.milestoneKind === 'relative' ? 'Min events per unit' : 'Min events'} htmlFor={`step-${index}-min`} className="narrow">
          <input id={`step-${index}-min`} type="number" min="1" step="1" value={step.minEvents} onChange={(event) => update({ minEvents: event.target.value })} />
        </Field>
      )}
      {step.milestoneKind === 'relative' && (
        <Field label="Per attribute" htmlFor={`step-${index}-per-attribute`} className="narrow">
          <input id={`step-${index}-per-attribute`} value={step.perAttribute} onChange={(event) => update({ perAttribute: event.target.value })} />
        </Field>
      )}
      {step.milestoneKind === 'composite' && (
        <>
          <fieldset className="field bare">
            <legend>Any of these steps</legend>
            {candidates.length === 0 ? (
              <p className="muted small">Add other steps with keys first.</p>
            ) : (
              <div className="checkbox-list">
                {candidates.map((other) => (
                  <label key={other.key} className="checkbox">
                    <input type="checkbox" checked={step.anyOf.includes(other.key.trim())} onChange={(event) => toggle(other.key.trim(), event.target.checked)} />
                    {other.name.trim() || other.key.trim()}
                  </label>
                ))}
              </div>
            )}
          </fieldset>
          <Field label="At least" htmlFor={`step-${index}-at-least`} className="narrow">
            <input
              id={`step-${index}-at-least`}
              type="number"
              min="1"
              max={Math.max(1, step.anyOf.length)}
              step="1"
              value={step.atLeast}
              onChange={(event) => update({ atLeast: event.target.value })}
            />
          </Field>
        </>
      )}
      <Field label="Within days" htmlFor={`step-${index}-days`} className="narrow">
        <input id={`step-${index}-days`} type="number" min="1" step="1" value={step.withinDays} onChange={(event) => update({ withinDays: event.target.value })} />
      </Field>
    </div>
  );
}
