import { Field } from './form/field';

export interface PriorityScores {
  impact: number;
  confidence: number;
  ease: number;
}

const FIELDS = [
  ['impact', 'Impact'],
  ['confidence', 'Confidence'],
  ['ease', 'Ease'],
] as const;

const SCORES = [1, 2, 3, 4, 5];

/** The three 1–5 priority selects (score = impact × confidence × ease), for creating and editing a hypothesis. */
export function PriorityFields({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: PriorityScores;
  onChange(value: PriorityScores): void;
}) {
  return (
    <div className="field-row">
      {FIELDS.map(([name, label]) => (
        <Field key={name} label={`${label} (1–5)`} htmlFor={`${idPrefix}-${name}`}>
          <select
            id={`${idPrefix}-${name}`}
            value={value[name]}
            onChange={(event) => onChange({ ...value, [name]: Number(event.target.value) })}
          >
            {SCORES.map((score) => (
              <option key={score} value={score}>
                {score}
              </option>
            ))}
          </select>
        </Field>
      ))}
    </div>
  );
}
