import { EXPECTATION_DIRECTIONS, MAX_COHORT_EXPECTATIONS } from '@verdict/shared';
import type { Cohort, CohortExpectation, ExpectationDirection, FlowStep } from '@verdict/shared';
import { parseEffect } from '../format';
import { VocabularyOptions } from './vocabulary-options';

/** One cohort expectation as the person types it (percentages as text). */
export interface ExpectationDraft {
  cohortKey: string;
  stepKey: string;
  direction: ExpectationDirection;
  /** Empty: the hypothesis' own (no_harm: a 10 % fall). */
  minimumEffectPercent: string;
  baselinePercent: string;
}

export const expectationDraftOf = (e: CohortExpectation): ExpectationDraft => ({
  cohortKey: e.cohortKey,
  stepKey: e.stepKey,
  direction: e.direction,
  minimumEffectPercent: e.minimumEffect ? String(Math.round(e.minimumEffect * 10000) / 100) : '',
  baselinePercent: String(Math.round(e.baselineRate * 10000) / 100),
});

/** The drafts as the API takes them, or the first problem in words. */
export function parseExpectations(drafts: ExpectationDraft[]): CohortExpectation[] | string {
  const parsed: CohortExpectation[] = [];
  for (const [i, draft] of drafts.entries()) {
    const baseline = Number(draft.baselinePercent) / 100;
    const effect = draft.minimumEffectPercent.trim() === '' ? null : parseEffect(draft.minimumEffectPercent);
    if (!draft.cohortKey || !draft.stepKey) return `Expectation ${i + 1}: choose a cohort and a step.`;
    if (!(baseline > 0 && baseline < 1)) return `Expectation ${i + 1}: the baseline must be between 0 and 100 %.`;
    if (effect !== null && Number.isNaN(effect)) return `Expectation ${i + 1}: the minimum effect must be positive, or empty.`;
    parsed.push({ cohortKey: draft.cohortKey, stepKey: draft.stepKey, direction: draft.direction, minimumEffect: effect, baselineRate: baseline });
  }
  return parsed;
}

interface Props {
  idPrefix: string;
  value: ExpectationDraft[];
  onChange(next: ExpectationDraft[]): void;
  steps: FlowStep[];
  cohorts: Cohort[];
}

/** Pre-registered expectations per cohort (persona): each gets its own test and status. */
export function ExpectationsEditor({ idPrefix, value, onChange, steps, cohorts }: Props) {
  const set = (i: number, patch: Partial<ExpectationDraft>) => onChange(value.map((draft, j) => (j === i ? { ...draft, ...patch } : draft)));
  return (
    <fieldset className="field" data-testid="expectations-editor">
      <legend>Cohort expectations (optional, at most {MAX_COHORT_EXPECTATIONS})</legend>
      <p className="muted small">What you expect of each persona: each is judged by its own sequential test and shown beside the verdict; none changes it.</p>
      {value.map((draft, i) => (
        <div className="field-row" key={i}>
          <label>
            Cohort
            <select id={`${idPrefix}-exp-${i}-cohort`} value={draft.cohortKey} onChange={(event) => set(i, { cohortKey: event.target.value })}>
              <option value="">Choose a cohort</option>
              {cohorts.map((cohort) => (
                <option key={cohort.key} value={cohort.key}>
                  {cohort.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Step
            <select id={`${idPrefix}-exp-${i}-step`} value={draft.stepKey} onChange={(event) => set(i, { stepKey: event.target.value })}>
              <option value="">Choose a step</option>
              {steps.map((step) => (
                <option key={step.key} value={step.key}>
                  {step.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Expect
            <select
              id={`${idPrefix}-exp-${i}-direction`}
              value={draft.direction}
              onChange={(event) => set(i, { direction: event.target.value as ExpectationDirection })}
            >
              <VocabularyOptions values={EXPECTATION_DIRECTIONS} />
            </select>
          </label>
          <label>
            Baseline (%)
            <input
              id={`${idPrefix}-exp-${i}-baseline`}
              type="number"
              min="0.01"
              max="99.99"
              step="0.1"
              inputMode="decimal"
              value={draft.baselinePercent}
              onChange={(event) => set(i, { baselinePercent: event.target.value })}
            />
          </label>
          <label>
            Minimum effect (%)
            <input
              id={`${idPrefix}-exp-${i}-effect`}
              type="number"
              min="0.1"
              step="0.1"
              inputMode="decimal"
              placeholder="default"
              value={draft.minimumEffectPercent}
              onChange={(event) => set(i, { minimumEffectPercent: event.target.value })}
            />
          </label>
          <button type="button" className="button ghost" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      {value.length < MAX_COHORT_EXPECTATIONS && (
        <button
          type="button"
          className="button"
          onClick={() => onChange([...value, { cohortKey: '', stepKey: '', direction: 'increase', minimumEffectPercent: '', baselinePercent: '20' }])}
        >
          Add an expectation
        </button>
      )}
    </fieldset>
  );
}
